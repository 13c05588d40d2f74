/**
 * The one way an enum reaches the GraphQL schema: registered with type-graphql, its description and
 * every value's described in Chinese and English ("中文 / English"), and remembered with its stored values
 * in sort order (for ordering and filtering by it). Domain enums, the catalog's enums, the aggregates'
 * and the lists' order fields all come through here.
 */
import { registerEnumType } from 'type-graphql';

type Labels<E extends Record<string, string>> = { [K in keyof E]: string };

export interface EnumInfo {
  name: string;
  /** Stored values in ascending sort order. */
  ascending: readonly string[];
  /** Chinese label of each stored value (the part before " / "). */
  zh: Readonly<Record<string, string>>;
}

/** Every registered enum, by its object (what a MikroORM property's `items` point at). */
export const enumInfo = new Map<object, EnumInfo>();

export function registerBilingualEnum<E extends Record<string, string>>(
  e: E,
  name: string,
  description: string,
  labels: Labels<E>,
  options: { ranked?: boolean } = {},
): E {
  for (const text of [description, ...Object.values<string>(labels)]) {
    if (!text.includes(' / ')) throw new Error(`${name}: "${text}" is not bilingual ("中文 / English")`);
  }
  const valuesConfig = Object.fromEntries(Object.keys(e).map((k) => [k, { description: labels[k as keyof E] }]));
  const declared = Object.values(e);
  const [zh, en] = description.split(' / ');
  const ranked = `${zh}（排序由低到高） / ${en} (sorts from lowest to highest)`;
  registerEnumType(e, { name, description: options.ranked ? ranked : description, valuesConfig: valuesConfig as never });
  enumInfo.set(e, {
    name,
    ascending: options.ranked ? declared.toReversed() : declared,
    zh: Object.fromEntries(Object.entries(e).map(([k, v]) => [v, labels[k as keyof E].split(' / ')[0]])),
  });
  return e;
}
