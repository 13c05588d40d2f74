/** What the engine answers per organisation, period and indicator: a point (and a board value, a point with its comparisons). */
import type { NullReason, Period, Provenance, Status } from '@party-hub/schema/indicators';
import type { ReportedFigure } from './reports.js';

export interface Target {
  /** For this period: a count's target pro-rated to the period's months (targetShare). */
  target: number | null;
  warning: number | null;
  /** As set, per period of the indicator's grain. */
  setTarget: number | null;
  setWarning: number | null;
  /** Where it was set: null for the catalog's default. */
  setOnOrgId: number | null;
  effectiveFrom: string | null;
}

export interface Point {
  indicatorId: string;
  orgId: number;
  /** The period asked. */
  period: Period;
  /** The span measured: the period itself, or its grain to date (judgement.ts). */
  judged: Period;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  nullReason: NullReason | null;
  target: Target;
  status: Status | null;
  /** The grain has ended and the month is past: the figure is final. */
  complete: boolean;
  /** For an in-progress value whose months have ended, whether it is on pace (null: no pace defined or complete). */
  onPace: boolean | null;
  /** A rate over fewer than SMALL_BASE subjects. */
  smallBase: boolean;
  /** Where the value comes from (reports.ts): the records, a reported figure, or a figure withheld. */
  provenance: Provenance;
  /** The organisation's own report for the judged span: the value itself, or beside the records (a discrepancy). */
  reported: ReportedFigure | null;
  /** An organisation under it did not disclose, or reported a rate without its counts: the total is partial. */
  incomplete: boolean;
}

export interface BoardValue extends Point {
  previous: Point;
  yearAgo: Point;
  /** The last complete period of the indicator's grain (the point itself when it is complete). */
  lastComplete: Point;
}

/** Today's month in Asia/Shanghai: what "complete" is judged against. */
