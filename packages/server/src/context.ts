/** What every resolver receives: the request's reader (plain-row reads, batched) and, for writes, an EntityManager. */
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { Reader, type Db } from './graphql/reader.js';

export interface Context {
  reader: Reader;
  /** Who is asking, for the audit log: the `x-hub-actor` header until access control lands. */
  actor?: string;
  /** A request-scoped EntityManager, forked on first use (reads never need one). */
  readonly em: EntityManager;
}

export function createContext(orm: MikroORM, db: Db, actor?: string): Context {
  let em: EntityManager | undefined;
  return {
    reader: new Reader(db),
    ...(actor ? { actor } : {}),
    get em() {
      return (em ??= orm.em.fork());
    },
  };
}
