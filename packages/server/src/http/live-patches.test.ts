/**
 * The patch rules of http/live-pushes.ts on a toy schema (no database, no socket): a patch only when its text is
 * shorter than the data's, a subscriber that missed a revision sent the data whole, a subscriber not asking for
 * patches sent the data whole without a revision, an answer not shared (errors) sent as it is and the next push
 * then whole, and a key's kept data dropped with its last patch subscriber (also one that leaves mid-stream).
 */
import jsonPatch from 'fast-json-patch';
import {
  GraphQLBoolean,
  GraphQLInt,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLSchema,
  parse,
  type ExecutionResult,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import type { Context } from '../context.js';
import { askPatches } from '../graphql/live-patches.js';
import { expandShared, SharedPushes, type PushSource } from './live-pushes.js';

/** The board's state the toy resolvers read: `cells` (a list), `fail` (an error instead). */
const state = { cells: [1, 2, 3] as number[], fail: false };

/** Events, each pushed to every open subscription (as the feed hands one object to all). */
const feeds = new Set<(e: object) => void>();
function events(): AsyncIterableIterator<object> {
  const queue: object[] = [];
  let wake: (() => void) | null = null;
  const push = (e: object) => {
    queue.push(e);
    wake?.();
  };
  feeds.add(push);
  return {
    async next() {
      while (!queue.length) await new Promise<void>((r) => (wake = r));
      return { value: queue.shift()!, done: false };
    },
    async return() {
      feeds.delete(push);
      return { value: undefined, done: true };
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
const change = () => {
  const e = {};
  for (const f of feeds) f(e);
};

const query = new GraphQLObjectType({
  name: 'Query',
  fields: {
    cells: {
      type: new GraphQLList(new GraphQLNonNull(GraphQLInt)),
      resolve: () => {
        if (state.fail) throw new Error('no board');
        return state.cells;
      },
    },
  },
});
const schema = new GraphQLSchema({
  query,
  subscription: new GraphQLObjectType({
    name: 'Subscription',
    fields: {
      live: {
        type: new GraphQLNonNull(query),
        args: { patches: { type: GraphQLBoolean, defaultValue: false } },
        subscribe: (_root, args: { patches: boolean }, ctx: object) => {
          if (args.patches) askPatches(ctx);
          return events();
        },
        resolve: () => ({}),
      },
    },
  }),
});

const context = () => ({ reader: { scope: null, persons: true, minCell: 0, db: {}, personal: new Map() } }) as unknown as Context;

/** A subscription as the socket makes it: its pushes as a client reads them (the shared texts put in place). */
async function subscriber(pushes: SharedPushes, patches: boolean) {
  const document = parse(`subscription { live${patches ? '(patches: true)' : ''} { cells } }`);
  const source: PushSource = { key: patches ? 'patches' : 'whole', context };
  const stream = (await pushes.subscribe({ schema, document, contextValue: context() }, source)) as AsyncIterableIterator<ExecutionResult>;
  const got: ExecutionResult[] = [];
  const read = async () => {
    const r = await stream.next();
    const parts = expandShared(JSON.stringify(r.value));
    const text = typeof parts === 'string' ? parts : parts[0] + parts[1].toString() + parts[2];
    got.push(JSON.parse(text) as ExecutionResult);
    return got.at(-1)!;
  };
  return { got, read, stream };
}

const live = (r: ExecutionResult) => (r.extensions as { live?: { revision: number; patch?: jsonPatch.Operation[] } } | undefined)?.live;

describe('http/live-pushes patches', () => {
  it('should patch only when the patch is shorter, send a behind subscriber the data whole, and a plain one as before', async () => {
    const pushes = new SharedPushes();
    const a = await subscriber(pushes, true);
    const plain = await subscriber(pushes, false);
    expect(pushes.chains).toBe(1);
    state.cells = Array.from({ length: 50 }, (_, i) => i);
    change();
    const first = await a.read();
    expect(live(first)).toEqual({ revision: 1 });
    expect(first.data).toEqual({ live: { cells: state.cells } });
    expect(await plain.read()).toEqual({ data: { live: { cells: state.cells } } });

    state.cells = state.cells.map((c, i) => (i === 7 ? 700 : c));
    change();
    const second = await a.read();
    expect(second.data).toBeUndefined();
    expect(live(second)).toEqual({ revision: 2, patch: [{ op: 'replace', path: '/live/cells/7', value: 700 }] });
    expect(jsonPatch.applyPatch(structuredClone(first.data), live(second)!.patch!).newDocument).toEqual({ live: { cells: state.cells } });
    expect(await plain.read()).toEqual({ data: { live: { cells: state.cells } } });
    expect(pushes.stats.patches).toBe(1);

    // Every cell changed: the patch is longer than the data, so the data goes whole (with its revision).
    state.cells = state.cells.map((c) => c + 1000);
    change();
    const third = await a.read();
    expect(live(third)).toEqual({ revision: 3 });
    expect(third.data).toEqual({ live: { cells: state.cells } });
    await plain.read();

    // A subscriber joining now, then both patched: the joiner's first push whole at the same revision.
    const b = await subscriber(pushes, true);
    state.cells = [...state.cells.slice(0, 49), 1];
    change();
    const [fourA, fourB] = [await a.read(), await b.read()];
    expect(live(fourA)?.patch).toBeDefined();
    expect(live(fourB)).toEqual({ revision: 4 });
    expect(fourB.data).toEqual({ live: { cells: state.cells } });
    await plain.read();

    // An answer with errors is not shared: sent as it is (no revision), and the next push to each is whole.
    state.fail = true;
    change();
    for (const s of [a, b]) {
      const r = await s.read();
      expect(r.errors).toBeDefined();
      expect(live(r)).toBeUndefined();
    }
    await plain.read();
    state.fail = false;
    state.cells = [...state.cells.slice(0, 49), 2];
    change();
    for (const s of [a, b]) {
      const r = await s.read();
      expect(live(r)).toEqual({ revision: 5 });
      expect(r.data).toEqual({ live: { cells: state.cells } });
    }
    await plain.read();

    // The kept data goes with the last patch subscriber (a plain one keeps none).
    expect(pushes.chains).toBe(1);
    await a.stream.return!();
    expect(pushes.chains).toBe(1);
    await b.stream.return!();
    expect(pushes.chains).toBe(0);
    await plain.stream.return!();
    expect(pushes.chains).toBe(0);
    expect(feeds.size).toBe(0);
  });

  it('should send nothing for a change that leaves the board as it was, and no revision is lost for it', async () => {
    const pushes = new SharedPushes();
    const a = await subscriber(pushes, true);
    const plain = await subscriber(pushes, false);
    state.fail = false;
    state.cells = Array.from({ length: 50 }, (_, i) => i);
    change();
    expect(live(await a.read())).toEqual({ revision: 1 });
    await plain.read();
    const settled = () => new Promise((r) => setTimeout(r, 20));

    // A write that moves nothing the board shows: the plain subscriber is sent the board as before, the patch
    // subscriber nothing (its read, in flight, goes on to the next real change).
    const aNext = a.read();
    change();
    expect(await plain.read()).toEqual({ data: { live: { cells: state.cells } } });
    await settled();
    expect(pushes.stats.unchanged).toBe(1);
    // A subscriber joining now gets the board whole at the unchanged revision.
    const b = await subscriber(pushes, true);
    change();
    const joined = await b.read();
    expect(live(joined)).toEqual({ revision: 1 });
    expect(joined.data).toEqual({ live: { cells: state.cells } });
    await plain.read();
    await settled();
    expect(pushes.stats.unchanged).toBe(2);

    state.cells = state.cells.map((c, i) => (i === 3 ? 300 : c));
    change();
    const patch = [{ op: 'replace', path: '/live/cells/3', value: 300 }];
    expect(live(await aNext)).toEqual({ revision: 2, patch });
    expect(live(await b.read())).toEqual({ revision: 2, patch });
    await plain.read();
    expect(a.got).toHaveLength(2);
    for (const s of [a, b, plain]) await s.stream.return!();
    expect(pushes.chains).toBe(0);
  });

  it('should never send a subscriber late to pull an older board than the one it holds', async () => {
    const pushes = new SharedPushes();
    const a = await subscriber(pushes, true);
    state.fail = false;
    state.cells = Array.from({ length: 50 }, (_, i) => i);
    change();
    expect(live(await a.read())).toEqual({ revision: 1 });
    // `a` does not pull for a while: a change it has not taken, a joiner, a second change the joiner answers.
    change();
    const b = await subscriber(pushes, true);
    change();
    expect(live(await b.read())).toEqual({ revision: 1 });
    // The board moves; `a` now takes the first change, run now (the board as it is now): revision 2.
    state.cells = state.cells.map((c, i) => (i === 5 ? 500 : c));
    change();
    expect(live(await a.read())).toEqual({ revision: 2, patch: [{ op: 'replace', path: '/live/cells/5', value: 500 }] });
    // `b` takes the change after (run now too: the same board, so revision 2 unchanged), whole: no patch to it is kept.
    const bSecond = await b.read();
    expect(live(bSecond)).toEqual({ revision: 2 });
    expect(bSecond.data).toEqual({ live: { cells: state.cells } });
    // Its next push skips the joiner's revision 1 (older than its 2) and the unchanged third change.
    state.cells = state.cells.map((c, i) => (i === 6 ? 600 : c));
    change();
    expect(live(await a.read())).toEqual({ revision: 3, patch: [{ op: 'replace', path: '/live/cells/6', value: 600 }] });
    expect(a.got.map((r) => live(r)!.revision)).toEqual([1, 2, 3]);
    for (const s of [a, b]) await s.stream.return!();
  });
});
