/**
 * A wall of viewers of one board (issue 22: "2,000 viewers of one board with 5 writes/s: ≤ 5 board
 * statements/s per instance, push p95 ≤ 1 s, no 5xx"). One hub (one process, or `--workers`) on the demo hospital (embedded
 * PostgreSQL, a throw-away data directory); N viewers, each its own graphql-ws socket on the committee's
 * overview board, as the dashboard's page has it (`--delivery`):
 *   push      subscribed to `live { …the IndicatorBoard fields… }` (IndicatorBoardLive): the hub pushes the board
 *             whole after each change, answered once for all identical viewers (http/live-pushes.ts); a viewer asks
 *             for the board over HTTP only after its socket came back (0–3 s later), as the page does; with
 *             `--patches`, subscribed with `live(orgId, patches: true)` as the dashboard is: the board whole first,
 *             then each change's JSON Patch, which the viewer applies (a patch that does not apply, or a last board
 *             that is not the fresh read whole, fails the bench: exit code 1);
 *   refetch   (before) subscribed to `indicatorsChanged`, refetching the IndicatorBoard document over HTTP POST on
 *             every push, aborting the previous refetch as the page did; identical reads shared by coalesce.ts.
 * A writer records a free clinic in a branch `--writes` times a second: each moves the board's service-event count
 * by one, so a viewer's board says how many writes it includes. Reported per delivery, coalescing mode (identical
 * HTTP reads shared, HUB_COALESCE_MAX_AGE=60s, or not, =0) and number of viewers (one hub for all, in turn):
 *   board statements/s   the read path's statements the hub logged (HUB_LOG_SQL) during the writes, per second,
 *                        and per change (each write is one change: one notification)
 *   write → board        from each write's answer until a viewer has a board counting every write answered by then
 *                        (p50 / p95 over every viewer and write; a board that came first counts 0)
 *   write → first viewer the same to the first viewer only (the hub's part: notification, push cap, the run, a frame)
 *   one board → wall     for each board every viewer had (each count), from the first viewer having it to the
 *                        last (p50 / p95): pushed, the hub's fan-out of one board; refetched, its refetches'
 *   boards a viewer      the boards (pushed, or answered refetches) a viewer received
 *   frame                the size of the pushed frames the viewers received while measuring (median, p95; bytes),
 *                        and with patches how many were patches and how many whole
 *   5xx, errors          HTTP answers with a 5xx status, boards with GraphQL errors, sockets that failed (the first
 *                        cause), refetches that failed (not aborted), sockets that came back after a fault
 *   stale                viewers whose last board does not count every write once the writes are over, and whose
 *                        last board is not, whole, what a fresh read answers then
 *   CPU                  the hub's node processes' CPU-seconds a second (PostgreSQL apart), the bench's (this process,
 *                        the viewer processes, the writer); the load average
 * The viewers run in `--viewer-processes` processes (default 2) and the writer in one of its own
 * (board-viewers-child.ts), so that the bench keeps up: a viewer reads a pushed board's count from its frame's
 * bytes, and parses only its last board. Every time is `performance.timeOrigin + performance.now()` in each
 * process (ms since the epoch). They still share the machine with the hub (in real life each viewer is a browser
 * of its own). `--workers N` starts the hub with HUB_WORKERS=N (statements are counted over all of them and
 * divided by N for "per instance": each worker pushes its own share of the wall, one run per push).
 *
 *   node bench/board-viewers.ts --viewers 500,1000,2000 --seconds 20 --writes 5 --mode on [--delivery push|refetch|both] [--push-interval 500ms]
 *     [--viewer-processes 2] [--workers 1] [--no-patches] [--no-warmup]
 * Patches and the warm-up are on by default (as the dashboard subscribes, and a wall that has been open a while);
 * `--no-patches` subscribes plain `live(orgId)` (the board whole each push). `--warmup`: one write, and its push to every viewer, before the measured writes (with patches, the viewers' first
 * push, the whole board, then falls outside the figures: the steady state of a wall that has been open a while).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { IndicatorBoardDocument } from '@party-hub/schema/client';
import { INDICATORS } from '@party-hub/schema/indicators';
import { gql, sessionCookie, signedInHeaders, startHub, type HubProcess } from '../support/hub-process.ts';
import { COUNTED, countIn, now, type Start, type Tally, type ViewersReport, type WriteJob, type Written } from './board-viewers-child.ts';

const { values: args } = parseArgs({
  options: {
    viewers: { type: 'string', default: '300' },
    seconds: { type: 'string', default: '20' },
    writes: { type: 'string', default: '5' },
    mode: { type: 'string', default: 'both' },
    delivery: { type: 'string', default: 'push' },
    'push-interval': { type: 'string' },
    'viewer-processes': { type: 'string', default: '2' },
    workers: { type: 'string', default: '1' },
    // As the dashboard subscribes (patches) and as a wall open a while is (warmed up); --no-patches, --no-warmup.
    patches: { type: 'boolean', default: true },
    warmup: { type: 'boolean', default: true },
  },
  allowPositionals: true,
  allowNegative: true,
});
const VIEWERS = args.viewers.split(',').map(Number);
const SECONDS = Number(args.seconds);
const WRITES_PER_S = Number(args.writes);
const VIEWER_PROCESSES = Number(args['viewer-processes']);
const WORKERS = Number(args.workers);
const PATCHES = args.patches;
const WARMUP = args.warmup;
type Delivery = 'push' | 'refetch';
const DELIVERIES: Delivery[] = args.delivery === 'both' ? ['push', 'refetch'] : [args.delivery as Delivery];
const CHILD = new URL('./board-viewers-child.ts', import.meta.url).pathname;

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const kb = (bytes: number) => `${(bytes / 1024).toFixed(bytes < 10_240 ? 1 : 0)} KB`;
const loadavg = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
/** A process's CPU-seconds so far (user + system), from /proc (100 clock ticks a second on Linux); 0 once gone. */
const cpuSeconds = (pid: number) => {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
};
/** The hub's node processes: the one started, and its cluster workers (children running node, not PostgreSQL). */
function hubPids(hub: HubProcess): number[] {
  const pids = [hub.child.pid!];
  for (const p of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      const ppid = Number(stat.split(') ')[1].split(' ')[1]);
      const argv0 = readFileSync(`/proc/${p}/cmdline`, 'utf8').split('\0')[0] ?? '';
      if (ppid === hub.child.pid && /(^|\/)node$/.test(argv0)) pids.push(Number(p));
    } catch {
      // Gone while we looked.
    }
  }
  return pids;
}
const cpuOf = (pids: number[]) => pids.reduce((sum, p) => sum + cpuSeconds(p), 0);

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

