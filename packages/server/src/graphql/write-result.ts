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
