/**
 * A subscription's pushes answered once per change for all its identical subscribers (issue 22: a wall of
 * viewers of one board). graphql-js runs a subscription's selection again for each event, once per
 * subscriber; 2,000 viewers of one board pushed `live { …the board… }` (modules/indicator/live-query.ts)
 * would read the board 2,000 times a change. Here each event is run once per identical
 * - document, operation name and variables (keys sorted), and
 * - caller, as a shared HTTP read's (coalesce.ts `callerKey`: role, scope, persons, smallest cell, and the
 *   WAL position the reads must see),
 * and every subscriber of that key is sent the same text: the first subscriber to take the event runs it, the
 * others wait for it, and the answer's data is serialised once (each socket's message copies the text).
 *
 * An event is the change object the feed hands to every subscriber of a board (indicators/live.ts: one object
 * per push of a board's gate, and one per change when pushes are not capped): the answers live as long as it
 * does (a WeakMap), so nothing is kept after every subscriber has taken it.
 *
 * Each run gets a context of its own (a fresh Reader: no loader or cache of an earlier event, reads routed past
 * the change's WAL position when it carries one), made as the subscription's was. Never shared, as on HTTP: an
 * answer with errors, one that read personal fields (each subscriber runs, and is audited, for itself: `ran`),
 * one whose run read `ctx.auth` or `ctx.actor`.
 */
import { randomBytes } from 'node:crypto';
import { createSourceEventStream, execute, type ExecutionArgs, type ExecutionResult } from 'graphql';
import type { Context } from '../context.js';
import { callerKey, watchCaller } from './coalesce.js';

/**
 * A shared answer's data stands in the message as a marker (a string no answer holds) until the socket sends it
 * (`expandShared`): graphql-ws serialises each message itself, and the board's text is serialised once instead of
 * once per viewer. The texts live as long as their answer (held by the event, or by a push being sent). A copy per socket
 * (Buffer.concat) cost the hub a fifth of a 1,000-viewer wall's CPU and most of its garbage: the three
 * fragments spare it.
 */
const MARKER = `hub-shared-push-${randomBytes(8).toString('hex')}:`;
const texts = new Map<string, Buffer>();
const collected = new FinalizationRegistry<string>((marker) => texts.delete(marker));
let markers = 0;

function sharedAnswer(data: ExecutionResult['data']): ExecutionResult {
  const marker = `${MARKER}${++markers}`;
  texts.set(marker, Buffer.from(JSON.stringify(data)));
  const answer: ExecutionResult = { data: marker as unknown as ExecutionResult['data'] };
  collected.register(answer, marker);
  return answer;
}

/**
 * A message as a socket sends it: as it is, or, holding a shared answer's marker, the text before it, the
 * answer's text (the one Buffer every subscriber is sent, never copied per socket) and the text after it, to be
 * sent as three fragments of one WebSocket message.
 */
export function expandShared(message: string): string | [string, Buffer, string] {
  const at = message.indexOf(`"${MARKER}`);
  if (at < 0) return message;
  const end = message.indexOf('"', at + 1);
  const text = texts.get(message.slice(at + 1, end));
  if (!text) throw new Error('a shared push was sent after its text was dropped');
  return [message.slice(0, at), text, message.slice(end + 1)];
}

/** How a subscription's events are run: made when it subscribes (http/websocket.ts). */
export interface PushSource {
  /** Identical subscriptions' key: their document, operation name and variables. */
  key: string;
  /** A context for one event's run, as the subscription's; reads routed past `readAfter` when given. */
  context(readAfter?: string): Context;
  /** After a run for one caller (the personal-read audit). */
  ran?(ctx: Context): void;
}

/** What the layer did, for tests and the benchmark. */
export interface SharedPushesStats {
  /** Events run (one per change per key when shared; one per subscriber when not). */
  runs: number;
  /** Pushes answered by another subscriber's run. */
  shared: number;
}

type Run = { result: ExecutionResult; shareable: boolean };

/** A source iterator mapped through `map`, ended at once by `return()` (as graphql-js's own mapping is). */
function mapped<T, R>(source: AsyncIterator<T>, map: (value: T) => Promise<R>): AsyncIterableIterator<R> {
  const close = async () => {
    await source.return?.();
    return { value: undefined, done: true } as const;
  };
  return {
    async next() {
      const r = await source.next();
      if (r.done) return { value: undefined, done: true };
      try {
        return { value: await map(r.value), done: false };
      } catch (err) {
        await close();
        throw err;
      }
    },
    return: close,
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

export class SharedPushes {
  /** Per event, per key: the shared answer, or null (its run was not shareable: each runs its own). */
  readonly #answers = new WeakMap<object, Map<string, Promise<ExecutionResult | null>>>();
  readonly stats: SharedPushesStats = { runs: 0, shared: 0 };

  /** graphql-ws's `subscribe`: the source stream as graphql-js makes it, each event answered through `#answer`. */
  async subscribe(args: ExecutionArgs, source: PushSource): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
    const stream = await createSourceEventStream(args);
    if (!(Symbol.asyncIterator in stream)) return stream;
    const events = stream[Symbol.asyncIterator]();
    return mapped(events, (event) => this.#answer(args, source, event));
  }

  async #answer(args: ExecutionArgs, source: PushSource, event: unknown): Promise<ExecutionResult> {
    const readAfter = (event as { readAfter?: unknown } | null)?.readAfter;
    const ctx = source.context(typeof readAfter === 'string' ? readAfter : undefined);
    if (typeof event !== 'object' || event === null) return (await this.#run(args, source, event, ctx)).result;
    let byKey = this.#answers.get(event);
    if (!byKey) this.#answers.set(event, (byKey = new Map()));
    const key = `${callerKey(ctx)}|${source.key}`;
    const pending = byKey.get(key);
    if (pending) {
      const answer = await pending;
      if (answer) {
        this.stats.shared++;
        return answer;
      }
      return (await this.#run(args, source, event, ctx)).result;
    }
    let settle!: (answer: ExecutionResult | null) => void;
    byKey.set(key, new Promise((resolve) => (settle = resolve)));
    let run: Run | null = null;
    try {
      run = await this.#run(args, source, event, ctx);
    } finally {
      const answer = run?.shareable ? sharedAnswer(run.result.data) : null;
      settle(answer);
    }
    return run.shareable ? ((await byKey.get(key)) ?? run.result) : run.result;
  }

  async #run(args: ExecutionArgs, source: PushSource, event: unknown, ctx: Context): Promise<Run> {
    this.stats.runs++;
    const watch = watchCaller(ctx);
    watch.on = true;
    let result: ExecutionResult;
    try {
      result = await execute({ ...args, rootValue: event, contextValue: ctx });
    } finally {
      watch.on = false;
    }
    source.ran?.(ctx);
    return { result, shareable: !result.errors?.length && !watch.read && ctx.reader.personal.size === 0 };
  }
}
