import { Field, Float, InputType } from 'type-graphql';
import { Max, Min } from '../../graphql/bounds.js';
import { d } from '../../graphql/describe.js';

@InputType({ description: d('融合指数中一个指标的权重', 'The weight of one indicator in the integration index') })
export class IntegrationWeightInput {
  @Field(() => String, { description: d('指标ID（越高越好的指标）', 'Indicator id (a higher-is-better indicator)') })
  indicatorId!: string;

  @Field(() => Float, { description: d('权重（0–100；按总和归一）', 'Weight (0–100; normalised by the sum)') })
  @Min(0)
  @Max(100)
  weight!: number;
}