/** One viewer's boards: when it first had a board counting at least n ([n, ms on the one clock]). */
type Seen = [number, number][];

/**
 * Write answered → the viewer has a board counting every write answered by then (base + k for the k-th answer),
 * over every viewer and write (ms, sorted; 0 when the board came first; left out when it never came).
 */
function writeToBoard(base: number, acked: number[], viewers: Seen[]): { waits: number[]; never: number } {
  const waits: number[] = [];
  let never = 0;
  for (const v of viewers)
    acked.forEach((t, k) => {
      const seen = v.find(([n]) => n >= base + k + 1);
      if (seen) waits.push(Math.max(0, seen[1] - t));
      else never++;
    });
  return { waits: waits.toSorted((x, y) => x - y), never };
}

/**
 * How long one board takes to reach the whole wall: per count, from the first viewer having it to the last
 * (ms, sorted; counts some viewer skipped left out). Pushed, it is the hub's fan-out; refetched, the refetches'.
 */
function spread(viewers: Seen[]): number[] {
  const first = new Map<number, number>();
  const last = new Map<number, number>();
  const had = new Map<number, number>();
  for (const v of viewers)
    for (const [n, t] of v) {
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

/**
 * Write answered → the first viewer has a board counting it (ms, sorted): the hub's part (its notification, the push
 * cap's wait, the board's run, the first frame out), without the rest of the fan-out.
 */
function writeToFirst(base: number, acked: number[], viewers: Seen[]): number[] {
  return acked
    .map((t, k) => {
      let first = Infinity;
      for (const v of viewers) first = Math.min(first, v.find(([n]) => n >= base + k + 1)?.[1] ?? Infinity);
      return Math.max(0, first - t);
    })
    .filter(Number.isFinite)
    .toSorted((x, y) => x - y);
}

/**
 * The time between one board's first arrival and the next board's (ms, sorted): the pushes' spacing as the wall
 * sees it (the cap's interval, and whatever the hub adds to it: a late timer, a run).
 */
function spacing(viewers: Seen[]): number[] {
  const first = new Map<number, number>();
  for (const v of viewers) for (const [n, t] of v) first.set(n, Math.min(first.get(n) ?? Infinity, t));
  const times = [...first.values()].toSorted((x, y) => x - y);
  return times
    .slice(1)
    .map((t, i) => t - (times[i] ?? t))
    .toSorted((x, y) => x - y);
}

/** The next message of a kind from a child process. */
function message<T>(child: ChildProcess, type: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const on = (m: { type: string }) => {
      if (m.type !== type) return;
      child.off('message', on);
      resolve(m as T);
    };
    child.on('message', on);
    child.once('exit', (code) => reject(new Error(`a bench process exited (${code}) before saying ${type}`)));
  });
}

