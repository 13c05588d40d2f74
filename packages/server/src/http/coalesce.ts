/**
 * Identical reads answered once per change (issue 22): a wall of N viewers of one board refetches the same
 * query after every push, and without this each of the N requests ran the board's statements again.
 *
 * A query's answer is shared between requests of this instance with the same
 * - document (Apollo's hash of its text) and operation name, and variables (keys sorted);
 * - caller, as far as a read's answer can depend on it: the role, the organisations the account reaches today
 *   (the session's scope roots: terms that ended or have not begun are not among them), whether it may see
 *   people (Reader.persons) and the smallest cell it may see (Reader.minCell). That is everything of the
 *   caller a read resolver gets (context.ts: the Reader); a resolver that reads the account itself
 *   (`ctx.auth`: me, tokens, accounts, the audit log …) makes its answer unshareable (below). Answers carry
 *   both languages, so no locale is part of the key;
 * - generation: bumped on every change this instance hears of (each IndicatorChange and RECONNECTED of the
 *   feed, and each write committed here, through db/instance-cache.ts) and on each mutation run here;
 * - hour (UTC): answers depend on today (the current month, ages), and a day ends on the hour in any zone.
 *
 * Concurrent identical requests wait for the first (single flight); its answer is kept for the next ones until
 * the generation moves (LRU, bounded in entries and size, and at most HUB_COALESCE_MAX_AGE old: the safety net
 * for edits by hand and for the few writes that announce no change — survey definitions, reference renames —
 * which other instances then show within that age, as their tree cache already does). Nothing is kept while
 * the feed is not listening (changes would be missed); the flight is still shared.
 *
 * Every request is still authenticated and passes the access gate and the cost limit (didResolveOperation,
 * before `responseForOperation`): a revoked session is refused before it could be answered from here.
 *
 * Never shared: mutations and subscriptions; answers with errors or another status than 200; answers that
 * read personal fields (Reader.personal is not empty: http/personal-audit.ts writes one audit row per caller,
 * so such a request runs, and is audited, for itself — those waiting on it run their own); answers whose
 * execution read `ctx.auth` or `ctx.actor`.
 *
 * Why not Apollo's @apollo/server-plugin-response-cache: it caches only what carries cache-control hints
 * (the hub disables that plugin: its per-field hook cost 6 % of a list query), keys private answers by a
 * session id (N viewers, N entries), expires only by TTL — it cannot hear our change feed, so a board would
 * be stale for a whole TTL or uncached — and does not join concurrent misses (2,000 viewers refetching at the
 * same push would all miss). The plugin hooks it uses (responseForOperation, willSendResponse) are the ones
 * used here. The single flight is a map of promises: no library offers it inside Apollo's request pipeline.
 */
import { HeaderMap, type ApolloServerPlugin, type GraphQLRequestContext, type GraphQLRequestListener } from '@apollo/server';
import { OperationTypeNode, type FormattedExecutionResult } from 'graphql';
import { LRUCache } from 'lru-cache';
import type { Context } from '../context.js';
import { onInstanceCachesInvalidated } from '../db/instance-cache.js';

type Answer = FormattedExecutionResult;

export interface SharedAnswersOptions {
  /** The longest a finished answer is reused, in ms (HUB_COALESCE_MAX_AGE); 0: nothing is shared. */
  maxAgeMs: number;
  /** Finished answers kept at most (default 500). */
  maxEntries?: number;
  /** Their serialised size at most, in bytes (default 64 MB). */
  maxBytes?: number;
  /** Whether this instance hears every change now (the feed is listening); otherwise nothing is kept. */
  fresh?: () => boolean;
  /** The instance's request pool: only its invalidations move these answers on (unset: any instance's in the process). */
  instance?: object;
}

/** What the layer did, for tests and the benchmark. */
export interface SharedAnswersStats {
  /** Requests that ran their operation as the first of their key. */
  led: number;
  /** Requests answered by a flight they joined. */
  joined: number;
  /** Requests answered by a kept answer. */
  reused: number;
}

/** JSON with object keys sorted, so that `{a, b}` and `{b, a}` are one key (variables are plain JSON values). */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .toSorted()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}

/**
 * Everything of the caller a read's answer can depend on (see the module's comment); without `withRoute`, all but
 * the WAL position (the revisions of a pushed board follow one caller's answers whatever position each read past:
 * http/live-pushes.ts).
 */
export function callerKey(ctx: Context, withRoute = true): string {
  const r = ctx.reader;
  const role = ctx.auth?.account?.role ?? 'anonymous';
  const scope = r.scope === null ? '*' : [...r.scope].toSorted((a, b) => a - b).join(',');
  // With read replicas, the WAL position the request must see (x-hub-read-after): an answer read on a replica
  // behind it must not be handed to a request that asked to read its own write.
  const route = r.db.route;
  const consistency = route && withRoute ? `|after:${route.required ?? 'any'}` : '';
  return `${role}|${scope}|${r.persons ? 'persons' : 'no-persons'}|${r.minCell}${consistency}`;
}

