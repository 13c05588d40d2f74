import { Field, Float, InputType } from 'type-graphql';
import { MetricCode } from '../../domain/enums.js';
import { Max, Min } from '../../graphql/bounds.js';
import { d } from '../../graphql/describe.js';

/** The largest figure a department reports (the column holds up to 10¹²; a figure past 10¹⁰ is a typo). */
export const MAX_METRIC_VALUE = 10_000_000_000;

@InputType({ description: d('一项科室业务数据', 'One department figure') })
export class MetricValueInput {
  @Field(() => MetricCode, { description: d('指标代码', 'Code') })
  code!: MetricCode;

  @Field(() => Float, { description: d('数值（0–10¹⁰）', 'Value (0–10¹⁰)') })
  @Min(0)
  @Max(MAX_METRIC_VALUE)
  value!: number;
}
