/**
 * The folder: moves the additions writes appended above the hospitals (indicator_cell_delta, cells.ts) into
 * the upper bodies' cells, every few seconds (HUB_FOLD_INTERVAL, default 5 s), and tells the live channel,
 * so the upper bodies' boards refresh as a write's own hospital's do, at most one interval later. The write's
 * own notification leaves out the upper bodies whose cells only the folder moves (writes.ts: toldByFold), so
 * such a board refreshes once a write, when its figures have moved, not twice.
 *
 * One folder at a time across every instance and worker: a fold takes a transaction-scoped advisory lock
 * with a non-blocking try, and an instance that does not get it skips this turn (the holder folds what it
 * sees). Even two folds at once would add each row once (the delete … returning claims a row for one of
 * them), the lock only keeps them from queueing on the same cells. Started beside the hourly upkeep, by the
 * process that does it (main.ts), on the same direct connection (HUB_DIRECT_URL behind a pooler): one
 * connection of its own, reopened after PostgreSQL restarts (a failed turn is logged once and retried at
 * the next), closed by `stop`.
 */
import pg from 'pg';
import { parsePeriod } from '@party-hub/schema/indicators';
import { inTransaction } from '../db/transaction.js';
import { foldCellDeltas, type Folded, type Queryable } from './cells.js';
import { notify } from './writes.js';

/** Between two folds, by default: the most the upper bodies' cells trail the writes. */
export const FOLD_INTERVAL_MS = 5_000;

/** The folder's connection's application_name (pg_stat_activity shows which backend folds). */
export const FOLDER_NAME = 'hub-fold';

/** The fold's advisory lock (transaction-scoped, tried without waiting). */
const FOLD_LOCK = `hashtext('indicator_cell_fold')`;

/** The first day of the earliest period (what a subscriber's views re-read from). */
function firstDay(periods: string[]): string {
  let first = '9999-12-31';
  for (const key of periods) {
    let start: string;
    try {
      start = parsePeriod(key).start;
    } catch {
      start = `${key.slice(0, 4)}-01-01`;
    }
    if (start < first) first = start;
  }
  return first;
}

/**
 * One fold in the caller's transaction, if no other folder holds the lock (null: another one does): the
 * pending additions moved into the cells, and one notification of the organisations they name (sent at
 * the commit).
 */
export async function foldOnce(db: Queryable): Promise<Folded | null> {
  const { rows } = await db.query<{ got: boolean }>(`select pg_try_advisory_xact_lock(${FOLD_LOCK}) as got`);
  if (!rows[0]!.got) return null;
  const folded = await foldCellDeltas(db);
  if (folded.orgIds.length)
    await notify(db, { orgIds: folded.orgIds, from: firstDay(folded.periods), indicators: folded.indicators, tables: ['indicator_cell'] });
  return folded;
}

export interface Folding {
  /** Stops folding: waits for a fold under way, closes the connection. */
  stop(): Promise<void>;
  /** Folds now (tests, the bench): what this turn moved, null when another folder held the lock. */
  now(): Promise<Folded | null>;
}

/** The folder's one connection: opened when first wanted, forgotten when lost (reopened at the next turn). */
function reopening(url: string) {
  let client: pg.Client | null = null;
  return {
    async get(): Promise<pg.Client> {
      if (client) return client;
      const c = new pg.Client({ connectionString: url, keepAlive: true, application_name: FOLDER_NAME });
      // A connection lost between folds (PostgreSQL restarting) is dropped here and reopened at the next turn.
      const forget = () => {
        if (client === c) client = null;
      };
      c.on('error', forget);
      c.on('end', forget);
      await c.connect();
      client = c;
      return c;
    },
    async close(): Promise<void> {
      const c = client;
      client = null;
      await c?.end().catch(() => undefined);
    },
  };
}

/** Folds every `everyMs` on a connection of its own until stopped. */
export function startFolding(url: string, log: (m: string) => void, everyMs = FOLD_INTERVAL_MS): Folding {
  const connection = reopening(url);
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  // Turns one after another on the one connection (the timer's and `now`'s never overlap).
  let queue: Promise<unknown> = Promise.resolve();
  let failing = false;

  const turn = async (): Promise<Folded | null> => {
    if (stopped) return null;
    try {
      const c = await connection.get();
      const folded = await inTransaction(c, () => foldOnce(c));
      if (failing) log('folding the upper bodies’ cells again');
      failing = false;
      return folded;
    } catch (err) {
      await connection.close();
      if (!failing && !stopped) log(`folding the upper bodies’ cells failed (retried every ${everyMs} ms): ${(err as Error).message}`);
      failing = true;
      return null;
    }
  };

  const serial = (): Promise<Folded | null> => {
    const next = queue.then(turn);
    queue = next;
    return next;
  };

  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      timer = null;
      void serial().then(schedule);
    }, everyMs);
    timer.unref();
  };
  schedule();

  return {
    now: serial,
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await queue;
      await connection.close();
    },
  };
}