/** The board's size as its HTTP answer (bytes). */
let boardBytes = 0;

/** The board as a fresh read shows it now: its `data` (JSON text) and count. */
async function freshRead(hub: HubProcess, b: Board): Promise<{ data: string; count: number }> {
  const r = await fetch(`${hub.url}/graphql`, {
    method: 'POST',
    headers: signedInHeaders(hub.url),
    body: JSON.stringify({ query: IndicatorBoardDocument.toString(), variables: b.variables }),
  });
  const text = await r.text();
  const count = countIn(text);
  if (count === null) throw new Error(`the board has no ${COUNTED}: ${text.slice(0, 300)}`);
  boardBytes = Buffer.byteLength(text);
  return { data: JSON.stringify((JSON.parse(text) as { data: unknown }).data), count };
}

let written = 0;

/** `total` free clinics from a writer process of their own, `WRITES_PER_S` a second. */
async function write(hub: HubProcess, b: Board, total: number): Promise<Written> {
  const child = fork(CHILD, ['writer'], { stdio: 'inherit' });
  const job: WriteJob = {
    url: hub.url,
    cookie: sessionCookie(hub.url),
    branches: b.branches,
    heldOn: b.heldOn,
    total,
    perSecond: WRITES_PER_S,
    first: written + 1,
  };
  written += total;
  const done = message<{ written: Written }>(child, 'written');
  child.send(job);
  const w = (await done).written;
  if (w.firstRefusal) console.log(`  first refused write: ${w.firstRefusal}`);
  return w;
}

/** `n` viewers in VIEWER_PROCESSES processes, connected (each process ≤ 30 s), then 2 s for their subscriptions. */
async function connect(hub: HubProcess, b: Board, n: number, delivery: Delivery): Promise<{ children: ChildProcess[]; connected: number }> {
  const children = Array.from({ length: VIEWER_PROCESSES }, () => fork(CHILD, ['viewers'], { stdio: 'inherit' }));
  const ready = children.map((c) => message<{ connected: number }>(c, 'ready'));
  children.forEach((c, i) => {
    const share = Math.floor(n / children.length) + (i < n % children.length ? 1 : 0);
    const start: Start = {
      url: hub.url,
      cookie: sessionCookie(hub.url),
      variables: b.variables,
      committee: b.committee,
      n: share,
      delivery,
      patches: PATCHES,
      pace: Math.max(1, Math.round(100 / children.length)),
    };
    c.send({ type: 'start', start });
  });
  const connected = (await Promise.all(ready)).reduce((sum, r) => sum + r.connected, 0);
  await sleep(2000);
  return { children, connected };
}

