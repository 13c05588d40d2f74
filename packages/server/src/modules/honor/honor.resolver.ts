/** The honor feature's writes, as mutations (thin: honor.writes.ts does the work). */
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../../context.js';
import { d } from '../../graphql/describe.js';
import { IDEMPOTENCY_KEY, WriteResult } from '../../graphql/write-result.js';
import { idempotent, writeContext } from '../../indicators/writes.js';
import { AwardHonorInput } from './honor.inputs.js';
import { awardHonor } from './honor.writes.js';

@Resolver()
export class HonorWriteResolver {
  @Mutation(() => WriteResult, { description: d('授予荣誉', 'Award an honor') })
  awardHonor(
    @Ctx() ctx: Context,
    @Arg('input', () => AwardHonorInput, { description: d('荣誉', 'The honor') }) input: AwardHonorInput,
    @Arg('idempotencyKey', () => String, { nullable: true, description: IDEMPOTENCY_KEY }) idempotencyKey?: string | null,
  ): Promise<WriteResult> {
    return idempotent(writeContext(ctx, idempotencyKey), 'awardHonor', input, (w) => awardHonor(w, input));
  }
}
