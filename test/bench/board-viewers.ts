/**
 * A wall of viewers of one board (issue 22: "2,000 viewers of one board with 5 writes/s: ≤ 5 board
 * statements/s per instance, push p95 ≤ 1 s, no 5xx"). One hub process on the demo hospital (embedded
 * PostgreSQL, a throw-away data directory); N viewers, each its own graphql-ws socket on the committee's
 * overview board, as the dashboard's page has it (`--delivery`):
 *   push      subscribed to `live { …the IndicatorBoard fields… }` (IndicatorBoardLive): the hub pushes the board
 *             whole after each change, answered once for all identical viewers (http/live-pushes.ts); a viewer asks
 *             for the board over HTTP only after its socket came back (0–3 s later), as the page does;
 *   refetch   (before) subscribed to `indicatorsChanged`, refetching the IndicatorBoard document over HTTP POST on
 *             every push, aborting the previous refetch as the page did; identical reads shared by coalesce.ts.
 * A writer records a free clinic in a branch `--writes` times a second: each moves the board's service-event count
 * by one, so a viewer's board says how many writes it includes. Reported per delivery, coalescing mode (identical
 * HTTP reads shared, HUB_COALESCE_MAX_AGE=60s, or not, =0) and number of viewers (one hub for all, in turn):
 *   board statements/s   the read path's statements the hub logged (HUB_LOG_SQL) during the writes, per second,
 *                        and per change (each write is one change: one notification)
 *   write → board        from each write's answer until a viewer has a board counting every write answered by then
 *                        (p50 / p95 over every viewer and write; a board that came first counts 0)
 *   one board → wall     for each board every viewer had (each count), from the first viewer having it to the
 *                        last (p50 / p95): pushed, the hub's fan-out of one board; refetched, its refetches'
 *   boards a viewer      the boards (pushed, or answered refetches) a viewer received
 *   5xx, errors          HTTP answers with a 5xx status, boards with GraphQL errors, sockets that failed (the first
 *                        cause), refetches that failed (not aborted), sockets that came back after a fault
 *   stale                viewers whose last board does not count every write, once the writes are over
 *   CPU                  the hub's and the viewers' (this process's) CPU-seconds a second; the load average
 * The viewers and the writer run in this process, beside the hub, on the same machine: on a small busy
 * machine the figures are theirs too (in real life each viewer is a browser of its own).
 *
 *   node bench/board-viewers.ts --viewers 500,1000,2000 --seconds 20 --writes 5 --mode on [--delivery push|refetch|both] [--push-interval 1s]
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { IndicatorBoardDocument, IndicatorBoardLiveDocument, IndicatorsChangedDocument } from '@party-hub/schema/client';
import { INDICATORS } from '@party-hub/schema/indicators';
import { createClient, type Client } from 'graphql-ws';
import { gql, signedInHeaders, signedInSocket, startHub, type HubProcess } from '../support/hub-process.ts';

const { values: args } = parseArgs({
  options: {
    viewers: { type: 'string', default: '300' },
    seconds: { type: 'string', default: '20' },
    writes: { type: 'string', default: '5' },
    mode: { type: 'string', default: 'both' },
    delivery: { type: 'string', default: 'push' },
    'push-interval': { type: 'string' },
  },
  allowPositionals: true,
});
const VIEWERS = args.viewers.split(',').map(Number);
const SECONDS = Number(args.seconds);
const WRITES_PER_S = Number(args.writes);
type Delivery = 'push' | 'refetch';
const DELIVERIES: Delivery[] = args.delivery === 'both' ? ['push', 'refetch'] : [args.delivery as Delivery];

/** The indicator each write moves by one (a free clinic held is one service event). */
const COUNTED = 'service_event_count';

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const loadavg = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
/** A process's CPU-seconds so far (user + system), from /proc (100 clock ticks a second on Linux). */
const cpuSeconds = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
};
const cause = (err: unknown) => `${String(err)} ${(err as { cause?: { message?: string } }).cause?.message ?? ''}`.trim();

