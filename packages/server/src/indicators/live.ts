/**
 * Live indicators: every server instance LISTENs on PostgreSQL's `indicators_changed` channel (writes
 * NOTIFY it on commit, with keys only: organisations and their ancestors, the first changed day, the
 * indicators, the tables written) and pushes each change to its own subscribers whose organisation is among
 * those keys. It drops the instance's cached copies that read a table the change wrote (db/instance-cache.ts:
 * a fact write keeps the organisation tree); a change naming no tables, or a reconnection, drops them all.
 * The listening connection survives a PostgreSQL restart: it reconnects with backoff, and then tells
 * every subscriber to refresh everything, since notifications sent while it was down are lost.
 * A connection that went silent (half-open: no reset ever comes) is found by a heartbeat through the request pool
 * (indicators/heartbeat.ts), dropped at once and reconnected the same way. A subscriber that stopped reading is
 * told to refresh everything rather than left to miss changes (indicators/subscription.ts).
 * Pushes are capped per board (the subscribed organisation) and instance, not per subscriber: at most one per
 * `pushIntervals` (indicators/push-gate.ts: 1 s for a hospital's boards, 5 s for an upper body's by default),
 * the changes in between merged into one trailing push.
 * Other modules may listen on the same connection (`also`: the account module's `hub_auth`), told the
 * same way when it was lost.
 */
import pg from 'pg';
import { invalidateInstanceCaches } from '../db/instance-cache.js';
import type { ChangeFeed, IndicatorChange } from '../domain/changes.js';
import { BEAT_CHANNEL, HEARTBEAT_DEFAULTS, Heartbeat, type BeatSender } from './heartbeat.js';
import { PushGate, type PushIntervals } from './push-gate.js';
import { QUEUE_LIMIT, Subscription, refreshAll } from './subscription.js';
import { CHANNEL } from './writes.js';

/** The subscribers of one organisation's changes on this instance, and their board's push cap (null: none). */
interface Board {
  subs: Set<Subscription>;
  gate: PushGate | null;
}

export interface FeedOptions {
  /** The request pool: the heartbeat's notifications go through it (never through the listening connection). */
  pool: BeatSender;
  log?: (m: string) => void;
  /** Between two heartbeats (default 5 s). */
  heartbeatMs?: number;
  /** No heartbeat echo for this long: the listening connection is dropped (default 10 s). */
  echoTimeoutMs?: number;
  /** Changes queued for a subscriber that stopped reading before it gets one "refresh everything" instead (100). */
  queueLimit?: number;
  /**
   * At most one push per board per interval, in ms (HUB_PUSH_MIN_INTERVAL, HUB_PUSH_MIN_INTERVAL_UPPER: the
   * app's defaults are 1 s and 5 s); left out or 0: every change pushed at once.
   */
  pushIntervals?: Partial<PushIntervals>;
}

/** Another channel on the listening connection: its payloads, and a call when some may have been missed. */
export interface ChannelHandler {
  channel: string;
  notified(payload: string): void;
  missed(): void;
}

export class IndicatorFeed implements ChangeFeed {
  readonly #boards = new Map<number, Board>();
  readonly #others: ChannelHandler[] = [];
  readonly #heartbeat: Heartbeat;
  readonly #log: (m: string) => void;
  readonly #connectTimeoutMs: number;
  #client: pg.Client | null = null;
  #stopped = false;
  #retry: NodeJS.Timeout | null = null;
  #backoff = 100;
  /** Connected and listening (for /healthz and tests). */
  listening = false;
  /** Set when the hub reads on replicas: each change carries the position it was heard at (`#withPosition`). */
  positions = false;

