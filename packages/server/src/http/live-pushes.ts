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
 *
 * Patches (`live(orgId, patches: true)`, issue 22's next step: 2,000 viewers × a 47 KB board was more than two
 * cores could send each second). The subscribers of a key that asked for them form a chain (the key without the
 * WAL position: `callerKey(ctx, false)`): each shared answer of the chain is its next revision, and its previous
 * revision's data is kept while the chain has a subscriber (dropped with the last). A shared answer is then sent
 * - to a subscriber that did not ask: as today, `{ data }`;
 * - to one that holds the previous revision: `{ extensions: { live: { revision, patch } } }`, the RFC 6902 JSON
 *   Patch (fast-json-patch `compare`) from the previous revision's data to this one's, computed and serialised
 *   once per change for the whole chain — unless its text is not shorter than the data's;
 * - to any other (new, behind, or the patch was not shorter): `{ data, extensions: { live: { revision } } }`.
 * A change that leaves the chain's data as it was (an empty patch: the write moved nothing the board shows) is no
 * revision: a subscriber holding the data is sent nothing, one behind or new gets it whole at the same revision.
 * Nor is a subscriber ever sent a revision older than the one it holds.
 * `extensions` because it is the one place besides `data` and `errors` a GraphQL result may carry (the spec's
 * response format), and graphql-ws and typed clients pass it through untouched; @n1ru4l/graphql-live-query-patch
 * puts the same `revision` and `patch` at the top level of the result instead. An answer not shared (personal
 * reads, errors, auth reads) is sent as it is, without a revision: the subscriber's next shared answer is whole.
 */
import { randomBytes } from 'node:crypto';
import jsonPatch from 'fast-json-patch';
import { createSourceEventStream, execute, type ExecutionArgs, type ExecutionResult } from 'graphql';
import type { Context } from '../context.js';
import { asksPatches } from '../graphql/live-patches.js';
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
/** An answer's hold on its texts (not enumerable: never serialised): the texts live while one of its answers does. */
const HOLDS = Symbol('shared texts');

/** A text shared by every message that holds its marker, kept while `holder` lives. */
function sharedText(text: string, holder: object): string {
  const marker = `${MARKER}${++markers}`;
  texts.set(marker, Buffer.from(text));
  collected.register(holder, marker);
  return marker;
}

/** `answer` holding `holder` (and so the texts registered with it). */
function holding<T extends object>(answer: T, holder: object): T {
  Object.defineProperty(answer, HOLDS, { value: holder, enumerable: false });
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
  /** Pushes sent as a patch against the subscriber's previous revision. */
  patches: number;
  /** Pushes not sent: the answer was the data the subscriber already held (an empty patch), or older. */
  unchanged: number;
}

type Run = { result: ExecutionResult; shareable: boolean };

/** The data of a live push's revision: `extensions.live` (see the module's comment). */
export interface LiveRevision {
  revision: number;
  /** RFC 6902 operations from revision - 1 to this one (absent: the push's `data` is the revision whole). */
  patch?: jsonPatch.Operation[];
}

/** One event's shared answer for one key: whole, and (the key's chain has subscribers) as a revision and a patch. */
interface Shared {
  full: ExecutionResult;
  /** The chain's revision this answer is (absent: no subscriber of the key asked for patches when it was made). */
  revision?: number;
  /** `full` with its revision. */
  whole?: ExecutionResult;
  /** The patch from revision - 1, when shorter than the data. */
  patch?: ExecutionResult;
}

/** What `map` returns for an event that sends the subscriber nothing. */
const NOTHING: unique symbol = Symbol('nothing to push');

/** The subscribers asking for patches of one caller's subscription: its last revision's data. */
interface Chain {
  subscribers: number;
  revision: number;
  data: unknown;
}

/** One subscription as the push layer follows it. */
interface Subscriber {
  patches: boolean;
  /** Its chain's key (patches only), and the last revision it was sent (null: its last push had none). */
  chain: string | null;
  revision: number | null;
}

/**
 * A source iterator mapped through `map`, ended at once by `return()` (as graphql-js's own mapping is); `ended`
 * is called once, when the source ends or is ended.
 */
