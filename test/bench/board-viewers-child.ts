/**
 * The processes of the viewers bench (board-viewers.ts) beside the one that starts the hub and counts: so that the
 * figures are the hub's, not the bench's own event loop's (one process parsing 2,000 boards of 47 KB, its writer
 * on the same loop, once took 59 s to send 20 s of writes).
 *   node bench/board-viewers-child.ts viewers   a share of the wall: told how many viewers, it connects them,
 *                                                says when they are in, and reports what each saw when asked
 *   node bench/board-viewers-child.ts writer    the writer: told how many free clinics and how fast
 * Told what to do over the fork's IPC channel. Every time is on one clock for all processes:
 * `performance.timeOrigin + performance.now()` (ms since the epoch, sub-millisecond; each process's origin is
 * the wall clock when it started, so processes agree to the wall clock's precision).
 *
 * A pushed board is read cheaply: the socket hands graphql-ws a small message in its place (the counted indicator's
 * value, found in the frame's bytes); the frame itself is kept, and only a viewer's last board is parsed, at the
 * end, to compare it whole with a fresh read. With `patches` (`live(orgId, patches: true)`, as the dashboard asks)
 * a viewer parses its first (whole) push and applies every patch after it with fast-json-patch, as the page does;
 * its board, so kept, is compared whole with the fresh read at the end as well: a wrong patch shows there.
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { IndicatorBoardDocument, IndicatorBoardLiveDocument, IndicatorsChangedDocument } from '@party-hub/schema/client';
import jsonPatch, { type Operation } from 'fast-json-patch';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

/** The indicator each write moves by one (a free clinic held is one service event). */
export const COUNTED = 'service_event_count';
/** The board's subscription without patches (IndicatorBoardLive asks for them, as the dashboard does). */
export const WHOLE_LIVE = IndicatorBoardLiveDocument.toString().replace('live(orgId: $orgId, patches: true)', 'live(orgId: $orgId)');
if (WHOLE_LIVE === IndicatorBoardLiveDocument.toString())
  throw new Error('IndicatorBoardLive no longer asks for patches as this bench expects');

/** The one clock of every process (ms since the epoch). */
export const now = () => performance.timeOrigin + performance.now();

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const cause = (err: unknown) => `${String(err)} ${(err as { cause?: { message?: string } }).cause?.message ?? ''}`.trim();

const ID_AT = Buffer.from(`"id":"${COUNTED}"`);
const VALUE_AT = Buffer.from('"value":');

/** The counted indicator's value in a board's bytes or text (a push's frame, an HTTP answer), or null. */
export function countIn(bytes: Buffer | string): number | null {
  const b = typeof bytes === 'string' ? Buffer.from(bytes) : bytes;
  const at = b.indexOf(ID_AT);
  const v = at < 0 ? -1 : b.indexOf(VALUE_AT, at);
  if (v < 0 || v - at > 200) return null;
  const m = /^-?[\d.]+/.exec(b.subarray(v + VALUE_AT.length, v + VALUE_AT.length + 32).toString('latin1'));
  return m ? Number(m[0]) : null;
}

export interface Start {
  url: string;
  cookie: string;
  variables: Record<string, unknown>;
  committee: string;
  n: number;
  delivery: 'push' | 'refetch';
  /** Pushed: ask for patches and apply them (`live(orgId, patches: true)`). */
  patches: boolean;
  /** Sockets opened per 250 ms by this process. */
  pace: number;
}

export interface Tally {
  fivexx: number;
  errors: number;
  /** Sockets that failed or closed on the viewer, refetches that failed (not aborted): the first one's cause. */
  failed: number;
  fetchFailed: number;
  superseded: number;
  firstFailure: string | null;
  boards: number;
  inFlight: number;
  connected: number;
  reconnects: number;
  /** With patches: pushes that were patches (applied), whole pushes, patches that did not apply or follow (a gap). */
  patches: number;
  wholes: number;
  patchFailed: number;
}