interface Board {
  committee: string;
  variables: Record<string, unknown>;
  branches: string[];
  /** The day the writes are held on (in the board's month). */
  heldOn: string;
}

async function board(url: string): Promise<Board> {
  const r = await gql(
    url,
    `{ dataRange { to }
       c: organizations(filter: { kind: { eq: COMMITTEE } }, first: 1) { nodes { id } }
       b: organizations(first: 10, filter: { kind: { in: [BRANCH] } }, orderBy: [{ field: ID }]) { nodes { id } } }`,
  );
  const to = r.data.dataRange.to as string;
  const [y, m] = to.split('-').map(Number) as [number, number];
  const from = `${m === 12 ? y : y - 1}-${String((m % 12) + 1).padStart(2, '0')}`;
  const seriesIds = INDICATORS.filter((d) => d.headline).map((d) => d.id);
  const today = new Date().toISOString().slice(0, 10);
  return {
    committee: r.data.c.nodes[0].id,
    variables: { orgId: r.data.c.nodes[0].id, period: to, seriesIds, from, to },
    branches: (r.data.b.nodes as { id: string }[]).map((b) => b.id),
    heldOn: today.startsWith(to) ? today : `${to}-15`,
  };
}

/** The counted indicator's value in a board's text (an HTTP answer), or null. */
function countIn(text: string): number | null {
  const at = text.indexOf(`"id":"${COUNTED}"`);
  const m = at < 0 ? null : /"value":(-?[\d.]+)/.exec(text.slice(at, at + 200));
  return m ? Number(m[1]) : null;
}

/** The counted indicator's value in a pushed board. */
function countOf(data: { live?: { indicators?: { values: { indicator: { id: string }; value: number | null }[] } } }): number | null {
  return data.live?.indicators?.values.find((v) => v.indicator.id === COUNTED)?.value ?? null;
}

interface Tally {
  fivexx: number;
  errors: number;
  /** Sockets that failed or closed on the viewer, and refetches that failed (not aborted): the first one's cause. */
  failed: number;
  fetchFailed: number;
  superseded: number;
  firstFailure: string | null;
  boards: number;
  inFlight: number;
  /** Viewers whose socket connected, and sockets that came back after a fault. */
  connected: number;
  reconnects: number;
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
});

interface Viewer {
  client: Client;
  /** When the viewer first had a board counting at least n (n, performance.now()), in order. */
  seen: [number, number][];
  /** The count of its last board. */
  last: () => number | null;
}

/** A board the viewer now has: recorded when it counts more than any before. */
function took(v: Viewer, count: number | null, tally: Tally): void {
  tally.boards++;
  if (count === null) return;
  const top = v.seen.at(-1)?.[0] ?? -Infinity;
  if (count > top) v.seen.push([count, performance.now()]);
}

/** Asks for the board over HTTP (the previous ask aborted), as the page does. */
function refetcher(hub: HubProcess, b: Board, v: Viewer, tally: Tally, onCount: (n: number | null) => void) {
  const headers = signedInHeaders(hub.url);
  const body = JSON.stringify({ query: IndicatorBoardDocument.toString(), variables: b.variables });
  let inFlight: AbortController | null = null;
  return async () => {
    inFlight?.abort();
    const mine = (inFlight = new AbortController());
    tally.inFlight++;
    try {
      const res = await fetch(`${hub.url}/graphql`, { method: 'POST', headers, body, signal: mine.signal });
      // Its text, not parsed: every viewer shares the bench's one process (and the machine's two cores).
      const answer = await res.text();
      if (res.status >= 500) tally.fivexx++;
      if (answer.includes('"errors":')) tally.errors++;
      else onCount(countIn(answer));
    } catch (err) {
      if ((err as Error).name === 'AbortError') tally.superseded++;
      else {
        tally.fetchFailed++;
        tally.firstFailure ??= cause(err);
      }
    } finally {
      tally.inFlight--;
    }
    void v;
  };
}

