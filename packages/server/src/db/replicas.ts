/**
 * Read replicas (HUB_REPLICA_URLS): reads and aggregates of a request run on a healthy streaming replica,
 * writes, sessions and LISTEN on the primary. A replica is healthy while it answers and has replayed to
 * within 16 MB of the primary's WAL (a health poll every second); otherwise it is left out until it is back.
 *
 * Read-your-writes: a mutation answers with the primary's WAL position after its commit
 * (`extensions.readAfter`); a request that sends it back (`x-hub-read-after`) reads on a replica that has
 * replayed that far, else on the primary. A replica known (from its last poll) to be behind is asked once,
 * at most one question in flight per replica, shared by every request waiting on it: a streaming replica
 * is usually milliseconds behind, so the poll's second-old answer would send nearly every read after a
 * write (the dashboard's refresh after a push) to the primary; one cheap statement on the replica keeps
 * them there, and costs the primary nothing.
 *
 * A statement a replica cancels for a conflict with recovery (40001), or a replica gone mid-request, is run
 * again once on the primary, and the rest of the request stays there (a gone replica is left out at once).
 *
 * MikroORM's own `replicas` option picks a random replica per ORM query, knows nothing of lag or of a
 * client's last write, and the read path does not go through ORM queries: hence this module.
 */
import pg from 'pg';
import { isUnavailable } from './failures.js';
import { CONNECT_TIMEOUT_MS, survive } from './survive.js';

/** A replica further behind the primary than this is left out. */
export const MAX_LAG_BYTES = 16 * 1024 * 1024;
/** How often every replica's replay position and the primary's WAL position are polled. */
export const HEALTH_INTERVAL_MS = 1_000;
/** A poll not answered within this leaves the replica out (a replica that hangs is not a replica to read). */
const POLL_TIMEOUT_MS = 2_000;

/** A WAL position as PostgreSQL writes it ("16/B374D848"), as a byte offset; null when it is not one. */
export function parseLsn(text: string | null | undefined): bigint | null {
  const m = /^([0-9A-F]{1,8})\/([0-9A-F]{1,8})$/i.exec((text ?? '').trim());
  return m ? (BigInt(`0x${m[1]}`) << 32n) + BigInt(`0x${m[2]}`) : null;
}

/** A byte offset as PostgreSQL writes a WAL position. */
export function formatLsn(lsn: bigint): string {
  return `${(lsn >> 32n).toString(16).toUpperCase()}/${(lsn & 0xffffffffn).toString(16).toUpperCase()}`;
}

/** Whether a replica's failure is worth one more try on the primary: a recovery conflict, or the replica gone. */
export function replicaFailure(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  // 40001 on a hot standby is the recovery conflict ("canceling statement due to conflict with recovery");
  // a plain 57014 is the statement timeout, which the primary would only repeat at its own cost.
  return code === '40001' || /conflict with recovery/i.test((err as Error | null)?.message ?? '') || isUnavailable(err);
}

const withTimeout = <T>(p: Promise<T>, ms: number): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    p.then(resolve, reject).finally(() => clearTimeout(timer));
  });

/** One replica: its pools, what it last said of its replay, whether reads go there. */
export class Replica {
  /** The replay position it last reported (it only grows). */
  replayed: bigint | null = null;
  /** Bytes behind the primary at the last poll; null: unknown. */
  lagBytes: number | null = null;
  healthy = false;
  /** Statements the read path ran here. */
  statements = 0;
  #asking: Promise<bigint | null> | null = null;

  constructor(
    readonly name: string,
    readonly pool: pg.Pool,
    readonly analytics: pg.Pool,
  ) {}

