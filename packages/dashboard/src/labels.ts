/**
 * Enum values in words: the labels are generated from the schema's own descriptions (`中文 / English`,
 * @party-hub/schema/labels), never kept by hand here; an unknown value shows as itself.
 */
import type { Lang } from './format.ts';

export type EnumLabels = Readonly<Record<string, { readonly zh: string; readonly en: string }>>;

export function enumLabel(labels: EnumLabels, value: string | null | undefined, lang: Lang): string {
  if (!value) return '—';
  return labels[value]?.[lang] ?? value;
}