interface Measured {
  seconds: number;
  hubCpu: number;
  benchCpu: number;
  w: Written;
  base: number;
  load0: string;
}

/** The writes, with the counters on: how long, the CPU spent (the hub's node processes; the bench's, writer included). */
async function measure(hub: HubProcess, b: Board, counter: Counter, children: ChildProcess[]): Promise<Measured> {
  if (WARMUP) {
    // One write and its push before measuring: every viewer has had its first push (with patches, the whole board).
    await write(hub, b, 1);
    await sleep(3000);
  }
  const base = (await freshRead(hub, b)).count;
  const load0 = loadavg();
  const hubs = hubPids(hub);
  const benchPids = [process.pid, ...children.map((c) => c.pid!)];
  const cpu0 = cpuOf(hubs);
  const bench0 = cpuOf(benchPids);
  counter.statements = 0;
  counter.kinds.clear();
  counter.counting = true;
  for (const c of children) c.send({ type: 'measure' });
  const t0 = now();
  const w = await write(hub, b, SECONDS * WRITES_PER_S);
  await sleep(3000); // the last pushes (at most one push interval after the last write)
  for (let i = 0; i < 300; i++) {
    const out = await Promise.all(children.map((c) => (c.send({ type: 'inFlight' }), message<{ inFlight: number }>(c, 'inFlight'))));
    if (out.every((o) => o.inFlight === 0)) break; // refetches still out
    await sleep(100);
  }
  counter.counting = false;
  const seconds = (now() - t0) / 1000;
  return {
    seconds,
    hubCpu: (cpuOf(hubs) - cpu0) / seconds,
    benchCpu: (cpuOf(benchPids) - bench0 + w.cpuSeconds) / seconds,
    w,
    base,
    load0,
  };
}

/** The viewer processes' reports merged: every viewer's boards, the tallies summed, the stale counted. */
async function reports(children: ChildProcess[], fresh: { data: string; count: number }) {
  const all = await Promise.all(
    children.map(
      (c) => (c.send({ type: 'report', fresh: fresh.data, freshCount: fresh.count }), message<{ report: ViewersReport }>(c, 'report')),
    ),
  );
  const [head, ...others] = all.map((a) => a.report.tally);
  const tally: Tally = { ...head };
  for (const other of others) {
    for (const k of Object.keys(tally) as (keyof Tally)[]) if (k !== 'firstFailure') tally[k] += other[k];
    tally.firstFailure ??= other.firstFailure;
  }
  const sum = (k: 'staleCount' | 'staleWhole' | 'none') => all.reduce((s, r) => s + r.report[k], 0);
  const loops = all.map(
    ({ report: { loop: l } }) => `${(l.busy * 100).toFixed(0)} % busy, delay p99 ${l.p99.toFixed(0)} ms, max ${l.max.toFixed(0)} ms`,
  );
  return {
    seen: all.flatMap((r) => r.report.seen),
    tally,
    staleCount: sum('staleCount'),
    staleWhole: sum('staleWhole'),
    none: sum('none'),
    loops,
    frames: all.flatMap((r) => r.report.frames).toSorted((x, y) => x - y),
  };
}