  /** Asks how far it has replayed (one question at a time; concurrent askers share its answer). */
  replay(): Promise<bigint | null> {
    this.#asking ??= this.pool
      .query<{ lsn: string | null }>('select pg_last_wal_replay_lsn()::text as lsn')
      .then(({ rows }) => {
        const lsn = parseLsn(rows[0]?.lsn);
        if (lsn !== null && (this.replayed === null || lsn > this.replayed)) this.replayed = lsn;
        return lsn;
      })
      .finally(() => (this.#asking = null));
    return this.#asking;
  }
}

export interface ReplicaOptions {
  urls: readonly string[];
  /** The primary pool's options (user, password, pool size, statement timeout): each replica's pools take them. */
  base: pg.PoolConfig;
  aggregateTimeoutMs: number;
  log: (msg: string) => void;
  maxLagBytes?: number;
  intervalMs?: number;
}

/** A URL without its password, for the log. */
const shown = (url: string) => url.replace(/:[^:@/]*@/, ':***@');

export class ReplicaSet {
  readonly replicas: Replica[];
  /** Read statements that went to the primary although replicas are configured (none healthy, behind, failed). */
  primaryStatements = 0;
  #next = 0;
  #timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly primary: pg.Pool,
    private readonly o: ReplicaOptions,
  ) {
    this.replicas = o.urls.map((url) => {
      const name = shown(url);
      const options = { ...o.base, connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS };
      const pool = survive(new pg.Pool(options), `replica ${name}`, o.log);
      const analytics = survive(
        new pg.Pool({ ...options, max: Math.max(1, Math.min(4, o.base.max ?? 4)), statement_timeout: o.aggregateTimeoutMs }),
        `replica ${name} aggregates`,
        o.log,
      );
      return new Replica(name, pool, analytics);
    });
  }

  /** Polls once (so the first requests already know which replicas are healthy), then every second. */
  async start(): Promise<void> {
    await this.poll();
    this.#timer = setInterval(() => void this.poll(), this.o.intervalMs ?? HEALTH_INTERVAL_MS);
    this.#timer.unref();
  }

  /** The primary's WAL position and every replica's replay position: who is in, who is out. */
  async poll(): Promise<void> {
    const primary = await withTimeout(this.primary.query<{ lsn: string }>('select pg_current_wal_lsn()::text as lsn'), POLL_TIMEOUT_MS)
      .then(({ rows }) => parseLsn(rows[0]?.lsn))
      .catch(() => null);
    // The primary unreachable: the replicas' lag is unknown; they keep the verdict their last lag gave.
    await Promise.all(this.replicas.map((r) => this.#check(r, primary)));
  }

  async #check(r: Replica, primary: bigint | null): Promise<void> {
    let replayed: bigint | null;
    try {
      replayed = await withTimeout(r.replay(), POLL_TIMEOUT_MS);
    } catch (err) {
      return this.leaveOut(r, `unreachable: ${(err as Error).message}`);
    }
    // Not in recovery (promoted, or a primary named by mistake): not a replica to read behind.
    if (replayed === null) return this.leaveOut(r, 'not a streaming replica (pg_last_wal_replay_lsn() is null)');
    if (primary !== null) r.lagBytes = Math.max(0, Number(primary - replayed));
    const max = this.o.maxLagBytes ?? MAX_LAG_BYTES;
    if (r.lagBytes !== null && r.lagBytes > max)
      return this.leaveOut(r, `${(r.lagBytes / 1048576).toFixed(1)} MB behind (more than ${(max / 1048576).toFixed(0)} MB)`);
    if (!r.healthy) this.o.log(`replica ${r.name} is in: reads go there (${((r.lagBytes ?? 0) / 1024).toFixed(0)} kB behind)`);
    r.healthy = true;
  }

  /** Takes a replica out of the reads until a poll finds it healthy again. */
  leaveOut(r: Replica, why: string): void {
    if (r.healthy) this.o.log(`replica ${r.name} is left out: ${why}`);
    r.healthy = false;
  }

  /**
   * A healthy replica (round robin) that has replayed to `required` (null: any), asking one once when the
   * last poll found it behind; null: the primary.
   */
  async choose(required: bigint | null): Promise<Replica | null> {
    const healthy = this.replicas.filter((r) => r.healthy);
    if (!healthy.length) return null;
    const start = this.#next++ % healthy.length;
    const order = [...healthy.slice(start), ...healthy.slice(0, start)];
    const first = order[0]!;
    if (required === null) return first;
    const ready = order.find((r) => r.replayed !== null && r.replayed >= required);
    if (ready) return ready;
    const asked = await first.replay().catch(() => null);
    return asked !== null && asked >= required ? first : null;
  }

  /** A request's route: where its reads go, and the position its writes reached. */
  route(readAfter: string | undefined): ReadRoute {
    // A token that is not a WAL position cannot be checked: the request reads on the primary, which is never behind.
    const required = readAfter === undefined ? null : parseLsn(readAfter);
    const route = new ReadRoute(this, required);
    if (readAfter !== undefined && required === null) route.onPrimary();
    return route;
  }

  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    await Promise.all(this.replicas.flatMap((r) => [r.pool.end().catch(() => undefined), r.analytics.end().catch(() => undefined)]));
  }
}

/**
 * One request's reads: on one replica for the whole request (its reads agree with one another), chosen at
 * its first statement; on the primary once the request wrote (its answer shows its own write), or once the
 * replica failed it.
 */
export class ReadRoute {
  #chosen: Promise<Replica | null> | null = null;
  #onPrimary = false;
  /** The primary's WAL position after this request's last commit (its answer's `extensions.readAfter`). */
  readAfter: bigint | null = null;