function mapped<T, R>(
  source: AsyncIterator<T>,
  map: (value: T) => Promise<R | typeof NOTHING>,
  ended: () => void,
): AsyncIterableIterator<R> {
  let done = false;
  const end = () => {
    if (!done) ended();
    done = true;
  };
  const close = async () => {
    end();
    await source.return?.();
    return { value: undefined, done: true } as const;
  };
  return {
    async next() {
      for (;;) {
        const r = await source.next();
        if (r.done) {
          end();
          return { value: undefined, done: true };
        }
        let value: R | typeof NOTHING;
        try {
          value = await map(r.value);
        } catch (err) {
          await close();
          throw err;
        }
        if (value !== NOTHING) return { value, done: false };
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
  readonly #answers = new WeakMap<object, Map<string, Promise<Shared | null>>>();
  /** Per chain key (caller without the WAL position, and subscription key): the chain, while it has subscribers. */
  readonly #chains = new Map<string, Chain>();
  readonly stats: SharedPushesStats = { runs: 0, shared: 0, patches: 0, unchanged: 0 };

  /** How many chains keep a revision's data (each while it has subscribers). */
  get chains(): number {
    return this.#chains.size;
  }

  /** graphql-ws's `subscribe`: the source stream as graphql-js makes it, each event answered through `#answer`. */
  async subscribe(args: ExecutionArgs, source: PushSource): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
    const stream = await createSourceEventStream(args);
    if (!(Symbol.asyncIterator in stream)) return stream;
    const events = stream[Symbol.asyncIterator]();
    // The field's `subscribe` (run just now, making the stream) marks a subscription asking for patches.
    const sub: Subscriber = { patches: asksPatches(args.contextValue), chain: null, revision: null };
    if (sub.patches) this.#join(sub, `${callerKey(args.contextValue as Context, false)}|${source.key}`);
    return mapped(
      events,
      (event) => this.#answer(args, source, event, sub),
      () => this.#leave(sub),
    );
  }

  #join(sub: Subscriber, chain: string): void {
    if (sub.chain === chain) return;
    this.#leave(sub);
    sub.chain = chain;
    const held = this.#chains.get(chain);
    if (held) held.subscribers++;
    else this.#chains.set(chain, { subscribers: 1, revision: 0, data: null });
  }

  #leave(sub: Subscriber): void {
    if (sub.chain === null) return;
    const held = this.#chains.get(sub.chain);
    if (held && --held.subscribers === 0) this.#chains.delete(sub.chain);
    sub.chain = null;
    sub.revision = null;
  }

  async #answer(args: ExecutionArgs, source: PushSource, event: unknown, sub: Subscriber): Promise<ExecutionResult | typeof NOTHING> {
    const readAfter = (event as { readAfter?: unknown } | null)?.readAfter;
    const ctx = source.context(typeof readAfter === 'string' ? readAfter : undefined);
    const own = async () => {
      sub.revision = null;
      return (await this.#run(args, source, event, ctx)).result;
    };
    if (typeof event !== 'object' || event === null) return own();
    // The caller may have changed since the last event (an account's role): its chain with it.
    const chain = `${callerKey(ctx, false)}|${source.key}`;
    if (sub.patches) this.#join(sub, chain);
    let byKey = this.#answers.get(event);
    if (!byKey) this.#answers.set(event, (byKey = new Map()));
    const key = `${callerKey(ctx)}|${source.key}`;
    const pending = byKey.get(key);
    if (pending) {
      const answer = await pending;
      if (!answer) return own();
      this.stats.shared++;
      return this.#sent(answer, sub);
    }
    let settle!: (answer: Shared | null) => void;
    byKey.set(key, new Promise((resolve) => (settle = resolve)));
    let run: Run | null = null;
    let answer: Shared | null = null;
    try {
      run = await this.#run(args, source, event, ctx);
    } finally {
      answer = run?.shareable ? this.#share(run.result.data, chain) : null;
      settle(answer);
    }
    if (answer) return this.#sent(answer, sub);
    sub.revision = null;
    return run.result;
  }

  /** A shareable run's answer, serialised once: whole, and for the chain (if any) as its next revision and patch. */
  #share(data: ExecutionResult['data'], chainKey: string): Shared {
    const holder = {};
    const text = JSON.stringify(data);
    const marker = sharedText(text, holder) as unknown as ExecutionResult['data'];
    const full = holding({ data: marker }, holder);
    const chain = this.#chains.get(chainKey);
    if (!chain) return { full };
    // The data as subscribers read it (what they apply the next patch to): the text parsed, not the run's objects.
    const now: unknown = JSON.parse(text);
    const had = chain.revision > 0;
    const ops = had ? jsonPatch.compare(chain.data as object, now as object) : null;
    // No change (an empty patch): the same revision, which whoever holds it is then sent nothing of (`#sent`).
    const unchanged = ops?.length === 0;
    const revision = unchanged ? chain.revision : ++chain.revision;
    chain.data = now;
    const whole = holding({ data: marker, extensions: { live: { revision } satisfies LiveRevision } }, holder);
    if (!ops || unchanged) return { full, revision, whole };
    const live: LiveRevision = { revision, patch: ops };
    const patchText = JSON.stringify(live);
    if (patchText.length >= text.length) return { full, revision, whole };
    const patch = holding({ extensions: { live: sharedText(patchText, holder) } }, holder);
    return { full, revision, whole, patch };
  }

  /** What `sub` is sent of a shared answer (see the module's comment), its revision noted. */
  #sent(answer: Shared, sub: Subscriber): ExecutionResult | typeof NOTHING {
    if (!sub.patches || answer.revision === undefined) {
      sub.revision = null;
      return answer.full;
    }
    // Nothing new to this subscriber: the data it holds (an unchanged answer), or older than it (an earlier event's
    // answer, made before this subscriber, late to pull, made a newer one; a joiner can leave such a gap).
    if (sub.revision !== null && answer.revision <= sub.revision) {
      this.stats.unchanged++;
      return NOTHING;
    }
    const behind = sub.revision !== answer.revision - 1;
    sub.revision = answer.revision;
    if (behind || !answer.patch) return answer.whole!;
    this.stats.patches++;
    return answer.patch;
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
