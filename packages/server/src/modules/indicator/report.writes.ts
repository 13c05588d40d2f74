/**
 * Reported and undisclosed figures (reportIndicatorValue): a figure an organisation keeps outside the hub
 * or withholds, for one indicator and one period of its grain or longer. One row per organisation,
 * indicator and period: a second report corrects the first (the audit log keeps both). No cell moves: the
 * engine reads reports beside the cells (indicators/reports.ts), so the write only announces the change.
 */
import { currentMonth, indicator, month, parsePeriod, PeriodError, type Indicator, type Period } from '@party-hub/schema/indicators';
import { Reason } from '../../errors.js';
import { Problems } from '../../graphql/problems.js';
import type { WriteResult } from '../../graphql/write-result.js';
import { transact, type WriteContext } from '../../indicators/writes.js';
import type { IndicatorDisclosure } from './indicator.types.js';

/** The largest count a report can carry (a hospital's yearly figures stay far below). */
export const MAX_REPORTED_COUNT = 1_000_000_000;
/** Within this many points, a rate and its counts agree (the value is rounded to one decimal where reported). */
const RATE_TOLERANCE = 0.05;
export const SOURCE_LENGTH = 500;

export interface ReportInput {
  orgId: string;
  indicatorId: string;
  period: string;
  disclosure: IndicatorDisclosure;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  source: string | null;
}

const GRAIN_TEXT = { MONTH: ['月', 'month'], QUARTER: ['季度', 'quarter'], YEAR: ['年', 'year'] } as const;
const LONGER: Record<string, readonly string[]> = { MONTH: ['MONTH', 'QUARTER', 'YEAR'], QUARTER: ['QUARTER', 'YEAR'], YEAR: ['YEAR'] };

/**
 * The indicator, when it is one the engine stores (the integration index is computed from the others). This
 * and the rules below check the reports import's rows too (modules/import/reports.plan.ts).
 */
export function reportable(p: Pick<Problems, 'add'>, id: string): Indicator | null {
  const def = indicator(id);
  if (!def) {
    p.add('indicatorId', Reason.indicatorUnknown, `指标 “${id}” 不存在`, `no indicator “${id}”`);
    return null;
  }
  if (def.rollup === 'DERIVED') {
    p.add(
      'indicatorId',
      Reason.indicatorDerived,
      `${id} 由其他指标计算得出，不能直接报送`,
      `${id} is computed from other indicators: it cannot be reported`,
    );
    return null;
  }
  return def;
}

/** A whole period of the indicator's grain or a longer one, begun already (a month, quarter or year; never a part of one). */
export function reportPeriod(p: Pick<Problems, 'add'>, input: string, def: Indicator | null): Period | null {
  let period: Period;
  try {
    period = parsePeriod(input);
  } catch (err) {
    if (!(err instanceof PeriodError)) throw err;
    p.add(
      'period',
      Reason.periodInvalid,
      `“${input}” 不是有效的期间（如 2026-11、2026-Q3、2026）`,
      `“${input}” is not a period (e.g. 2026-11, 2026-Q3, 2026)`,
    );
    return null;
  }
  const now = currentMonth();
  if (period.start > month(now.year, now.month).start) {
    p.add('period', Reason.periodFuture, `期间 ${period.key} 尚未开始`, `period ${period.key} has not begun`);
    return null;
  }
  if (period.start < '1921-07-01') {
    p.add('period', Reason.periodRange, '期间不能早于 1921 年 7 月', 'a period cannot begin before July 1921');
    return null;
  }
  if (def && !LONGER[def.grain]!.includes(period.grain)) {
    const [zh, en] = GRAIN_TEXT[def.grain as keyof typeof GRAIN_TEXT];
    p.add(
      'period',
      Reason.periodInvalid,
      `${def.id} 按${zh}考核：报送整${zh}或更长的期间（不接受 ${period.key}）`,
      `${def.id} is judged by ${en}: report a whole ${en} or longer (not ${period.key})`,
    );
    return null;
  }
  return period;
}

export type ReportFigure = Pick<ReportInput, 'disclosure' | 'value' | 'numerator' | 'denominator'>;

/** The figure's fields for its disclosure and the indicator's kind; returns the value to store. */
export function figure(p: Pick<Problems, 'add' | 'has'>, r: ReportFigure, def: Indicator | null): number | null {
  const given = (['value', 'numerator', 'denominator'] as const).filter((f) => r[f] != null);
  if (r.disclosure === 'NOT_DISCLOSED') {
    for (const f of given) p.add(f, Reason.inputInconsistent, '“未披露”不带数值', 'a figure withheld carries no number');
    return null;
  }
  for (const f of given) {
    const x = r[f]!;
    if (!Number.isFinite(x) || x < 0 || x > MAX_REPORTED_COUNT)
      p.add(f, Reason.inputOutOfRange, `应在 0–${MAX_REPORTED_COUNT}`, `must be 0–${MAX_REPORTED_COUNT.toLocaleString('en')}`);
  }
  if (!def || p.has('value') || p.has('numerator') || p.has('denominator')) return null;
  if (!def.denominator) {
    for (const f of ['numerator', 'denominator'] as const)
      if (r[f] != null) p.add(f, Reason.inputInconsistent, '计数类指标只报送数值', 'a count is reported as its value alone');
    if (r.value == null) p.add('value', Reason.inputRequired, '请填写报送的数值', 'the value reported is required');
    return r.value;
  }
  return rate(p, r);
}