  constructor(
    private readonly set: ReplicaSet,
    readonly required: bigint | null,
  ) {}

  /** Runs a read statement with a pool of the chosen replica, or of the primary (`primary`). */
  async run<T>(kind: 'main' | 'analytics', primary: pg.Pool, statement: (pool: pg.Pool) => Promise<T>): Promise<T> {
    const replica = this.#onPrimary ? null : await (this.#chosen ??= this.set.choose(this.required));
    if (!replica) {
      this.set.primaryStatements++;
      return statement(primary);
    }
    try {
      replica.statements++;
      return await statement(kind === 'analytics' ? replica.analytics : replica.pool);
    } catch (err) {
      if (!replicaFailure(err)) throw err;
      if (isUnavailable(err)) this.set.leaveOut(replica, `a request's statement failed (${(err as Error).message})`);
      this.#onPrimary = true;
      this.set.primaryStatements++;
      return statement(primary);
    }
  }

  /** The rest of this request reads on the primary. */
  onPrimary(): void {
    this.#onPrimary = true;
  }

  /** After a commit on `client` (the primary): its WAL position is what a replica must have replayed to show it. */
  async committed(client: pg.ClientBase): Promise<void> {
    this.#onPrimary = true;
    // The insert position, not pg_current_wal_lsn() (how far WAL is written out): with synchronous_commit off
    // the commit record may not be written yet; the insert position is past it whatever the setting.
    const { rows } = await client.query<{ lsn: string }>('select pg_current_wal_insert_lsn()::text as lsn').catch(() => ({ rows: [] }));
    const lsn = parseLsn(rows[0]?.lsn);
    if (lsn !== null && (this.readAfter === null || lsn > this.readAfter)) this.readAfter = lsn;
  }
}

/**
 * Where a download outside GraphQL reads (the `.xlsx` exports, the audit log's CSV): with replicas on one healthy
 * replica for the whole download, as a GraphQL request does, read-your-writes by the request's `x-hub-read-after`
 * (a file asked for right after a write holds it); else on the primary. A replica's recovery conflict or its
 * loss runs that statement again on the primary, and the rest of the download reads there.
 */
export function downloadReads(
  primary: pg.Pool,
  replicas: ReplicaSet | undefined,
  readAfter: unknown,
): <T>(statement: (pool: pg.Pool) => Promise<T>) => Promise<T> {
  const route = replicas?.route(typeof readAfter === 'string' ? readAfter : undefined);
  return (statement) => (route ? route.run('main', primary, statement) : statement(primary));
}
