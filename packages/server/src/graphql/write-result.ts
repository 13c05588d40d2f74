import { Field, ID, Int, ObjectType } from 'type-graphql';
import { d } from './describe.js';

/** What every write answers: the global id of what it wrote (when one thing) and how many rows. */
@ObjectType({ description: d('写入结果', 'Result of a write') })
export class WriteResult {
  @Field(() => ID, { nullable: true, description: d('写入对象的全局ID', 'Global id of what was written') })
  id!: string | null;

  @Field(() => Int, { description: d('写入行数', 'Rows written') })
  rows!: number;
}

/** The description of every write's `idempotencyKey` argument. */
export const IDEMPOTENCY_KEY = d(
  '幂等键（8–100 个可见 ASCII 字符，如 UUID）：结果不明时用同一键重试，写入只生效一次并返回首次的结果；同一键用于不同请求会被拒绝',
  'Idempotency key (8–100 printable ASCII characters, e.g. a UUID): retry a write whose outcome is unknown with the same key and it applies once, answering as the first time; the same key with another request is refused',
);

/** The description of a deletion's or correction's `reason` argument. */
export const REASON = d('理由（至少 2 个字，最多 500 字；记入审计日志）', 'Reason (2 to 500 characters; kept in the audit log)');
