/**
 * Relay global ids: base64url("Type:rowId"). Opaque to clients, decodable here.
 */
import type { Row } from '../db/reader.js';
import { badInput, Reason } from '../errors.js';
import type { EntityModel } from './model.js';

export function toGlobalId(type: string, id: number): string {
  // Kept per type (bounded): an aggregate's every group and a list's every row ask again for the same few
  // thousand ids, and encoding one allocates a buffer each time.
  let ids = GLOBAL_IDS.get(type);
  if (!ids) GLOBAL_IDS.set(type, (ids = new Map()));
  let g = ids.get(id);
  if (g === undefined) {
    if (ids.size >= 50_000) ids.clear();
    ids.set(id, (g = Buffer.from(`${type}:${id}`, 'utf8').toString('base64url')));
  }
  return g;
}
const GLOBAL_IDS = new Map<string, Map<number, string>>();

/** Decodes a global id; returns null when it is not one of ours. */
export function fromGlobalId(globalId: string): { type: string; id: number } | null {
  let text: string;
  try {
    text = Buffer.from(globalId, 'base64url').toString('utf8');
  } catch {
    return null;
  }
  const match = /^([A-Za-z]+):(\d{1,16})$/.exec(text);
  if (!match) return null;
  const id = Number(match[2]);
  const max = BIGINT_IDS.has(match[1]!) ? Number.MAX_SAFE_INTEGER : 2147483647;
  return Number.isSafeInteger(id) && id > 0 && id <= max ? { type: match[1]!, id } : null;
}

/**
 * Types whose rows have a `bigint` id (a partitioned fact table, db/partitions.ts): their global ids carry up
 * to 2⁵³ − 1, the largest integer a JSON number keeps exactly; every other type's id is an `int`.
 */
const BIGINT_IDS: ReadonlySet<string> = new Set(['SurveyResponse']);

/** Decodes a global id of the expected type, or throws a coded error naming the argument. */
export function decodeId(value: string, type: string, field: string[]): number {
  const decoded = fromGlobalId(value);
  if (!decoded) throw badInput(Reason.idInvalid, field, `"${value}" 不是有效的ID`, `"${value}" is not a valid id`);
  if (decoded.type !== type) {
    throw badInput(
      Reason.idWrongType,
      field,
      `ID "${value}" 属于 ${decoded.type}，此处需要 ${type}`,
      `id "${value}" is a ${decoded.type}, ${type} expected here`,
    );
  }
  return decoded.id;
}

/** Where a row keeps the name of its GraphQL type (for `Node`'s resolveType); a symbol, so never serialised. */
export const TYPENAME = Symbol('typename');

/**
 * Marks a fetched row as a `model` row, in place. Rows stay plain objects: as instances of the
 * entity classes they would run MikroORM's property accessors on every assignment (measured: a fifth
 * of a nested list query's time).
 */
export function asEntity(model: EntityModel, row: Row): Row {
  (row as Record<symbol, unknown>)[TYPENAME] = model.name;
  return row;
}
