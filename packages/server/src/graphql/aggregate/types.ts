/** What an aggregate is asked (its arguments, as GraphQL coerces them) and what it answers (its groups). */
import type { OrderDirection } from '../type-factories.js';
import type { AggregateFunction, AggregateTotals } from './enums.js';

export interface MeasureInput {
  fn: AggregateFunction;
  field?: string | null;
  p?: number | null;
  ratio?: string | null;
}

export type HavingOp = 'eq' | 'gt' | 'gte' | 'lt' | 'lte';

export interface AggregateArgs {
  filter?: Record<string, unknown> | null;
  groupBy?: string[] | null;
  having?: ({ measure: MeasureInput } & Partial<Record<HavingOp, number | null>>)[] | null;
  orderBy?: { key?: string | null; measure?: MeasureInput | null; direction?: OrderDirection }[] | null;
  limit?: number | null;
  totals?: AggregateTotals;
  fillGaps?: boolean;
  timeZone?: string | null;
}

export interface GroupRow {
  keys: Record<string, unknown>;
  groupedBy: string[];
  isSubtotal: boolean;
  isTotal: boolean;
  isFilled: boolean;
  count: number;
  /** Measures by response key. */
  m: Record<string, number | null>;
}
