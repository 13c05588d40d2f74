/**
 * One declaration per listed entity (`defineList`) says what the metadata cannot: the root field's
 * name, how a row reaches the organisation tree (for `orgId`), which fields may order it, its
 * has-many connections and its SQL-computed fields. Everything else — the filter input, the order
 * enum, the connection types, relation fields, relation filters — is derived from MikroORM's and
 * type-graphql's metadata at schema build (`list-types.ts`), so a new entity cannot miss a part.
 */
import type { Sql } from '../db/sql.js';
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
  /**
   * Whole numbers computed per row in a year (a member's age reached in that year), grouped in bands whose edges
   * the query may set (`<name>BandEdges`, the year `asOfYear`): the key `<NAME>_BAND` reads `<25`, `25–34` … `≥55`.
   */
  bands?: Record<string, Band>;
  /**
   * The column of this table naming the person a row is about (`id` on member, `member_id` on attendance):
   * for a caller without personal access a group standing on 1 … HUB_MIN_CELL − 1 persons is suppressed
   * (aggregate/suppress.ts). Rows about no person (a collective honour) count for nobody.
   */
  persons?: string;
}

export interface Band {
  zh: string;
  en: string;
  /** The value on row `t` in `year` (an int expression). */
  value: (t: Sql, year: Sql) => Sql;
  /** The default edges: each starts a band. */
  edges: number[];
  /** The largest edge a query may set. */
  max: number;
}

/** A whole number computed in SQL that a filter may range over (`birthYear`), without exposing the column behind it. */
export interface ComputedFilter {
  zh: string;
  en: string;
  value: (t: Sql) => Sql;
}

export interface PersonalField {
  /** The value as stored. */
  value: (t: Sql) => Sql;
  /** Sensitive (敏感个人信息): without `reveal: true`, this masked form instead. */
  masked?: (t: Sql) => Sql;
}

/** A personal field's plan key: its name, marked when `reveal: true` asks for the stored value. */
export const personalKey = (name: string, reveal: boolean): string => (reveal ? `${name}:reveal` : name);

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
  /**
   * Reference data (the tree's names, hospitals, departments, surveys): every role reads all of it, so no
   * access scope is compiled into its statements. Facts (everything else) are read within the account's scope.
   */
  reference?: true;
  /** Properties a list of this entity can be ordered by (`id` is always the final tie-break). */
  orderBy: string[];
  /** Has-many fields of this entity's type, each a connection with the same arguments as a root list. */
  hasMany?: Record<string, HasMany>;
  /** GraphQL fields computed in SQL from columns the schema does not expose (e.g. a masked name). */
  computed?: Record<string, (table: Sql) => Sql>;
  /**
   * Personal data (个人信息): fields only roles that may see a person's row reach (modules/account/gate.ts), each
   * with a `reveal` argument. A sensitive one (ID-card number, mobile) comes masked unless `reveal: true`; every
   * read that returns any of them is audited (fields, record ids, revealed or not).
   */
  personal?: Record<string, PersonalField>;
  /** Whole numbers computed in SQL that the filter takes as an IntFilter (e.g. a birth year, not the birth date). */
  computedFilters?: Record<string, ComputedFilter>;
  /** Properties a hand-written field resolver needs from the row (e.g. both introducers). */
  requires?: Record<string, string[]>;
  /** The fact's analyst aggregate (graphql/aggregate.ts), when it has one. */
  aggregate?: AggregateSpec;
}

const LIST = Symbol('list declaration');

/** Declares the list of an entity; the features index hands it to the schema build, which makes its types and resolvers. */
export function defineList(spec: ListSpec): ListSpec {
  return Object.assign(spec, { [LIST]: true });
}

/** Whether a value is a list declaration (for the test that every declared list reaches the schema). */
export const isListSpec = (value: unknown): value is ListSpec =>
  typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[LIST] === true;

const specs = new Map<string, ListSpec>();

/** The lists of this process, set once by the schema build from the features it is given. */
export function useLists(lists: readonly ListSpec[]): void {
  if (specs.size) return;
  for (const spec of lists) {
    if (specs.has(spec.entity.name)) throw new Error(`${spec.entity.name} has two list declarations`);
    specs.set(spec.entity.name, spec);
  }
}

/** Every list of the schema, in the features' order. */
export const listSpecs = (): ListSpec[] => [...specs.values()];

export function specOf(entity: string): ListSpec {
  const spec = specs.get(entity);
  if (!spec) throw new Error(`${entity} has no list declaration (defineList) in a feature's index`);
  return spec;
}
