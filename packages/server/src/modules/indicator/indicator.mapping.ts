/** From the engine's points to the API's types, and the arguments every indicator query shares. */
import {
  INDICATOR_IDS,
  currentMonth,
  month as monthPeriod,
  type Period,
  CATEGORIES,
  DEPARTMENT_BREAKDOWN,
  ROLLUPS,
  UNITS,
  indicator as definition,
  judgementOf,
  paceRule,
  type Indicator,
} from '@party-hub/schema/indicators';
import type { Context } from '../../context.js';
import { badInput, orgNotFound, Reason } from '../../errors.js';
import { d } from '../../graphql/describe.js';
import { assertInScope } from '../../graphql/scope.js';
import { decodeId } from '../../graphql/global-id.js';
import { change, type BoardValue, type Point } from '../../indicators/engine.js';
import { orgInfo } from '../../org-tree/tree.js';
import type { IndicatorDefinition, IndicatorPoint, IndicatorTargetInfo, IndicatorValue, LocalizedText } from './indicator.types.js';

export const text = (t: { zh: string; en: string }): LocalizedText => ({ zh: t.zh, en: t.en });

export const catalogTarget = (def: Indicator): Point['target'] => ({
  target: def.target,
  warning: def.warning,
  setTarget: def.target,
  setWarning: def.warning,
  setOnOrgId: null,
  effectiveFrom: null,
});

export function targetInfo(t: Point['target']): IndicatorTargetInfo {
  return {
    target: t.target,
    warning: t.warning,
    asSet: t.setTarget,
    warningAsSet: t.setWarning,
    isDefault: t.setOnOrgId == null,
    effectiveFrom: t.effectiveFrom,
    setOnOrgId: t.setOnOrgId,
  };
}

/**
 * An indicator's definition with the target that applies. Kept per target object (the catalog's default
 * targets are one object per indicator, so a board's 42 definitions are made once, not per request: their
 * judgement sentences were built every time); definitions are never changed after they are made.
 */
export function definitionOf(def: Indicator, target: Point['target']): IndicatorDefinition {
  let byId = DEFINITIONS.get(target);
  if (!byId) DEFINITIONS.set(target, (byId = new Map()));
  let out = byId.get(def.id);
  if (!out) byId.set(def.id, (out = Object.freeze(makeDefinition(def, target))));
  return out;
}
const DEFINITIONS = new WeakMap<Point['target'], Map<string, IndicatorDefinition>>();

function makeDefinition(def: Indicator, target: Point['target']): IndicatorDefinition {
  return {
    id: def.id,
    name: text(def.name),
    description: text(def.description),
    category: def.category,
    categoryName: text(CATEGORIES[def.category]),
    unit: text(UNITS[def.unit]),
    isRate: def.denominator != null && def.unit === 'PERCENT',
    direction: def.direction,
    grain: def.grain,
    judgement: text(judgementOf(def)),
    pace: paceRule(def),
    formula: text(def.formula),
    numerator: text(def.numerator),
    denominator: def.denominator ? text(def.denominator) : null,
    source: def.source,
    rollup: def.rollup,
    rollupNote: text(ROLLUPS[def.rollup]),
    headline: def.headline,
    byDepartment: DEPARTMENT_BREAKDOWN.has(def.id as never),
    target: targetInfo(target),
  };
}

/** A board's value: the point and its comparisons, every field named (a spread of the point made a dictionary of each). */
export function valueOut(v: BoardValue): IndicatorValue {
  return {
    period: v.period.key,
    judgedPeriod: v.judged.key,
    complete: v.complete,
    onPace: v.onPace,
    smallBase: v.smallBase,
    periodStart: v.period.start,
    periodEnd: v.period.end,
    value: v.value,
    numerator: v.numerator,
    denominator: v.denominator,
    nullReason: v.nullReason,
    target: targetInfo(v.target),
    status: v.status,
    provenance: v.provenance,
    reported: v.reported,
    incomplete: v.incomplete,
    indicator: definitionOf(definition(v.indicatorId)!, v.target),
    previous: pointOut(v.previous),
    yearAgo: pointOut(v.yearAgo),
    lastComplete: pointOut(v.lastComplete),
    changeFromPrevious: change(v, v.previous),
    changeFromYearAgo: change(v, v.yearAgo),
  };
}

export function pointOut(p: Point): IndicatorPoint {
  return {
    period: p.period.key,
    judgedPeriod: p.judged.key,
    complete: p.complete,
    onPace: p.onPace,
    smallBase: p.smallBase,
    periodStart: p.period.start,
    periodEnd: p.period.end,
    value: p.value,
    numerator: p.numerator,
    denominator: p.denominator,
    nullReason: p.nullReason,
    target: targetInfo(p.target),
    status: p.status,
    provenance: p.provenance,
    reported: p.reported,
    incomplete: p.incomplete,
  };
}

// ── arguments ─────────────────────────────────────────────────────────────────────────────────────

export function indicatorIds(ids: string[] | null | undefined, field: string[]): string[] {
  if (!ids) return [...INDICATOR_IDS];
  ids.forEach((id, i) => {
    if (!definition(id)) {
      throw badInput(
        Reason.indicatorUnknown,
        [...field, String(i)],
        `指标 “${id}” 不存在（见 indicatorCatalog）`,
        `no indicator “${id}” (see indicatorCatalog)`,
      );
    }
  });
  return [...new Set(ids)];
}

/** The organisation an indicator question names: it must exist, and lie within the account's scope (before any SQL of its own). */
export async function orgIdOf(ctx: Context, globalId: string, field: string[]): Promise<number> {
  const id = decodeId(globalId, 'Organization', field);
  if (!(await orgInfo(ctx.reader, id))) {
    throw orgNotFound(globalId, field);
  }
  await assertInScope(ctx.reader, id, globalId, field);
  return id;
}

export const cursorOf = (offset: number) => Buffer.from(`evidence:${offset}`).toString('base64url');
export function offsetOf(cursor: string): number {
  const m = /^evidence:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!m) throw badInput(Reason.cursorInvalid, ['indicatorEvidence', 'after'], `游标 “${cursor}” 无效`, `cursor “${cursor}” is not valid`);
  return Number(m[1]);
}

export const ORG_ARG = d('党组织全局ID（含其全部下级）', 'Organisation global id (its whole subtree)');
export const PERIOD_ARG = d('期间：2025-06、2025-Q2、2025、2025-YTD', 'Period: 2025-06, 2025-Q2, 2025, 2025-YTD');
export const IDS_ARG = d('指标ID（默认全部）', 'Indicator ids (all when omitted)');

/** A period that has not begun yet is refused: nothing can be known of it (the current month, quarter or year is fine). */
export function notFuture(period: Period, field: string[]): Period {
  const now = currentMonth();
  const current = monthPeriod(now.year, now.month);
  if (period.start > current.start) {
    throw badInput(
      Reason.periodFuture,
      field,
      `期间 ${period.key} 尚未开始（本月为 ${current.key}）`,
      `period ${period.key} has not begun (this month is ${current.key})`,
    );
  }
  return period;
}
