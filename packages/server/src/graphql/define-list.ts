/**
 * One declaration per listed entity (`defineList`) says what the metadata cannot: the root field's
 * name, how a row reaches the organisation tree (for `orgId`), which fields may order it, its
 * has-many connections and its SQL-computed fields. Everything else — the filter input, the order
 * enum, the connection types, relation fields, relation filters — is derived from MikroORM's and
 * type-graphql's metadata at schema build (`list-types.ts`), so a new entity cannot miss a part.
 */
import type { Sql } from './sql.js';
import type { EntityClass } from './model.js';

export interface HasMany {
  /** The entity listed. */
  target: () => EntityClass;
  /** Its many-to-one property that points back at the parent. */
  via: string;
  zh: string;
  en: string;
}

/** A fact's analyst aggregate (`<queryName>Aggregate`): present to have one, with the ratios it defines. */
export interface AggregateSpec {
  /** Ratios (percent) the entity defines: rows meeting `numerator` among rows meeting `denominator`. */
  ratios?: Record<string, { zh: string; en: string; numerator: (t: Sql) => Sql; denominator: (t: Sql) => Sql }>;
  /** Whole-number columns that are measures only, never group keys (scores, counts). */
  measureOnly?: string[];
}

export interface ListSpec {
  entity: EntityClass;
  /** Root field name, e.g. "members". */
  queryName: string;
  zh: string;
  en: string;
  /**
   * Relation paths from this entity to organisations: a row is "under X" (`orgId`) when the
   * organisation at any of these paths lies in X's subtree. '' means the entity is an organisation.
   */
  scope: string[];
  /** How `orgId` reaches the tree, when it is not simply "its organisation". */
  scopeNote?: [zh: string, en: string];
  /** Properties a list of this entity can be ordered by (`id` is always the final tie-break). */
  orderBy: string[];
  /** Has-many fields of this entity's type, each a connection with the same arguments as a root list. */
  hasMany?: Record<string, HasMany>;
  /** GraphQL fields computed in SQL from columns the schema does not expose (e.g. a masked name). */
  computed?: Record<string, (table: Sql) => Sql>;
  /** Properties a hand-written field resolver needs from the row (e.g. both introducers). */
  requires?: Record<string, string[]>;
  /** The fact's analyst aggregate (graphql/aggregate.ts), when it has one. */
  aggregate?: AggregateSpec;
}

const specs = new Map<string, ListSpec>();

/** Declares the list of an entity; the schema build turns every declaration into types and resolvers. */
export function defineList(spec: ListSpec): ListSpec {
  if (specs.has(spec.entity.name)) throw new Error(`${spec.entity.name} has two list declarations`);
  specs.set(spec.entity.name, spec);
  return spec;
}

/** Every declaration, in declaration order. */
export const listSpecs = (): ListSpec[] => [...specs.values()];

export function specOf(entity: string): ListSpec {
  const spec = specs.get(entity);
  if (!spec) throw new Error(`${entity} has no list declaration (defineList)`);
  return spec;
}