/** One viewer: its socket, its subscription (per delivery), a refetch after its socket came back (0–3 s later). */
function viewer(hub: HubProcess, b: Board, tally: Tally, delivery: Delivery): Viewer {
  let last: number | null = null;
  const v: Viewer = { client: null as unknown as Client, seen: [], last: () => last };
  const onCount = (n: number | null) => {
    last = n ?? last;
    took(v, n, tally);
  };
  const refetch = refetcher(hub, b, v, tally, onCount);
  v.client = createClient({
    url: `${hub.url.replace('http', 'ws')}/graphql`,
    retryAttempts: 5,
    lazy: false,
    onNonLazyError: (err) => {
      tally.failed++;
      tally.firstFailure ??= `socket: ${cause(err)}`;
    },
    webSocketImpl: signedInSocket(hub.url),
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
  if (delivery === 'push')
    v.client.subscribe(
      { query: IndicatorBoardLiveDocument.toString(), variables: b.variables },
      {
        ...sink,
        next: (msg) => (msg.errors ? tally.errors++ : onCount(countOf(msg.data as never))),
      },
    );
  else
    v.client.subscribe(
      { query: IndicatorsChangedDocument.toString(), variables: { orgId: b.committee } },
      { ...sink, next: () => void refetch() },
    );
  return v;
}

let written = 0;

/** The writer: `total` free clinics, `WRITES_PER_S` a second; when each was answered (performance.now()). */
async function write(hub: HubProcess, b: Board, total: number): Promise<{ done: number; failed: number; acked: number[] }> {
  const CLINIC = `mutation($input: RecordActivityInput!) { recordActivity(input: $input) { id } }`;
  let failed = 0;
  const acked: number[] = [];
  const refused = (errors: unknown[]) => {
    if (!failed++) console.log(`  first refused write: ${JSON.stringify(errors).slice(0, 300)}`);
  };
  const writes: Promise<unknown>[] = [];
  for (let i = 0; i < total; i++) {
    const input = {
      organizationId: b.branches[i % b.branches.length],
      type: 'FREE_CLINIC',
      title: `看板基准 ${++written}`,
      heldOn: b.heldOn,
      status: 'HELD',
      beneficiaryCount: 10,
    };
    writes.push(
      gql(hub.url, CLINIC, { input }).then(
        (r) => (r.errors ? refused(r.errors) : acked.push(performance.now())),
        (err: unknown) => refused([cause(err)]),
      ),
    );
    await sleep(1000 / WRITES_PER_S);
  }
  await Promise.all(writes);
  return { done: total, failed, acked: acked.toSorted((x, y) => x - y) };
}

/**
 * Write answered → the viewer has a board counting every write answered by then (base + k for the k-th answer),
 * over every viewer and write (ms, sorted; 0 when the board came first; left out when it never came).
 */
function writeToBoard(base: number, acked: number[], viewers: Viewer[]): { waits: number[]; never: number } {
  const waits: number[] = [];
  let never = 0;
  for (const v of viewers)
    acked.forEach((t, k) => {
      const seen = v.seen.find(([n]) => n >= base + k + 1);
      if (seen) waits.push(Math.max(0, seen[1] - t));
      else never++;
    });
  return { waits: waits.toSorted((x, y) => x - y), never };
}

/**
 * How long one board takes to reach the whole wall: per count, from the first viewer having it to the last
 * (ms, sorted; counts some viewer skipped left out). Pushed, it is the hub's fan-out; refetched, the refetches'.
 */
function spread(viewers: Viewer[]): number[] {
  const first = new Map<number, number>();
  const last = new Map<number, number>();
  const had = new Map<number, number>();
  for (const v of viewers)
    for (const [n, t] of v.seen) {
      first.set(n, Math.min(first.get(n) ?? Infinity, t));
      last.set(n, Math.max(last.get(n) ?? -Infinity, t));
      had.set(n, (had.get(n) ?? 0) + 1);
    }
  return [...first]
    .filter(([n]) => had.get(n) === viewers.length)
    .map(([n, t]) => last.get(n)! - t)
    .toSorted((x, y) => x - y);
}

/** The hub's statements from its HUB_LOG_SQL output, counted while `counting`, by their first words. */
function statementCounter(hub: HubProcess) {
  const counter = { counting: false, statements: 0, kinds: new Map<string, number>() };
  hub.child.stdout!.on('data', (c: Buffer) => {
    if (!counter.counting) return;
    for (const part of c.toString('utf8').split('[query] ').slice(1)) {
      counter.statements++;
      const kind = part.replace(/\s+/g, ' ').slice(0, 70);
      counter.kinds.set(kind, (counter.kinds.get(kind) ?? 0) + 1);
    }
  });
  return counter;
}

type Counter = ReturnType<typeof statementCounter>;

/** The board's size as its HTTP answer (bytes). */
let boardBytes = 0;

/** The board's count as a fresh read shows it now. */
async function freshCount(hub: HubProcess, b: Board): Promise<number> {
  const r = await fetch(`${hub.url}/graphql`, {
    method: 'POST',
    headers: signedInHeaders(hub.url),
    body: JSON.stringify({ query: IndicatorBoardDocument.toString(), variables: b.variables }),
  });
  const text = await r.text();
  const n = countIn(text);
  if (n === null) throw new Error(`the board has no ${COUNTED}: ${text.slice(0, 300)}`);
  boardBytes = Buffer.byteLength(text);
  return n;
}

/** `n` viewers connected: 100 sockets every 250 ms, then until all are in (≤ 30 s), then their subscriptions registered. */
async function connect(hub: HubProcess, b: Board, tally: Tally, n: number, delivery: Delivery): Promise<Viewer[]> {
  const viewers: Viewer[] = [];
  for (let i = 0; i < n; i++) {
    viewers.push(viewer(hub, b, tally, delivery));
    if (i % 100 === 99) await sleep(250);
  }
  for (let i = 0; tally.connected < n && i < 300; i++) await sleep(100);
  await sleep(2000);
  return viewers;
}

interface Measured {
  seconds: number;
  hubCpu: number;
  viewersCpu: number;
  w: Awaited<ReturnType<typeof write>>;
  base: number;
  load0: string;
}

/** The writes, with the counters on: how long, the CPU spent. */
async function measure(hub: HubProcess, b: Board, counter: Counter, tally: Tally): Promise<Measured> {
  const base = await freshCount(hub, b);
  const load0 = loadavg();
  const cpu0 = cpuSeconds(hub.child.pid!);
  const own0 = process.cpuUsage();
  counter.statements = 0;
  counter.kinds.clear();
  counter.counting = true;
  const t0 = performance.now();
  const w = await write(hub, b, SECONDS * WRITES_PER_S);
  await sleep(3000); // the last pushes (at most one push interval after the last write)
  for (let i = 0; tally.inFlight > 0 && i < 300; i++) await sleep(100); // refetches still out
  counter.counting = false;
  const seconds = (performance.now() - t0) / 1000;
  const own = process.cpuUsage(own0);
  return {
    seconds,
    hubCpu: (cpuSeconds(hub.child.pid!) - cpu0) / seconds,
    viewersCpu: (own.user + own.system) / 1e6 / seconds,
    w,
    base,
    load0,
  };
}

/** One round: `n` viewers connected, the writes, the figures. */
async function round(hub: HubProcess, b: Board, counter: Counter, perWrite: number, n: number, label: string, delivery: Delivery) {
  const tally = newTally();
  let viewers: Viewer[] = [];
  try {
    viewers = await connect(hub, b, tally, n, delivery);
    const connected = tally.connected;
    const m = await measure(hub, b, counter, tally);
    const final = await freshCount(hub, b);
    const stale = viewers.filter((v) => v.last() !== final).length;
    const boardStatements = counter.statements - perWrite * m.w.done;
    const { waits, never } = writeToBoard(m.base, m.w.acked, viewers);
    const wall = spread(viewers);
    console.log(
      `${label}, ${delivery}: ${n} viewers (${connected} connected before the writes, ${tally.reconnects} reconnects), ${m.w.done} writes (${m.w.failed} failed, board ${m.base} → ${final}) in ${SECONDS} s, the board ${(boardBytes / 1024).toFixed(0)} KB — ` +
        `board statements ${boardStatements.toFixed(0)} (${(boardStatements / m.seconds).toFixed(1)}/s over ${m.seconds.toFixed(1)} s, ` +
        `${(boardStatements / m.w.done).toFixed(2)} per change; all statements ${counter.statements}, ${perWrite.toFixed(1)} per write its own); ` +
        `write → board p50 ${quantile(waits, 0.5).toFixed(0)} ms, p95 ${quantile(waits, 0.95).toFixed(0)} ms (${waits.length} of ${waits.length + never}); ` +
        `one board to the whole wall p50 ${quantile(wall, 0.5).toFixed(0)} ms, p95 ${quantile(wall, 0.95).toFixed(0)} ms (${wall.length} boards every viewer had); ` +
        `boards ${(tally.boards / n).toFixed(1)} a viewer (${tally.superseded} refetches superseded); 5xx ${tally.fivexx}, errors ${tally.errors}, sockets failed ${tally.failed}, ` +
        `refetches failed ${tally.fetchFailed}${tally.firstFailure ? ` (${tally.firstFailure})` : ''}; stale ${stale} of ${n}; ` +
        `CPU s/s: hub ${m.hubCpu.toFixed(2)}, viewers ${m.viewersCpu.toFixed(2)}; load average ${m.load0} → ${loadavg()}`,
    );
    const top = [...counter.kinds].toSorted((x, y) => y[1] - x[1]).slice(0, 6);
    for (const [kind, count] of top) console.log(`  ${String(count).padStart(6)} × ${kind}`);
  } finally {
    for (const v of viewers) void v.client.dispose();
    await sleep(2000);
  }
}

async function run(dataDir: string, maxAge: string): Promise<void> {
  const push = args['push-interval'];
  const hub = await startHub(
    {
      HUB_DATA_DIR: dataDir,
      HUB_SEED: 'hospital',
      HUB_LOG_SQL: '1',
      HUB_COALESCE_MAX_AGE: maxAge,
      ...(push ? { HUB_PUSH_MIN_INTERVAL: push } : {}),
      // e.g. `--cpu-prof --cpu-prof-dir=DIR`, to see where the hub's CPU goes.
      ...(process.env.BENCH_HUB_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_HUB_NODE_OPTIONS } : {}),
    },
    15 * 60_000,
  );
  const counter = statementCounter(hub);
  try {
    const b = await board(hub.url);
    // What a write itself reads through the read path (its input's checks), measured with nobody watching.
    counter.counting = true;
    const calibration = await write(hub, b, 10);
    await sleep(1000);
    counter.counting = false;
    const perWrite = counter.statements / calibration.done;
    const label = `coalescing ${maxAge === '0' ? 'off' : `on (${maxAge})`}, push interval ${push ?? '1s (default)'}`;
    for (const n of VIEWERS) for (const delivery of DELIVERIES) await round(hub, b, counter, perWrite, n, label, delivery);
  } finally {
    hub.child.kill('SIGTERM');
    await hub.exited;
  }
}

// Each mode on a freshly seeded hospital (the same seed: the same rows).
for (const maxAge of [...(args.mode !== 'off' ? ['60s'] : []), ...(args.mode !== 'on' ? ['0'] : [])]) {
  const dataDir = await mkdtemp(join(process.getuid?.() === 0 ? '/var/lib' : tmpdir(), 'party-hub-bench-viewers-'));
  try {
    await run(dataDir, maxAge);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}