export interface ViewersReport {
  /** Per viewer: when it first had a board counting at least n ([n, ms on the one clock]), in order. */
  seen: [number, number][][];
  tally: Tally;
  /** Viewers whose last board's count is not the fresh read's; whose last board is not the fresh read, whole. */
  staleCount: number;
  staleWhole: number;
  /** Viewers with no board at all. */
  none: number;
  /** This process's event loop from the start to the report: its busy share, its delay's p99 and max (ms). */
  loop: { busy: number; p99: number; max: number };
  /** The size of every pushed frame (`next` message) its viewers received while measuring (bytes). */
  frames: number[];
}

interface Viewer {
  client: Client;
  seen: [number, number][];
  /**
   * Its last board: a pushed frame (its `live` field is the board), an HTTP answer's text (its `data`), or (with
   * patches) the pushed data as patched so far and its revision.
   */
  last: { pushed: Buffer } | { fetched: string } | { patched: { live: Board }; revision: number } | null;
}

interface Board {
  indicators: { values: { indicator: { id: string }; value: number | null }[] };
}

/** The counted indicator's value in a board. */
const countOf = (b: Board) => b.indicators.values.find((v) => v.indicator.id === COUNTED)?.value ?? null;

/** Frame sizes are recorded while measuring. */
let measuring = false;
const frames: number[] = [];

/** A patch viewer's frame: its board whole, or patched (the count after it), or null when the patch does not apply. */
function patched(v: Viewer, frame: Buffer, tally: Tally): number | null {
  const payload = (
    JSON.parse(frame.toString('utf8')) as {
      payload: { data?: { live: Board }; extensions?: { live?: { revision: number; patch?: Operation[] } } };
    }
  ).payload;
  const live = payload.extensions?.live;
  if (!live) throw new Error('a push without extensions.live to a viewer asking for patches');
  if (!live.patch) {
    tally.wholes++;
    v.last = { patched: payload.data!, revision: live.revision };
    return countOf(payload.data!.live);
  }
  const held = v.last && 'patched' in v.last ? v.last : null;
  try {
    if (!held || live.revision !== held.revision + 1) throw new Error(`revision ${live.revision} after ${held?.revision ?? 'none'}`);
    // Validated, in place (the viewer's own copy): as the page applies it, less the copy.
    held.patched = jsonPatch.applyPatch(held.patched, live.patch, true, true).newDocument;
    held.revision = live.revision;
    tally.patches++;
    return countOf(held.patched.live);
  } catch (err) {
    tally.patchFailed++;
    tally.firstFailure ??= `patch: ${cause(err)}`;
    v.last = null;
    return null;
  }
}

const newTally = (): Tally => ({
  fivexx: 0,
  errors: 0,
  failed: 0,
  fetchFailed: 0,
  superseded: 0,
  firstFailure: null,
  boards: 0,
  inFlight: 0,
  connected: 0,
  reconnects: 0,
  patches: 0,
  wholes: 0,
  patchFailed: 0,
});

/** A board the viewer now has: recorded when it counts more than any before. */
function took(v: Viewer, count: number | null, tally: Tally): void {
  tally.boards++;
  if (count === null) return;
  const top = v.seen.at(-1)?.[0] ?? -Infinity;
  if (count > top) v.seen.push([count, now()]);
}

const NEXT = Buffer.from('"type":"next"');

/**
 * A signed-in socket whose `next` frames reach graphql-ws as a small message (`{ count }`, already an object: it
 * parses only strings), the frame handed to `onFrame` (which says its count); any other frame as it came.
 */
function cheapSocket(cookie: string, onFrame: (frame: Buffer) => number | null) {
  return class CheapSocket extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { headers: { cookie } });
      let handler: ((e: { data: unknown }) => void) | null = null;
      // graphql-ws sets `onmessage`: kept here (in place of ws's own), called by the listener below.
      Object.defineProperty(this, 'onmessage', {
        get: () => handler,
        set: (fn: typeof handler) => {
          handler = fn;
        },
      });
      this.on('message', (data: Buffer, isBinary: boolean) => {
        const head = data.subarray(0, 160);
        if (isBinary || head.indexOf(NEXT) < 0) return handler?.({ data: data.toString('utf8') });
        const id = /"id":"([^"]+)"/.exec(head.toString('latin1'))?.[1];
        if (measuring) frames.push(data.length);
        const count = onFrame(data);
        handler?.({ data: { id, type: 'next', payload: { data: { count } } } });
      });
    }
  };
}

