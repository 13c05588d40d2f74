import { PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, Float, ID, InterfaceType } from 'type-graphql';
import { toGlobalId, TYPENAME } from './global-id.js';

/** Every entity's surrogate key; the GraphQL `id` is the opaque global id built from it. */
@InterfaceType('Node', {
  description: '可按全局ID获取的对象（Relay Node） / An object that can be fetched by its global id (Relay Node)',
  // Rows of the read path carry their type name (graphql/global-id.ts: TYPENAME); entities loaded by MikroORM their class.
  resolveType: (value: object) => (value as Record<symbol, string>)[TYPENAME] ?? value.constructor.name,
})
export abstract class BaseEntity {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  /** The global id: opaque, stable, unique across types. */
  @Field(() => ID, {
    name: 'id',
    description: '全局ID（不透明，可用于node查询和过滤） / Global id (opaque; use it with node() and in filters)',
  })
  get nodeId(): string {
    return toGlobalId(this.constructor.name, this.id);
  }

  // Float, not Int: a partitioned fact table's ids are bigint (db/partitions.ts) and pass 2³¹; a JSON number
  // keeps them exactly up to 2⁵³.
  @Field(() => Float, {
    description: '数据库行号（整数，便于核对；最大 2⁵³） / Database row id (an integer, for cross-checking; up to 2⁵³)',
  })
  get rowId(): number {
    return this.id;
  }
}

/** Entities that people edit carry creation and update times. */
export abstract class TimestampedEntity extends BaseEntity {
  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
