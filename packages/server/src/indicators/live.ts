/**
 * Live indicators: every server instance LISTENs on PostgreSQL's `indicators_changed` channel (writes
 * NOTIFY it on commit, with keys only: organisations and their ancestors, the first changed day, the
 * indicators) and pushes each change to its own subscribers whose organisation is among those keys.
 * The listening connection survives a PostgreSQL restart: it reconnects with backoff, and then tells
 * every subscriber to refresh everything, since notifications sent while it was down are lost.
 * Other modules may listen on the same connection (`also`: the account module's `hub_auth`), told the
 * same way when it was lost.
 */
import pg from 'pg';
import { invalidateInstanceCaches } from '../db/instance-cache.js';
import type { ChangeFeed, IndicatorChange } from '../domain/changes.js';
import { CHANNEL } from './writes.js';

type Listener = (change: IndicatorChange) => void;

/** Another channel on the listening connection: its payloads, and a call when some may have been missed. */
export interface ChannelHandler {
  channel: string;
  notified(payload: string): void;
  missed(): void;
}

/** A push queue as an async iterator, ended at once by `return()` (graphql-ws calls it when a client unsubscribes). */
class Subscription implements AsyncIterableIterator<IndicatorChange> {
  readonly #queue: IndicatorChange[] = [];
  #waiting: ((r: IteratorResult<IndicatorChange>) => void) | null = null;
  #done = false;

  constructor(private readonly unsubscribe: () => void) {}

  push(change: IndicatorChange): void {
    if (this.#done) return;
    if (this.#waiting) {
      const resolve = this.#waiting;
      this.#waiting = null;
      resolve({ value: change, done: false });
    } else if (this.#queue.length < 100) {
      this.#queue.push(change);
    }
  }

  next(): Promise<IteratorResult<IndicatorChange>> {
    if (this.#queue.length) return Promise.resolve({ value: this.#queue.shift()!, done: false });
    if (this.#done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => (this.#waiting = resolve));
  }

  return(): Promise<IteratorResult<IndicatorChange>> {
    this.#done = true;
    this.unsubscribe();
    this.#waiting?.({ value: undefined, done: true });
    this.#waiting = null;
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator]() {
    return this;
  }
}

export class IndicatorFeed implements ChangeFeed {
  readonly #listeners = new Set<Listener>();
  readonly #others: ChannelHandler[] = [];
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
    private readonly log: (m: string) => void = () => undefined,
  ) {}

  /** Listens on another channel too (before `start`). */
  also(handler: ChannelHandler): void {
    if (!/^[a-z_]+$/.test(handler.channel)) throw new Error(`not a channel name: ${handler.channel}`);
    this.#others.push(handler);
  }

  async start(): Promise<void> {
    await this.#connect(false);
  }

  async #connect(reconnecting: boolean): Promise<void> {
    if (this.#stopped) return;
    const client = new pg.Client({ ...this.config, keepAlive: true });
    client.on('error', (err) => this.#lost(client, err));
    client.on('end', () => this.#lost(client, null));
    client.on('notification', (msg) => {
      const other = this.#others.find((o) => o.channel === msg.channel);
      if (other) return other.notified(msg.payload ?? '');
      if (msg.channel !== CHANNEL || !msg.payload) return;
      try {
        const p = JSON.parse(msg.payload) as { orgs: number[]; from: string; indicators: string[] };
        const change: IndicatorChange = { orgIds: p.orgs, from: p.from, indicatorIds: p.indicators, reason: 'WRITE', at: new Date() };
        if (this.positions) return this.#withPosition(client, change);
        this.#emit(change);
      } catch {
        this.log(`ignored a malformed ${CHANNEL} notification`);
      }
    });
    try {
      await client.connect();
      await client.query([CHANNEL, ...this.#others.map((o) => o.channel)].map((c) => `listen ${c}`).join('; '));
    } catch (err) {
      await client.end().catch(() => undefined);
      if (!reconnecting) throw err;
      this.#schedule();
      return;
    }
    this.#client = client;
    this.listening = true;
    this.#backoff = 100;
    if (reconnecting) {
      this.log(`${CHANNEL}: listening again; subscribers told to refresh`);
      for (const o of this.#others) o.missed();
      this.#emit({ orgIds: null, from: null, indicatorIds: [], reason: 'RECONNECTED', at: new Date() });
    }
  }

  #lost(client: pg.Client, err: Error | null) {
    if (this.#client !== client) return;
    this.#client = null;
    this.listening = false;
    if (this.#stopped) return;
    this.log(`${CHANNEL}: connection lost (${err?.message ?? 'closed'}), reconnecting`);
    for (const o of this.#others) o.missed();
    client.end().catch(() => undefined);
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
  #withPosition(client: pg.Client, change: IndicatorChange) {
    client.query<{ lsn: string }>('select pg_current_wal_insert_lsn()::text as lsn').then(
      ({ rows }) => this.#emit({ ...change, readAfter: rows[0]!.lsn }),
      () => this.#emit(change),
    );
  }

  #emit(change: IndicatorChange) {
    // Targets or the cells' range may have changed: this instance's copies are re-read on next use.
    invalidateInstanceCaches();
    for (const l of this.#listeners) l(change);
  }

  /** Changes that concern an organisation (its subtree), as an async iterator. */
  subscribe(orgId: number): AsyncIterableIterator<IndicatorChange> {
    const sub = new Subscription(() => this.#listeners.delete(listener));
    const listener: Listener = (c) => {
      if (c.orgIds === null || c.orgIds.includes(orgId)) sub.push(c);
    };
    this.#listeners.add(listener);
    return sub;
  }

  get subscribers(): number {
    return this.#listeners.size;
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#retry) clearTimeout(this.#retry);
    const client = this.#client;
    this.#client = null;
    this.listening = false;
    await client?.end().catch(() => undefined);
  }
}