  constructor(
    private readonly config: pg.ClientConfig,
    private readonly options: FeedOptions,
  ) {
    this.#log = options.log ?? (() => undefined);
    const timing = {
      everyMs: options.heartbeatMs ?? HEARTBEAT_DEFAULTS.everyMs,
      timeoutMs: options.echoTimeoutMs ?? HEARTBEAT_DEFAULTS.timeoutMs,
    };
    // A connection attempt into a silent link would otherwise wait forever (pg has no connect timeout by default).
    this.#connectTimeoutMs = timing.timeoutMs;
    this.#heartbeat = new Heartbeat(options.pool, timing, (silentMs) => {
      const client = this.#client;
      if (client) this.#lost(client, new Error(`no heartbeat echo for ${Math.round(silentMs / 1000)} s`));
    });
  }

  /** Listens on another channel too (before `start`). */
  also(handler: ChannelHandler): void {
    if (!/^[a-z_]+$/.test(handler.channel)) throw new Error(`not a channel name: ${handler.channel}`);
    this.#others.push(handler);
  }

  async start(): Promise<void> {
    await this.#connect(false);
  }

  #notified(msg: pg.Notification, client: pg.Client): void {
    if (msg.channel === BEAT_CHANNEL) return this.#heartbeat.heard(msg.payload ?? '');
    const other = this.#others.find((o) => o.channel === msg.channel);
    if (other) return other.notified(msg.payload ?? '');
    if (msg.channel !== CHANNEL || !msg.payload) return;
    try {
      const p = JSON.parse(msg.payload) as { orgs: number[]; from: string | null; indicators: string[]; tables?: unknown };
      const change: IndicatorChange = { orgIds: p.orgs, from: p.from, indicatorIds: p.indicators, reason: 'WRITE', at: new Date() };
      const tables = tablesOf(p.tables);
      if (this.positions) return this.#withPosition(client, change, tables);
      this.#emit(change, tables);
    } catch {
      this.#log(`ignored a malformed ${CHANNEL} notification`);
    }
  }

  async #connect(reconnecting: boolean): Promise<void> {
    if (this.#stopped) return;
    const client = new pg.Client({
      ...this.config,
      keepAlive: true,
      connectionTimeoutMillis: this.#connectTimeoutMs,
      query_timeout: this.#connectTimeoutMs,
    });
    client.on('error', (err) => this.#lost(client, err));
    client.on('end', () => this.#lost(client, null));
    client.on('notification', (msg) => this.#notified(msg, client));
    try {
      await client.connect();
      const channels = [CHANNEL, BEAT_CHANNEL, ...this.#others.map((o) => o.channel)];
      await client.query(channels.map((c) => `listen ${c}`).join('; '));
    } catch (err) {
      drop(client);
      if (!reconnecting) throw err;
      this.#schedule();
      return;
    }
    if (this.#stopped) return drop(client);
    this.#client = client;
    this.listening = true;
    this.#backoff = 100;
    this.#heartbeat.watch();
    if (reconnecting) {
      this.#log(`${CHANNEL}: listening again; subscribers told to refresh`);
      for (const o of this.#others) o.missed();
      this.#emit(refreshAll('RECONNECTED'));
    }
  }

  #lost(client: pg.Client, err: Error | null) {
    if (this.#client !== client) return;
    this.#client = null;
    this.listening = false;
    this.#heartbeat.stop();
    // At once, not a goodbye: on a silent link a graceful end would wait for an answer that never comes.
    drop(client);
    if (this.#stopped) return;
    this.#log(`${CHANNEL}: connection lost (${err?.message ?? 'closed'}), reconnecting`);
    for (const o of this.#others) o.missed();
    this.#schedule();
  }

  #schedule() {
    if (this.#stopped || this.#retry) return;
    this.#retry = setTimeout(() => {
      this.#retry = null;
      void this.#connect(true);
    }, this.#backoff);
    this.#backoff = Math.min(this.#backoff * 2, 5000);
  }

  /**
   * With read replicas (db/replicas.ts): the change carries the primary's WAL position as this connection
   * heard of it (past the commit that sent it), for the subscriber's re-query. Asked on the same connection,
   * so changes keep their order; without an answer the change goes as it is.
   */
  #withPosition(client: pg.Client, change: IndicatorChange, tables: readonly string[] | null) {
    client.query<{ lsn: string }>('select pg_current_wal_insert_lsn()::text as lsn').then(
      ({ rows }) => this.#emit({ ...change, readAfter: rows[0]!.lsn }, tables),
      () => this.#emit(change, tables),
    );
  }

  /** `tables`: what the change wrote (null: unknown, or changes missed: every copy this instance keeps is dropped). */
  #emit(change: IndicatorChange, tables: readonly string[] | null = null) {
    // The copies that read a table the change wrote (the tree, targets, the cells' range …) are re-read on next use.
    invalidateInstanceCaches(tables, this.options.pool);
    for (const [orgId, board] of this.#boards) {
      if (change.orgIds !== null && !change.orgIds.includes(orgId)) continue;
      if (board.gate) board.gate.offer(change);
      else for (const s of board.subs) s.push(change);
    }
  }

  /**
   * Changes that concern an organisation (its subtree), as an async iterator. `upper`: the organisation is an
   * upper body (above the hospitals), whose board is pushed at most once per the upper interval.
   */
  subscribe(orgId: number, options: { upper?: boolean } = {}): AsyncIterableIterator<IndicatorChange> {
    let board = this.#boards.get(orgId);
    if (!board) {
      const subs = new Set<Subscription>();
      const interval = (options.upper ? this.options.pushIntervals?.upper : this.options.pushIntervals?.board) ?? 0;
      const gate = interval > 0 ? new PushGate(interval, (c) => subs.forEach((s) => s.push(c))) : null;
      board = { subs, gate };
      this.#boards.set(orgId, board);
    }
    const mine = board;
    const sub = new Subscription(() => {
      mine.subs.delete(sub);
      if (mine.subs.size || this.#boards.get(orgId) !== mine) return;
      mine.gate?.close();
      this.#boards.delete(orgId);
    }, this.options.queueLimit ?? QUEUE_LIMIT);
    mine.subs.add(sub);
    return sub;
  }

  get subscribers(): number {
    let n = 0;
    for (const b of this.#boards.values()) n += b.subs.size;
    return n;
  }

  /** Pushes sent to a board's subscribers by its gate, and changes merged into them (tests, the bench). */
  pushes(orgId: number): { sent: number; merged: number } | null {
    const gate = this.#boards.get(orgId)?.gate;
    return gate ? { sent: gate.sent, merged: gate.merged } : null;
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#heartbeat.stop();
    for (const b of this.#boards.values()) b.gate?.close();
    if (this.#retry) clearTimeout(this.#retry);
    const client = this.#client;
    this.#client = null;
    this.listening = false;
    if (!client) return;
    // A goodbye when the link answers; at most a second, then the socket is closed regardless.
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, 1000).unref()));
    await Promise.race([client.end().catch(() => undefined), waited]);
    clearTimeout(timer);
    drop(client);
  }
}

/** The tables a notification names, or null (every copy dropped) when it names none or not as a list of names. */
function tablesOf(value: unknown): string[] | null {
  return Array.isArray(value) && value.every((t) => typeof t === 'string') ? value : null;
}

/** Closes a client's socket at once (idempotent). */
function drop(client: pg.Client): void {
  (client as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
}
