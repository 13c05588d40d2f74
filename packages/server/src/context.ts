/**
 * What every resolver receives: the request's reader (plain-row reads, batched), who is asking, and this
 * instance's feed of indicator changes. Writes run their own transaction on the reader's pool
 * (indicators/writes.ts: `transact`), with plain SQL, so the context carries no EntityManager.
 */
import { Reader, type Db } from './db/reader.js';
import type { ChangeFeed } from './domain/changes.js';

export interface Context {
  reader: Reader;
  /** Who is asking, for the audit log: the `x-hub-actor` header until access control lands. */
  actor?: string;
  /** This server's feed of indicator changes (LISTEN), for subscriptions. */
  feed?: ChangeFeed;
}

export function createContext(db: Db, actor?: string, feed?: ChangeFeed): Context {
  return {
    reader: new Reader(db),
    ...(actor ? { actor } : {}),
    ...(feed ? { feed } : {}),
  };
}
