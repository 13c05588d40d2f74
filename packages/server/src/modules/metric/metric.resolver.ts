/** The metric feature's write, as a mutation (thin: metric.writes.ts does the work). */
import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../../context.js';
import { d } from '../../graphql/describe.js';
import { IDEMPOTENCY_KEY, WriteResult } from '../../graphql/write-result.js';
import { idempotent, writeContext } from '../../indicators/writes.js';
import { MetricValueInput } from './metric.inputs.js';
import { recordDepartmentMetrics } from './metric.writes.js';

@Resolver()
export class MetricWriteResolver {
  @Mutation(() => WriteResult, {
    description: d('报送科室某月业务数据（同代码覆盖）', 'Report a department’s figures for a month (same code replaces)'),
  })
  recordDepartmentMetrics(
    @Ctx() ctx: Context,
    @Arg('departmentId', () => ID, { description: d('科室全局ID', 'Department global id') }) departmentId: string,
    @Arg('month', () => String, { description: d('月份 YYYY-MM', 'Month, YYYY-MM') }) month: string,
    @Arg('values', () => [MetricValueInput], { description: d('各项数据', 'Figures') }) values: MetricValueInput[],
    @Arg('idempotencyKey', () => String, { nullable: true, description: IDEMPOTENCY_KEY }) idempotencyKey?: string | null,
  ): Promise<WriteResult> {
    return idempotent(writeContext(ctx, idempotencyKey), 'recordDepartmentMetrics', { departmentId, month, values }, (w) =>
      recordDepartmentMetrics(w, departmentId, month, values),
    );
  }
}
