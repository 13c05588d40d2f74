/**
 * Targets and the integration index's weights: rows of their own (no cell moves), announced to the
 * subscribers of the organisation's subtree in the shared write transaction.
 */
import { INDICATORS, indicator } from '@party-hub/schema/indicators';
import { Reason } from '../../errors.js';
import { Problems } from '../../graphql/problems.js';
import type { WriteResult } from '../../graphql/write-result.js';
import { transact, type WriteContext } from '../../indicators/writes.js';
import type { IntegrationWeightInput } from './indicator.inputs.js';

function knownIndicator(p: Problems, field: string, id: string): boolean {
  if (indicator(id)) return true;
  p.add(field, Reason.indicatorUnknown, `指标 “${id}” 不存在`, `no indicator “${id}”`);
  return false;
}

/** The largest target a count can have (a rate's is 100). */
const MAX_COUNT_TARGET = 1_000_000_000;

/** A target or warning line within what the indicator's unit allows: a rate 0–100, anything else from 0. */
function checkRange(p: Problems, field: string, value: number | null, unit: string): void {
  if (value == null) return;
  const max = unit === 'PERCENT' ? 100 : MAX_COUNT_TARGET;
  if (value < 0 || value > max)
    p.add(field, Reason.inputOutOfRange, `应在 0–${max}（指标单位）`, `must be 0–${max.toLocaleString('en')} (the indicator’s unit)`);
}

function checkTarget(p: Problems, indicatorId: string, target: number | null, warning: number | null): void {
  if (!knownIndicator(p, 'indicatorId', indicatorId)) return;
  const def = indicator(indicatorId)!;
  checkRange(p, 'target', target, def.unit);
  checkRange(p, 'warning', warning, def.unit);
  if (def.direction === 'CONTEXT' && target != null)
    p.add('target', Reason.targetContextOnly, '仅供参考的指标不设目标', 'context-only indicators take no target');
  if (target != null && warning != null && (def.direction === 'HIGHER' ? warning > target : warning < target))
    p.add(
      'warning',
      Reason.targetWarningSide,
      '预警阈值应在目标的不利一侧',
      'the warning threshold must be on the worse side of the target',
    );
}

export interface TargetInput {
  orgId: string;
  indicatorId: string;
  effectiveFrom: string;
  target: number | null;
  warning: number | null;
}

/** Sets a target (and warning line) for an organisation's subtree from a date on. */
export async function setIndicatorTarget(ctx: WriteContext, t: TargetInput): Promise<WriteResult> {
  const p = new Problems('setIndicatorTarget');
  const org = p.id('orgId', t.orgId, 'Organization');
  p.plausibleDate('effectiveFrom', t.effectiveFrom, 'planned');
  checkTarget(p, t.indicatorId, t.target, t.warning);
  await p.mustExist(ctx.pool, 'orgId', 'organization', org, 'Organization');
  p.check();
  return transact(ctx, { tables: ['indicator_target'] }, async (tx) => {
    const db = tx.client;
    const key = [org, t.indicatorId, t.effectiveFrom];
    const before = (
      await db.query(`select target, warning from indicator_target where org_id = $1 and indicator_id = $2 and effective_from = $3`, key)
    ).rows[0];
    const { rows } = await db.query(
      `insert into indicator_target (org_id, indicator_id, effective_from, target, warning) values ($1, $2, $3, $4, $5)
       on conflict (org_id, indicator_id, effective_from) do update set target = excluded.target, warning = excluded.warning, created_at = now()
       returning id`,
      [...key, t.target, t.warning],
    );
    tx.announce({ orgIds: [org], from: t.effectiveFrom }, [t.indicatorId]);
    const after = { indicatorId: t.indicatorId, effectiveFrom: t.effectiveFrom, target: t.target, warning: t.warning };
    tx.audit({ action: 'target.set', entity: 'indicator_target', entityId: rows[0].id, before, after });
    return { id: null, rows: 1 };
  });
}

function checkWeights(p: Problems, weights: IntegrationWeightInput[]): void {
  const seen = new Set<string>();
  weights.forEach((w, i) => {
    const field = `weights.${i}.indicatorId`;
    if (!knownIndicator(p, field, w.indicatorId)) return;
    const def = indicator(w.indicatorId)!;
    if (def.direction !== 'HIGHER' || def.rollup === 'DERIVED' || def.target == null) {
      p.add(
        field,
        Reason.weightNotNormalisable,
        `${w.indicatorId} 不是有目标的“越高越好”指标，无法归一`,
        `${w.indicatorId} is not a higher-is-better indicator with a target: it cannot be normalised`,
      );
    }
    if (seen.has(w.indicatorId)) p.add(field, Reason.inputDuplicate, '指标重复', 'the same indicator appears twice');
    seen.add(w.indicatorId);
  });
  if (!weights.length || weights.reduce((t, w) => t + (w.weight > 0 ? w.weight : 0), 0) <= 0)
    p.add('weights', Reason.weightEmpty, '至少一个正权重', 'at least one positive weight');
}

/** Replaces the integration index's weights of an organisation's subtree from a date on. */
export async function setIntegrationWeights(
  ctx: WriteContext,
  orgId: string,
  effectiveFrom: string,
  weights: IntegrationWeightInput[],
): Promise<WriteResult> {
  const p = new Problems('setIntegrationWeights');
  const org = p.id('orgId', orgId, 'Organization');
  p.plausibleDate('effectiveFrom', effectiveFrom, 'planned');
  p.size('weights', weights, 1, INDICATORS.length);
  await p.bounds('weights', weights);
  checkWeights(p, weights);
  await p.mustExist(ctx.pool, 'orgId', 'organization', org, 'Organization');
  p.check();
  return transact(ctx, { tables: ['integration_weight'] }, async (tx) => {
    const db = tx.client;
    const before = (
      await db.query(`select indicator_id, weight::float8 from integration_weight where org_id = $1 and effective_from = $2`, [
        org,
        effectiveFrom,
      ])
    ).rows;
    await db.query(`delete from integration_weight where org_id = $1 and effective_from = $2`, [org, effectiveFrom]);
    await db.query(
      `insert into integration_weight (org_id, indicator_id, effective_from, weight) select $1, i, $2, w from unnest($3::text[], $4::numeric[]) as x(i, w)`,
      [org, effectiveFrom, weights.map((w) => w.indicatorId), weights.map((w) => w.weight)],
    );
    tx.announce({ orgIds: [org], from: effectiveFrom }, ['integration_index']);
    tx.audit({ action: 'weights.set', entity: 'integration_weight', entityId: org, before, after: { effectiveFrom, weights } });
    return { id: null, rows: weights.length };
  });
}