/** Asks for the board over HTTP (the previous ask aborted), as the page does. */
function refetcher(s: Start, v: Viewer, tally: Tally) {
  const headers = { 'content-type': 'application/json', cookie: s.cookie };
  const body = JSON.stringify({ query: IndicatorBoardDocument.toString(), variables: s.variables });
  let inFlight: AbortController | null = null;
  return async () => {
    inFlight?.abort();
    const mine = (inFlight = new AbortController());
    tally.inFlight++;
    try {
      const res = await fetch(`${s.url}/graphql`, { method: 'POST', headers, body, signal: mine.signal });
      const answer = await res.text();
      if (res.status >= 500) tally.fivexx++;
      if (answer.includes('"errors":')) tally.errors++;
      else {
        v.last = { fetched: answer };
        took(v, countIn(answer), tally);
      }
    } catch (err) {
      if ((err as Error).name === 'AbortError') tally.superseded++;
      else {
        tally.fetchFailed++;
        tally.firstFailure ??= cause(err);
      }
    } finally {
      tally.inFlight--;
    }
  };
}

/** One viewer: its socket, its subscription (per delivery), a refetch after its socket came back (0–3 s later). */
function viewer(s: Start, tally: Tally): Viewer {
  const v: Viewer = { client: null as unknown as Client, seen: [], last: null };
  const refetch = refetcher(s, v, tally);
  v.client = createClient({
    url: `${s.url.replace('http', 'ws')}/graphql`,
    retryAttempts: 5,
    lazy: false,
    onNonLazyError: (err) => {
      tally.failed++;
      tally.firstFailure ??= `socket: ${cause(err)}`;
    },
    webSocketImpl: cheapSocket(s.cookie, (frame) => {
      if (s.patches) return patched(v, frame, tally);
      v.last = { pushed: frame };
      return countIn(frame);
    }),
  });
  let connectedOnce = false;
  v.client.on('connected', (_socket, _payload, wasRetry) => {
    if (!connectedOnce) tally.connected++;
    connectedOnce = true;
    if (wasRetry) {
      tally.reconnects++;
      setTimeout(() => void refetch(), Math.random() * 3000);
    }
  });
  const sink = {
    error: (err: unknown) => {
      tally.failed++;
      tally.firstFailure ??= `subscription: ${cause(err)}`;
    },
    complete: () => undefined,
  };
  if (s.delivery === 'push')
    v.client.subscribe(
      { query: s.patches ? IndicatorBoardLiveDocument.toString() : WHOLE_LIVE, variables: s.variables },
      { ...sink, next: (msg) => (msg.errors ? tally.errors++ : took(v, (msg.data as { count: number | null }).count, tally)) },
    );
  else
    v.client.subscribe(
      { query: IndicatorsChangedDocument.toString(), variables: { orgId: s.committee } },
      { ...sink, next: () => void refetch() },
    );
  return v;
}

/** A viewer's last board, whole, as JSON text (a push's `live`, an answer's `data`), or null. */
function lastBoard(v: Viewer): string | null {
  if (!v.last) return null;
  if ('patched' in v.last) return JSON.stringify(v.last.patched.live);
  if ('pushed' in v.last)
    return JSON.stringify((JSON.parse(v.last.pushed.toString('utf8')) as { payload: { data: { live: unknown } } }).payload.data.live);
  return JSON.stringify((JSON.parse(v.last.fetched) as { data: unknown }).data);
}

/** What each viewer saw, its last board compared with the fresh read's `data` (JSON text) and count. */
function report(viewers: Viewer[], tally: Tally, fresh: string, freshCount: number, loop: ViewersReport['loop']): ViewersReport {
  const whole = JSON.stringify(JSON.parse(fresh));
  let staleCount = 0;
  let staleWhole = 0;
  let none = 0;
  for (const v of viewers) {
    const board = lastBoard(v);
    if (board === null) none++;
    if (board === null || countIn(board) !== freshCount) staleCount++;
    if (board !== whole) staleWhole++;
  }
  return { seen: viewers.map((v) => v.seen), tally, staleCount, staleWhole, none, loop, frames };
}

