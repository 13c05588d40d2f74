/**
 * How a write refuses its input: every bad field is collected first (the bounds declared on the input
 * classes, graphql/bounds.ts, then the rules that need the database), and one coded, bilingual error
 * lists all of them (extensions.problems, each with its field path and reason); nothing is written.
 */
import type pg from 'pg';
import { addDays, EARLIEST_FACT, PLANNING_HORIZON_DAYS, today } from '../domain/dates.js';
import { ErrorCode, HubError, Reason, type ReasonCode } from '../errors.js';
import { boundProblems } from './bounds.js';
import { fromGlobalId } from './global-id.js';

export interface Problem {
  /** The argument path, e.g. "recordActivity.input.attendance.3.hours". */
  field: string;
  reason: ReasonCode;
  zh: string;
  en: string;
}

interface Queryable {
  query(text: string, values?: unknown[]): Promise<pg.QueryResult>;
}

/** The longest reason a deletion or correction may give. */
export const REASON_MAX = 500;

const isDate = (s: unknown): s is string =>
  typeof s === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));

/** Collects every bad field of an input; `check()` throws one coded error listing all of them. */
export class Problems {
  readonly list: Problem[] = [];
  constructor(readonly root: string) {}

  /** Problems of `root`, starting with what the input's declared bounds refuse (graphql/bounds.ts). */
  static async of(root: string, input?: object | null): Promise<Problems> {
    const p = new Problems(root);
    if (input) for (const b of await boundProblems(input)) p.add(b.path, b.reason, b.zh, b.en);
    return p;
  }

  /** Adds what the declared bounds refuse in a nested input or a list of them, under `field`. */
  async bounds(field: string, value: object | readonly object[] | null | undefined): Promise<void> {
    const items = Array.isArray(value) ? value.map((v, i) => [`${field}.${i}`, v] as const) : value ? [[field, value] as const] : [];
    for (const [at, item] of items) for (const b of await boundProblems(item)) this.add(`${at}.${b.path}`, b.reason, b.zh, b.en);
  }

  add(field: string, reason: ReasonCode, zh: string, en: string): void {
    this.list.push({ field: `${this.root}.${field}`, reason, zh, en });
  }

  /** Whether a field (or anything under it) is already refused. */
  has(field: string): boolean {
    const path = `${this.root}.${field}`;
    return this.list.some((x) => x.field === path || x.field.startsWith(`${path}.`));
  }

  get ok(): boolean {
    return this.list.length === 0;
  }

  check(): void {
    if (!this.list.length) return;
    const first = this.list[0]!;
    const others = this.list.length - 1;
    throw new HubError({
      code: ErrorCode.badInput,
      reason: first.reason,
      field: first.field.split('.'),
      zh: `${first.field}：${first.zh}${others ? `（另有 ${others} 处错误，见 problems）` : ''}；未写入任何数据`,
      en: `${first.field}: ${first.en}${others ? ` (and ${others} more, see problems)` : ''}; nothing was written`,
      problems: this.list,
    });
  }

  /** The row id of a global id of `type` (null for null), or null with a problem. */
  id(field: string, value: string | null | undefined, type: string): number | null {
    if (value == null) return null;
    const decoded = fromGlobalId(value);
    if (!decoded || decoded.type !== type) {
      this.add(field, Reason.idInvalid, `“${value}” 不是有效的 ${type} ID`, `“${value}” is not a ${type} id`);
      return null;
    }
    return decoded.id;
  }

  /** Adds a problem when a decoded id names no row of `table`. */
  async mustExist(db: Queryable, field: string, table: string, id: number | null, type: string): Promise<void> {
    if (id == null) return;
    if ((await db.query(`select 1 from ${table} where id = $1`, [id])).rowCount === 1) return;
    this.add(field, Reason.idNotFound, `${type} ${id} 不存在`, `${type} ${id} does not exist`);
  }

  /**
   * The reason for a deletion or correction, trimmed (kept in the audit log): at least 2 and at most
   * REASON_MAX characters; optional ones may be left out (null).
   */
  reason(field: string, value: string | null | undefined, required = true): string | null {
    const text = value?.trim() ?? '';
    if (!text && !required) return null;
    if ([...text].length < 2) this.add(field, Reason.reasonRequired, '请说明理由（至少 2 个字）', 'give a reason (at least 2 characters)');
    else if (text.length > REASON_MAX)
      this.add(field, Reason.inputTooLong, `理由最多 ${REASON_MAX} 个字符`, `a reason has at most ${REASON_MAX} characters`);
    return text;
  }

  /** Adds a problem when a list argument has fewer than `min` or more than `max` items. */
  size(field: string, list: readonly unknown[], min: number, max: number): void {
    if (list.length < min)
      this.add(field, Reason.inputRequired, min === 1 ? '至少一项' : `至少 ${min} 项`, min === 1 ? 'at least one' : `at least ${min}`);
    if (list.length > max) this.add(field, Reason.inputTooMany, `一次最多 ${max} 项`, `at most ${max.toLocaleString('en')} at once`);
  }

  /**
   * Whether a date is plausible: a calendar date, not before the earliest fact (domain/dates.ts), and not
   * after today — or, for what may be planned, not beyond the planning horizon. A problem when not.
   */
  plausibleDate(field: string, value: unknown, when: 'past' | 'planned' = 'past'): value is string {
    if (!this.date(field, value)) return false;
    const latest = when === 'past' ? today() : addDays(today(), PLANNING_HORIZON_DAYS);
    if (value < EARLIEST_FACT) {
      this.add(field, Reason.dateOutOfRange, `日期不能早于 ${EARLIEST_FACT}`, `a date cannot be before ${EARLIEST_FACT}`);
      return false;
    }
    if (value > latest) {
      this.add(
        field,
        Reason.dateOutOfRange,
        when === 'past' ? '已发生的事实日期不能晚于今天' : `日期不能晚于 ${latest}（一年内）`,
        when === 'past' ? 'a fact that happened cannot be dated after today' : `a date cannot be after ${latest} (a year ahead)`,
      );
      return false;
    }
    return true;
  }

  /** Whether a value is a calendar date (YYYY-MM-DD); a problem when not. */
  date(field: string, value: unknown): value is string {
    if (isDate(value)) return true;
    this.add(
      field,
      Reason.inputInvalidDate,
      `“${String(value)}” 不是有效日期（YYYY-MM-DD）`,
      `“${String(value)}” is not a date (YYYY-MM-DD)`,
    );
    return false;
  }
}
