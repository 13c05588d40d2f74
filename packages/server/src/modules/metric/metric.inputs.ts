import { Field, Float, InputType } from 'type-graphql';
import { MetricCode } from '../../domain/enums.js';
import { Min } from '../../graphql/bounds.js';
import { d } from '../../graphql/describe.js';

@InputType({ description: d('一项科室业务数据', 'One department figure') })
export class MetricValueInput {
  @Field(() => MetricCode, { description: d('指标代码', 'Code') })
  code!: MetricCode;

  @Field(() => Float, { description: d('数值', 'Value') })
  @Min(0)
  value!: number;
}