/** A share of the wall, told by its parent what to do. */
function viewersProcess(): void {
  let viewers: Viewer[] = [];
  let tally = newTally();
  const delay = monitorEventLoopDelay({ resolution: 10 });
  let elu = performance.eventLoopUtilization();
  const loop = () => ({ busy: performance.eventLoopUtilization(elu).utilization, p99: delay.percentile(99) / 1e6, max: delay.max / 1e6 });
  process.on('message', (m: { type: string; start?: Start; fresh?: string; freshCount?: number }) => {
    if (m.type === 'measure') {
      // The writes begin: the loop's figures from here.
      delay.enable();
      delay.reset();
      elu = performance.eventLoopUtilization();
      measuring = true;
      frames.length = 0;
    } else if (m.type === 'start') {
      const s = m.start!;
      tally = newTally();
      void (async () => {
        for (let i = 0; i < s.n; i++) {
          viewers.push(viewer(s, tally));
          if (i % s.pace === s.pace - 1) await sleep(250);
        }
        for (let i = 0; tally.connected < s.n && i < 300; i++) await sleep(100);
        process.send!({ type: 'ready', connected: tally.connected });
      })();
    } else if (m.type === 'inFlight') process.send!({ type: 'inFlight', inFlight: tally.inFlight });
    else if (m.type === 'report') process.send!({ type: 'report', report: report(viewers, tally, m.fresh!, m.freshCount!, loop()) });
    else if (m.type === 'stop') {
      for (const v of viewers) void v.client.dispose();
      viewers = [];
      setTimeout(() => process.exit(0), 500);
    }
  });
}

export interface WriteJob {
  url: string;
  cookie: string;
  branches: string[];
  heldOn: string;
  total: number;
  perSecond: number;
  /** The first write's number (titles are unique). */
  first: number;
}

export interface Written {
  done: number;
  failed: number;
  firstRefusal: string | null;
  /** When each write was answered (the one clock), sorted. */
  acked: number[];
  /** How long sending them took (s): the writer keeps to its pace when this is total / perSecond. */
  sendSeconds: number;
  /** The writer process's CPU-seconds (its whole life). */
  cpuSeconds: number;
}

/** `total` free clinics, `perSecond` a second, each sent on time (not after the previous answer). */
async function write(j: WriteJob): Promise<Written> {
  const CLINIC = `mutation($input: RecordActivityInput!) { recordActivity(input: $input) { id } }`;
  const headers = { 'content-type': 'application/json', cookie: j.cookie };
  let failed = 0;
  let firstRefusal: string | null = null;
  const acked: number[] = [];
  const refused = (why: string) => {
    failed++;
    firstRefusal ??= why.slice(0, 300);
  };
  const writes: Promise<unknown>[] = [];
  const t0 = now();
  for (let i = 0; i < j.total; i++) {
    const input = {
      organizationId: j.branches[i % j.branches.length],
      type: 'FREE_CLINIC',
      title: `看板基准 ${j.first + i}`,
      heldOn: j.heldOn,
      status: 'HELD',
      beneficiaryCount: 10,
    };
    const body = JSON.stringify({ query: CLINIC, variables: { input } });
    writes.push(
      fetch(`${j.url}/graphql`, { method: 'POST', headers, body })
        .then((r) => r.json() as Promise<{ errors?: unknown[] }>)
        .then(
          (r) => (r.errors ? refused(JSON.stringify(r.errors)) : acked.push(now())),
          (err: unknown) => refused(cause(err)),
        ),
    );
    // On a schedule: a late tick does not push the following writes later.
    await sleep(Math.max(0, t0 + ((i + 1) * 1000) / j.perSecond - now()));
  }
  const sendSeconds = (now() - t0) / 1000;
  await Promise.all(writes);
  const cpu = process.cpuUsage();
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  return { done: j.total, failed, firstRefusal, acked: acked.toSorted((x, y) => x - y), sendSeconds, cpuSeconds };
}

// Run as a process of the bench (forked: an IPC channel), not when board-viewers.ts imports this file.
const role = process.send ? process.argv[2] : undefined;
if (role === 'viewers') viewersProcess();
else if (role === 'writer')
  process.on('message', (j: WriteJob) => {
    void write(j).then((w) => {
      process.send!({ type: 'written', written: w });
      process.disconnect();
    });
  });