/** One round: `n` viewers connected, the writes, the figures. */
async function round(hub: HubProcess, b: Board, counter: Counter, perWrite: number, n: number, label: string, delivery: Delivery) {
  let children: ChildProcess[] = [];
  try {
    const c = await connect(hub, b, n, delivery);
    children = c.children;
    const m = await measure(hub, b, counter, children);
    const fresh = await freshRead(hub, b);
    const r = await reports(children, fresh);
    const boardStatements = counter.statements - perWrite * m.w.done;
    const { waits, never } = writeToBoard(m.base, m.w.acked, r.seen);
    const first = writeToFirst(m.base, m.w.acked, r.seen);
    const wall = spread(r.seen);
    const apart = spacing(r.seen);
    const ms = (xs: number[]) => `p50 ${quantile(xs, 0.5).toFixed(0)} ms, p95 ${quantile(xs, 0.95).toFixed(0)} ms`;
    const t = r.tally;
    const frameSizes = r.frames.length
      ? `frames ${r.frames.length}: median ${kb(quantile(r.frames, 0.5))} (${quantile(r.frames, 0.5)} B), p95 ${kb(quantile(r.frames, 0.95))}, ${(r.frames.reduce((a, x) => a + x, 0) / 1024 / 1024 / m.seconds).toFixed(1)} MB/s to the wall${PATCHES ? ` (${t.patches} patches, ${t.wholes} whole, ${t.patchFailed} failed)` : ''}; `
      : '';
    console.log(
      `${label}, ${delivery}: ${n} viewers in ${children.length} processes (${c.connected} connected before the writes, ${t.reconnects} reconnects), ${m.w.done} writes (${m.w.failed} failed, sent in ${m.w.sendSeconds.toFixed(1)} s, board ${m.base} → ${fresh.count}) in ${SECONDS} s, the board ${(boardBytes / 1024).toFixed(0)} KB — ` +
        `board statements ${boardStatements.toFixed(0)} (${(boardStatements / m.seconds).toFixed(1)}/s over ${m.seconds.toFixed(1)} s, ${(boardStatements / m.seconds / WORKERS).toFixed(1)}/s per instance of ${WORKERS}, ` +
        `${(boardStatements / m.w.done).toFixed(2)} per change; all statements ${counter.statements}, ${perWrite.toFixed(1)} per write its own); ` +
        `write → board ${ms(waits)} (${waits.length} of ${waits.length + never}); write → first viewer ${ms(first)}; boards apart ${ms(apart)}; one board to the whole wall ${ms(wall)} (${wall.length} boards every viewer had); ` +
        `boards ${(t.boards / n).toFixed(1)} a viewer (${t.superseded} refetches superseded); ${frameSizes}5xx ${t.fivexx}, errors ${t.errors}, sockets failed ${t.failed}, ` +
        `refetches failed ${t.fetchFailed}${t.firstFailure ? ` (${t.firstFailure})` : ''}; stale ${r.staleCount} of ${n} by count, ${r.staleWhole} whole (${r.none} with no board); ` +
        `CPU s/s: hub ${m.hubCpu.toFixed(2)}, bench ${m.benchCpu.toFixed(2)}; viewer processes' event loops: ${r.loops.join('; ')}; load average ${m.load0} → ${loadavg()}`,
    );
    const top = [...counter.kinds].toSorted((x, y) => y[1] - x[1]).slice(0, 6);
    for (const [kind, count] of top) console.log(`  ${String(count).padStart(6)} × ${kind}`);
    if (PATCHES && delivery === 'push' && (t.patchFailed > 0 || r.staleWhole > 0 || t.patches === 0)) {
      console.log(
        `FAILED: with patches, ${t.patchFailed} patches did not apply, ${r.staleWhole} viewers' last boards are not the fresh read, ${t.patches} patches applied`,
      );
      process.exitCode = 1;
    }
  } finally {
    await Promise.all(children.map((c) => (c.connected && c.send({ type: 'stop' }), new Promise((r) => c.once('exit', r)))));
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
      ...(WORKERS > 1 ? { HUB_WORKERS: String(WORKERS) } : {}),
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
    const label = `coalescing ${maxAge === '0' ? 'off' : `on (${maxAge})`}, push interval ${push ?? '500ms (default)'}${WORKERS > 1 ? `, ${WORKERS} workers` : ''}${PATCHES ? ', patches' : ''}${WARMUP ? ', after a warm-up push' : ''}`;
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
