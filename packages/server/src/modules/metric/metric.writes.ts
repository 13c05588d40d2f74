/** A department's monthly figures, in the shared write transaction (the same code in a month replaces the last report). */
import { MetricCode } from '../../domain/enums.js';
import { Reason } from '../../errors.js';
import { Problems } from '../../graphql/problems.js';
import type { WriteResult } from '../../graphql/write-result.js';
import { deptOrgs, transact, type WriteContext } from '../../indicators/writes.js';
import type { MetricValueInput } from './metric.inputs.js';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Reports a department's figures for a month. */
export async function recordDepartmentMetrics(
  ctx: WriteContext,
  departmentId: string,
  month: string,
  values: MetricValueInput[],
): Promise<WriteResult> {
  const p = new Problems('recordDepartmentMetrics');
  const dept = p.id('departmentId', departmentId, 'Department');
  if (!MONTH.test(month)) p.add('month', Reason.inputInvalidMonth, `“${month}” 不是月份（YYYY-MM）`, `“${month}” is not a month (YYYY-MM)`);
  else p.plausibleDate('month', `${month}-01`);
  p.size('values', values, 1, Object.keys(MetricCode).length);
  const seen = new Set<string>();
  values.forEach((v, i) => {
    if (seen.has(v.code)) p.add(`values.${i}.code`, Reason.inputDuplicate, '同一代码出现两次', 'the same code appears twice');
    seen.add(v.code);
  });
  await p.bounds('values', values);
  await p.mustExist(ctx.pool, 'departmentId', 'department', dept, 'Department');
  p.check();
  const first = `${month}-01`;
  return transact(ctx, { tables: ['department_metric'] }, async (tx) => {
    const db = tx.client;
    const org = (await deptOrgs(db, [dept!])).get(dept!)!;
    await tx.moving({ orgIds: [org], from: first }, async () => {
      for (const v of values) {
        await db.query(`delete from department_metric where department_id = $1 and month = $2 and code = $3`, [dept, first, v.code]);
        await db.query(`insert into department_metric (department_id, month, code, value) values ($1, $2, $3, $4)`, [
          dept,
          first,
          v.code,
          v.value,
        ]);
      }
    });
    tx.audit({ action: 'department.metrics', entity: 'department', entityId: dept, after: { month, values } });
    return { id: departmentId, rows: values.length };
  });
}
