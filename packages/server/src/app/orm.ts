/**
 * The hub's ORM: the generic configuration (db/orm.ts) with every feature's entities. Entry points
 * (main, the CLIs, the test support) open it here; the GraphQL layer receives its metadata.
 */
import { MikroORM, type EntityClass } from '@mikro-orm/postgresql';
import { openOrm, ormConfig, type OrmOptions } from '../db/orm.js';
import { BaseEntity, TimestampedEntity } from '../graphql/base.entity.js';
import { features } from '../modules/index.js';

/** Every entity class: the abstract bases, then each feature's. */
export const entities: readonly EntityClass[] = [BaseEntity, TimestampedEntity, ...features.flatMap((f) => f.entities)];

export type HubOrmOptions = Omit<OrmOptions, 'entities'>;

export const openHubOrm = (options: HubOrmOptions): Promise<MikroORM> => openOrm({ ...options, entities });

/**
 * The ORM of a process without a database (emitting the SDL, schema tests): MikroORM's synchronous
 * constructor discovers the entities and never connects unless a query is run, and none is.
 */
export const unconnectedHubOrm = (): MikroORM => new MikroORM(ormConfig({ url: 'postgres://unconnected@127.0.0.1:1/none', entities }));