/** Watches the context's caller-specific properties: `read` turns true when a resolver reads one while `on`. */
export function watchCaller(ctx: Context): { on: boolean; read: boolean } {
  const watch = { on: false, read: false };
  for (const prop of ['auth', 'actor'] as const) {
    let value = ctx[prop];
    Object.defineProperty(ctx, prop, {
      configurable: true,
      enumerable: true,
      get: () => {
        if (watch.on) watch.read = true;
        return value;
      },
      set: (v: typeof value) => {
        value = v;
      },
    });
  }
  return watch;
}

const respond = (answer: Answer) => ({
  http: { status: undefined, headers: new HeaderMap() },
  body: { kind: 'single' as const, singleResult: answer },
});

interface Flight {
  key: string;
  generation: number;
  settle: (answer: Answer | null) => void;
  watch: { on: boolean; read: boolean };
}

export class SharedAnswers {
  #generation = 0;
  readonly #flights = new Map<string, Promise<Answer | null>>();
  readonly #kept: LRUCache<string, Answer>;
  readonly stats: SharedAnswersStats = { led: 0, joined: 0, reused: 0 };
  /** Every change this instance hears of (each IndicatorChange and RECONNECTED of the feed) and each write committed here. */
  readonly #unhook: () => void;

  constructor(private readonly opts: SharedAnswersOptions) {
    this.#unhook = onInstanceCachesInvalidated(() => this.bump(), opts.instance ?? null);
    this.#kept = new LRUCache<string, Answer>({
      max: opts.maxEntries ?? 500,
      maxSize: opts.maxBytes ?? 64 * 1024 * 1024,
      sizeCalculation: (a) => Math.max(1, JSON.stringify(a).length),
      ttl: Math.max(1, opts.maxAgeMs),
    });
  }

  /** Something may have changed: no answer read before now is given again. */
  bump(): void {
    this.#generation++;
    this.#kept.clear();
  }

  /** Stops following the invalidations (the HTTP server's stop). */
  close(): void {
    this.#unhook();
    this.#kept.clear();
  }

  get generation(): number {
    return this.#generation;
  }

  /** The Apollo plugin (after the access gate and the cost limit, which run per request before it). */
  plugin(): ApolloServerPlugin<Context> {
    return { requestDidStart: async () => this.#listener() };
  }

  #keyOf(rc: GraphQLRequestContext<Context>): string | null {
    if (this.opts.maxAgeMs <= 0 || rc.operation?.operation !== OperationTypeNode.QUERY) return null;
    const hour = new Date().toISOString().slice(0, 13);
    const document = `${rc.queryHash}|${rc.operationName ?? ''}|${canonicalJson(rc.request.variables ?? {})}`;
    return `${this.#generation}|${hour}|${callerKey(rc.contextValue)}|${document}`;
  }

  /** The first request of a key runs; the others wait for it, then take its answer or (unshareable) run their own. */
  async #answer(rc: GraphQLRequestContext<Context>, key: string, lead: (f: Flight) => void) {
    const kept = this.#kept.get(key);
    if (kept) {
      this.stats.reused++;
      return respond(kept);
    }
    const flight = this.#flights.get(key);
    if (flight) {
      const answer = await flight;
      if (!answer) return null;
      this.stats.joined++;
      return respond(answer);
    }
    this.stats.led++;
    let settle!: (a: Answer | null) => void;
    this.#flights.set(key, new Promise<Answer | null>((r) => (settle = r)));
    lead({ key, generation: this.#generation, settle, watch: watchCaller(rc.contextValue) });
    return null;
  }

  #finish(f: Flight, rc: GraphQLRequestContext<Context>): void {
    const body = rc.response.body;
    const shareable =
      body?.kind === 'single' &&
      !body.singleResult.errors?.length &&
      (rc.response.http.status ?? 200) === 200 &&
      !f.watch.read &&
      rc.contextValue.reader.personal.size === 0;
    const answer = shareable ? body.singleResult : null;
    this.#flights.delete(f.key);
    f.settle(answer);
    if (answer && f.generation === this.#generation && (this.opts.fresh?.() ?? true)) this.#kept.set(f.key, answer);
  }

  #listener(): GraphQLRequestListener<Context> {
    let flight: Flight | null = null;
    const finish = (rc: GraphQLRequestContext<Context>) => {
      if (flight) this.#finish(flight, rc);
      flight = null;
    };
    return {
      responseForOperation: async (rc) => {
        const key = this.#keyOf(rc);
        return key === null ? null : this.#answer(rc, key, (f) => (flight = f));
      },
      executionDidStart: async () => {
        if (flight) flight.watch.on = true;
        return {
          executionDidEnd: async () => {
            if (flight) flight.watch.on = false;
          },
        };
      },
      willSendResponse: async (rc) => {
        // A write run here: what this instance answers next reads after it (its notification comes later).
        if (rc.operation?.operation === OperationTypeNode.MUTATION) this.bump();
        finish(rc);
      },
    };
  }
}
