/** What every resolver receives: the request's reader (plain-row reads, batched) and, for writes, an EntityManager. */
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { Reader, type Db } from './graphql/reader.js';
import type { IndicatorFeed } from './indicators/live.js';

export interface Context {
  reader: Reader;
  /** Who is asking, for the audit log: the `x-hub-actor` header until access control lands. */
  actor?: string;
  /** This server's feed of indicator changes (LISTEN), for subscriptions. */
  feed?: IndicatorFeed;
  /** A request-scoped EntityManager, forked on first use (reads never need one). */
  readonly em: EntityManager;
}

export function createContext(orm: MikroORM, db: Db, actor?: string, feed?: IndicatorFeed): Context {
  let em: EntityManager | undefined;
  return {
    reader: new Reader(db),
    ...(actor ? { actor } : {}),
    ...(feed ? { feed } : {}),
    get em() {
      return (em ??= orm.em.fork());
    },
  };
}