/** A rate: its value 0–100, or its counts (numerator ≤ denominator, denominator > 0), or both agreeing. */
function rate(p: Pick<Problems, 'add' | 'has'>, r: ReportFigure): number | null {
  const counts = r.numerator != null || r.denominator != null;
  if (counts && (r.numerator == null || r.denominator == null)) {
    const missing = r.numerator == null ? 'numerator' : 'denominator';
    p.add(missing, Reason.inputRequired, '分子与分母须同时报送', 'a numerator and a denominator come together');
    return null;
  }
  if (r.value == null && !counts) {
    p.add('value', Reason.inputRequired, '请填写比率（0–100）或分子与分母', 'give the rate (0–100) or its numerator and denominator');
    return null;
  }
  if (r.value != null && r.value > 100) p.add('value', Reason.inputOutOfRange, '比率应在 0–100', 'a rate is 0–100');
  if (!counts) return r.value;
  if (r.denominator === 0)
    p.add('denominator', Reason.inputOutOfRange, '分母应大于 0（无统计对象时不必报送）', 'the denominator must be above 0');
  else if (r.numerator! > r.denominator!)
    p.add('numerator', Reason.inputOutOfRange, '分子不能大于分母', 'the numerator cannot exceed the denominator');
  if (p.has('value') || p.has('numerator') || p.has('denominator')) return null;
  const computed = Math.round((1_000_000 * r.numerator!) / r.denominator!) / 10_000;
  if (r.value != null && Math.abs(r.value - computed) > RATE_TOLERANCE)
    p.add('value', Reason.inputInconsistent, `比率与分子分母不符（应为 ${computed}）`, `the rate does not match its counts (${computed})`);
  return r.value ?? computed;
}

/** The stored row of a checked figure (`value` as `figure` returned it): a withheld one carries no number, a count no counts. */
export function reportRow(r: ReportFigure, def: Indicator, value: number | null, source: string | null) {
  const withheld = r.disclosure === 'NOT_DISCLOSED';
  return {
    disclosure: withheld ? ('not_disclosed' as const) : ('reported' as const),
    value: withheld ? null : value,
    numerator: withheld || !def.denominator ? null : r.numerator,
    denominator: withheld || !def.denominator ? null : r.denominator,
    source,
  };
}

/** Records or corrects a reported figure, or that it is not disclosed. */
export async function reportIndicatorValue(ctx: WriteContext, r: ReportInput): Promise<WriteResult> {
  const p = new Problems('reportIndicatorValue');
  const org = p.id('orgId', r.orgId, 'Organization');
  const def = reportable(p, r.indicatorId);
  const period = reportPeriod(p, r.period, def);
  const value = figure(p, r, def);
  const source = r.source?.trim() || null;
  if (source && source.length > SOURCE_LENGTH)
    p.add('source', Reason.inputTooLong, `最多 ${SOURCE_LENGTH} 个字符`, `at most ${SOURCE_LENGTH} characters`);
  await p.mustExist(ctx.pool, 'orgId', 'organization', org, 'Organization');
  p.check();
  const row = reportRow(r, def!, value, source);
  return transact(ctx, { tables: ['indicator_report'] }, async (tx) => {
    const key = [org, def!.id, period!.key];
    const before =
      (
        await tx.client.query(
          `select disclosure, value::float8, numerator::float8, denominator::float8, source from indicator_report
           where org_id = $1 and indicator_id = $2 and period = $3`,
          key,
        )
      ).rows[0] ?? null;
    const { rows } = await tx.client.query(
      `insert into indicator_report (org_id, indicator_id, period, disclosure, value, numerator, denominator, source)
       values ($1, $2, $3, $4, $5, $6, $7, $8)
       on conflict (org_id, indicator_id, period) do update set disclosure = excluded.disclosure, value = excluded.value,
         numerator = excluded.numerator, denominator = excluded.denominator, source = excluded.source, created_at = now()
       returning id`,
      [...key, row.disclosure, row.value, row.numerator, row.denominator, row.source],
    );
    tx.announce({ orgIds: [org], from: period!.start }, [def!.id, 'integration_index']);
    tx.audit({
      action: 'indicator.report',
      entity: 'indicator_report',
      entityId: rows[0].id,
      before,
      after: { indicatorId: def!.id, period: period!.key, ...row },
    });
    return { id: null, rows: 1 };
  });
}

/**
 * Withdraws a reported (or undisclosed) figure entered by mistake, with a reason: the period reads from
 * the records again. The audit entry keeps the report as it was; withdrawing one that is not there (or
 * gone already) is a coded not found.
 */
export async function withdrawIndicatorReport(
  ctx: WriteContext,
  orgId: string,
  indicatorId: string,
  period: string,
  reason: string,
): Promise<WriteResult> {
  const p = new Problems('withdrawIndicatorReport');
  const org = p.id('orgId', orgId, 'Organization');
  const def = reportable(p, indicatorId);
  const at = reportPeriod(p, period, def);
  const why = p.reason('reason', reason);
  await p.mustExist(ctx.pool, 'orgId', 'organization', org, 'Organization');
  p.check();
  return transact(ctx, { tables: ['indicator_report'] }, async (tx) => {
    await tx.lock([org]);
    const { rows } = await tx.client.query(
      `delete from indicator_report r where org_id = $1 and indicator_id = $2 and period = $3 returning r.id, to_jsonb(r) as row`,
      [org, def!.id, at!.key],
    );
    if (!rows.length) {
      const none = new Problems('withdrawIndicatorReport');
      none.add(
        'period',
        Reason.idNotFound,
        `该党组织没有 ${def!.id} 在 ${at!.key} 的报送值`,
        `this organisation has no report of ${def!.id} for ${at!.key}`,
      );
      none.check();
    }
    tx.announce({ orgIds: [org], from: at!.start }, [def!.id, 'integration_index']);
    tx.audit({
      action: 'indicator.report.withdraw',
      entity: 'indicator_report',
      entityId: rows[0].id,
      before: rows[0].row,
      after: { reason: why },
    });
    return { id: null, rows: 1 };
  });
}
