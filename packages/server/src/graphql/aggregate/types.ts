/** What an aggregate is asked (its arguments as GraphQL coerces them, having's comparisons) and what it answers (its groups). */
import type { CompareTo, OrderDirection } from '../type-factories.js';
import type { AggregateFunction, AggregateTotals } from './enums.js';

export interface MeasureInput {
  fn: AggregateFunction;
  field?: string | null;
  p?: number | null;
  ratio?: string | null;
}

/** The comparisons a having condition makes: its SQL operator and its labels. */
export const HAVING_OPS = {
  eq: { sql: '=', zh: '等于', en: 'equal to' },
  gt: { sql: '>', zh: '大于', en: 'greater than' },
  gte: { sql: '>=', zh: '不小于', en: 'at least' },
  lt: { sql: '<', zh: '小于', en: 'less than' },
  lte: { sql: '<=', zh: '不大于', en: 'at most' },
} as const;
export type HavingOp = keyof typeof HAVING_OPS;

export interface AggregateArgs {
  filter?: Record<string, unknown> | null;
  groupBy?: string[] | null;
  having?: ({ measure: MeasureInput } & Partial<Record<HavingOp, number | null>>)[] | null;
  orderBy?: { key?: string | null; measure?: MeasureInput | null; direction?: OrderDirection }[] | null;
  limit?: number | null;
  totals?: AggregateTotals;
  fillGaps?: boolean;
  timeZone?: string | null;
  /** Each group with the group of the same other keys in the bucket before, or a year before. */
  compareTo?: CompareTo | null;
  /** The year banded keys are taken in. */
  asOfYear?: number | null;
  /** `<band>BandEdges`, as the list's bands name them. */
  [bandEdges: `${string}BandEdges`]: number[] | null | undefined;
}

export interface GroupRow {
  keys: Record<string, unknown>;
  groupedBy: string[];
  isSubtotal: boolean;
  isTotal: boolean;
  isFilled: boolean;
  /** Null when the group is suppressed (suppress.ts). */
  count: number | null;
  /** Whether its figures are withheld: it stands on too few persons for the caller (suppress.ts). */
  suppressed?: boolean;
  /** The distinct persons it stands on, when the caller's figures over persons are suppressed when small. */
  persons?: number;
  /** Measures by response key. */
  m: Record<string, number | null>;
  /** With compareTo: the group of the same other keys in the period compared with (null when it had none). */
  compared?: GroupRow | null;
  /** With compareTo: this group minus the compared one (null when there is none). */
  change?: GroupRow | null;
}
