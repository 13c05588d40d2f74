/**
 * A wall of viewers of one board (issue 22: "2,000 viewers of one board with 5 writes/s: ≤ 5 board
 * statements/s per instance, push p95 ≤ 1 s, no 5xx"). One hub process on the demo hospital (embedded
 * PostgreSQL, a throw-away data directory); N viewers, each a graphql-ws socket subscribed to the
 * committee's `indicatorsChanged`, refetching the overview's board (the dashboard's own IndicatorBoard
 * document) over HTTP POST on every push, aborting the previous refetch as the page does; a writer records a
 * meeting in a branch 5 times a second. Reported per mode (identical reads shared, HUB_COALESCE_MAX_AGE=60s,
 * and not, =0) and per number of viewers (one hub for all of them, in turn):
 *   board statements/s   the read path's statements the hub logged (HUB_LOG_SQL) during the writes, per second,
 *                        and per change (each write is one change: one notification)
 *   pushes               what a viewer received (the hub pushes a board at most once per HUB_PUSH_MIN_INTERVAL,
 *                        1 s by default: indicators/push-gate.ts), and acknowledged write → next push p50 / p95
 *                        (a push that came before the write's answer counts the one after: an upper bound)
 *   push → answer        from a viewer's push to its board's answer, p50 / p95 (superseded refetches left out)
 *   5xx, errors          answers with a 5xx status, answers with GraphQL errors, sockets or requests failed
 *   last answer          viewers whose last answer is not the board as a fresh read shows it after the writes
 *                        (the last change lost); the hub's and the viewers' CPU-seconds a second, the load average
 * The viewers and the writer run in this process, beside the hub, on the same machine: on a small busy
 * machine the figures are theirs too.
 *
 *   node bench/board-viewers.ts --viewers 500,1000,2000 --seconds 20 --writes 5 --mode on [--push-interval 1s]
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { IndicatorBoardDocument, IndicatorsChangedDocument } from '@party-hub/schema/client';
import { INDICATORS } from '@party-hub/schema/indicators';
import { createClient, type Client } from 'graphql-ws';
import { gql, signedInHeaders, signedInSocket, startHub, type HubProcess } from '../support/hub-process.ts';

const { values: args } = parseArgs({
  options: {
    viewers: { type: 'string', default: '300' },
    seconds: { type: 'string', default: '20' },
    writes: { type: 'string', default: '5' },
    mode: { type: 'string', default: 'both' },
    'push-interval': { type: 'string' },
  },
  allowPositionals: true,
});
const VIEWERS = args.viewers.split(',').map(Number);
const SECONDS = Number(args.seconds);
const WRITES_PER_S = Number(args.writes);

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const loadavg = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
/** A process's CPU-seconds so far (user + system), from /proc (100 clock ticks a second on Linux). */
const cpuSeconds = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
};

interface Board {
  committee: string;
  variables: Record<string, unknown>;
  branches: { id: string; members: string[] }[];
}

async function board(url: string): Promise<Board> {
  const r = await gql(
    url,
    `{ dataRange { to }
       c: organizations(filter: { kind: { eq: COMMITTEE } }, first: 1) { nodes { id } }
       b: organizations(first: 10, filter: { kind: { in: [BRANCH] } }, orderBy: [{ field: ID }]) { nodes { id members(first: 5) { nodes { id } } } } }`,
  );
  const to = r.data.dataRange.to as string;
  const [y, m] = to.split('-').map(Number) as [number, number];
  const from = `${m === 12 ? y : y - 1}-${String((m % 12) + 1).padStart(2, '0')}`;
  const seriesIds = INDICATORS.filter((d) => d.headline).map((d) => d.id);
  return {
    committee: r.data.c.nodes[0].id,
    variables: { orgId: r.data.c.nodes[0].id, period: to, seriesIds, from, to },
    branches: (r.data.b.nodes as { id: string; members: { nodes: { id: string }[] } }[])
      .filter((b) => b.members.nodes.length)
      .map((b) => ({ id: b.id, members: b.members.nodes.map((x) => x.id) })),
  };
}

interface Tally {
  latencies: number[];
  superseded: number;
  fivexx: number;
  errors: number;
  /** Sockets that failed or closed on the viewer, and refetches that failed (not aborted): the first one's cause. */
  failed: number;
  fetchFailed: number;
  firstFailure: string | null;
  pushes: number;
  inFlight: number;
  /** Viewers whose socket connected, and sockets that came back after a fault. */
  connected: number;
  reconnects: number;
  /** Viewer 0's pushes (performance.now()), for write → push. */
  firstViewerPushes: number[];
}

const newTally = (): Tally => ({
  latencies: [],
  superseded: 0,
  fivexx: 0,
  errors: 0,
  failed: 0,
  fetchFailed: 0,
  firstFailure: null,
  pushes: 0,
  inFlight: 0,
  connected: 0,
  reconnects: 0,
  firstViewerPushes: [],
});

interface Viewer {
  client: Client;
  /** Its last answer (the JSON text). */
  last: () => string | null;
}

/** One viewer: a socket subscribed to the committee's changes, a refetch per push (the previous one aborted). */
function viewer(hub: HubProcess, b: Board, tally: Tally, first: boolean): Viewer {
  const headers = signedInHeaders(hub.url);
  const body = JSON.stringify({ query: IndicatorBoardDocument.toString(), variables: b.variables });
  let inFlight: AbortController | null = null;
  let last: string | null = null;
  const refetch = async () => {
    inFlight?.abort();
    const mine = (inFlight = new AbortController());
    const pushed = performance.now();
    tally.pushes++;
    tally.inFlight++;
    if (first) tally.firstViewerPushes.push(pushed);
    try {
      const res = await fetch(`${hub.url}/graphql`, { method: 'POST', headers, body, signal: mine.signal });
      // Its text, not parsed: a browser parses its own answer on its own machine; here every viewer shares the
      // bench's one process (and the hub's two cores).
      const answer = await res.text();
      if (res.status >= 500) tally.fivexx++;
      if (answer.includes('"errors":')) tally.errors++;
      else last = answer;
      tally.latencies.push(performance.now() - pushed);
    } catch (err) {
      if ((err as Error).name === 'AbortError') tally.superseded++;
      else {
        tally.fetchFailed++;
        tally.firstFailure ??= `${String(err)} ${(err as { cause?: { message?: string } }).cause?.message ?? ''}`;
      }
    } finally {
      tally.inFlight--;
    }
  };
  const client = createClient({
    url: `${hub.url.replace('http', 'ws')}/graphql`,
    // As the dashboard's socket: retried, and a socket back after a fault refetches once (0–3 s later).
    retryAttempts: 5,
    lazy: false,
    onNonLazyError: () => void tally.failed++,
    webSocketImpl: signedInSocket(hub.url),
  });
  let seen = false;
  client.on('connected', (_socket, _payload, wasRetry) => {
    if (!seen) tally.connected++;
    seen = true;
    if (wasRetry) {
      tally.reconnects++;
      setTimeout(() => void refetch(), Math.random() * 3000);
    }
  });
  client.subscribe(
    { query: IndicatorsChangedDocument.toString(), variables: { orgId: b.committee } },
    { next: () => void refetch(), error: () => void tally.failed++, complete: () => undefined },
  );
  return { client, last: () => last };
}

let written = 0;

/** The writer: `total` meetings with a branch's members present, `WRITES_PER_S` a second; when each was answered. */
async function write(hub: HubProcess, b: Board, total: number): Promise<{ done: number; failed: number; acked: number[] }> {
  const MEETING = `mutation($input: RecordActivityInput!) { recordActivity(input: $input) { id } }`;
  const today = new Date().toISOString().slice(0, 10);
  let failed = 0;
  const acked: number[] = [];
  const refused = (errors: unknown[]) => {
    if (!failed++) console.log(`  first refused write: ${JSON.stringify(errors).slice(0, 300)}`);
  };
  const writes: Promise<unknown>[] = [];
  for (let i = 0; i < total; i++) {
    const branch = b.branches[i % b.branches.length];
    const input = {
      organizationId: branch.id,
      type: 'THEME_PARTY_DAY',
      title: `看板基准 ${++written}`,
      heldOn: today,
      attendance: branch.members.map((m) => ({ memberId: m, status: 'PRESENT' })),
    };
    writes.push(
      gql(hub.url, MEETING, { input }).then(
        (r) => (r.errors ? refused(r.errors) : acked.push(performance.now())),
        (err: unknown) => refused([`${String(err)} ${(err as { cause?: { message?: string } }).cause?.message ?? ''}`]),
      ),
    );
    await sleep(1000 / WRITES_PER_S);
  }
  await Promise.all(writes);
  return { done: total, failed, acked };
}

/** For each acknowledged write, the wait until viewer 0's next push (ms, sorted). */
function writeToPush(acked: number[], pushes: number[]): number[] {
  const waits: number[] = [];
  for (const t of acked) {
    const next = pushes.find((p) => p >= t);
    if (next !== undefined) waits.push(next - t);
  }
  return waits.toSorted((x, y) => x - y);
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

/** Viewers whose last answer is not what a fresh read of the board shows now (their last change lost). */
async function staleViewers(hub: HubProcess, b: Board, viewers: Viewer[]): Promise<number> {
  const r = await fetch(`${hub.url}/graphql`, {
    method: 'POST',
    headers: signedInHeaders(hub.url),
    body: JSON.stringify({ query: IndicatorBoardDocument.toString(), variables: b.variables }),
  });
  const now = await r.text();
  return viewers.filter((v) => v.last() !== now).length;
}

/** One round: `n` viewers connected, the writes, the figures. */
async function round(hub: HubProcess, b: Board, counter: Counter, perWrite: number, n: number, label: string): Promise<void> {
  const tally = newTally();
  const viewers: Viewer[] = [];
  try {
    // A wall fills up over seconds, not in one tick: 100 sockets every 250 ms, then until all are in (≤ 30 s).
    for (let i = 0; i < n; i++) {
      viewers.push(viewer(hub, b, tally, i === 0));
      if (i % 100 === 99) await sleep(250);
    }
    for (let i = 0; tally.connected < n && i < 300; i++) await sleep(100);
    await sleep(2000); // their subscriptions registered
    const connected = tally.connected;
    const load0 = loadavg();
    const cpu0 = cpuSeconds(hub.child.pid!);
    const own0 = process.cpuUsage();
    counter.statements = 0;
    counter.kinds.clear();
    counter.counting = true;
    const t0 = performance.now();
    const w = await write(hub, b, SECONDS * WRITES_PER_S);
    await sleep(3000); // the last pushes (at most one push interval after the last write)
    for (let i = 0; tally.inFlight > 0 && i < 300; i++) await sleep(100); // their refetches
    counter.counting = false;
    const seconds = (performance.now() - t0) / 1000;
    const hubCpu = (cpuSeconds(hub.child.pid!) - cpu0) / seconds;
    const own = process.cpuUsage(own0);
    const viewersCpu = (own.user + own.system) / 1e6 / seconds;
    const requests = tally.latencies.length + tally.superseded;
    const stale = await staleViewers(hub, b, viewers);
    const boardStatements = counter.statements - perWrite * w.done;
    const sorted = tally.latencies.toSorted((x, y) => x - y);
    const waits = writeToPush(w.acked, tally.firstViewerPushes);
    console.log(
      `${label}: ${n} viewers (${connected} connected before the writes, ${tally.reconnects} reconnects), ${w.done} writes (${w.failed} failed) in ${SECONDS} s — ` +
        `board statements ${boardStatements.toFixed(0)} (${(boardStatements / seconds).toFixed(1)}/s over ${seconds.toFixed(1)} s, ` +
        `${(boardStatements / w.done).toFixed(2)} per change; all statements ${counter.statements}, ${perWrite.toFixed(1)} per write its own); ` +
        `pushes ${(tally.pushes / n).toFixed(1)} a viewer (viewer 0: ${tally.firstViewerPushes.length}), write → next push p50 ${quantile(waits, 0.5).toFixed(0)} ms, p95 ${quantile(waits, 0.95).toFixed(0)} ms; ` +
        `push → answer p50 ${quantile(sorted, 0.5).toFixed(0)} ms, p95 ${quantile(sorted, 0.95).toFixed(0)} ms over ${sorted.length} answers ` +
        `(${tally.superseded} superseded); 5xx ${tally.fivexx}, errors ${tally.errors}, sockets failed ${tally.failed}, ` +
        `refetches failed ${tally.fetchFailed}${tally.firstFailure ? ` (${tally.firstFailure})` : ''}; ` +
        `last answer stale ${stale} of ${n}; CPU s/s: hub ${hubCpu.toFixed(2)} (${((hubCpu * seconds * 1000) / requests).toFixed(2)} ms a refetch), viewers ${viewersCpu.toFixed(2)}; load average ${load0} → ${loadavg()}`,
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
    for (const n of VIEWERS) await round(hub, b, counter, perWrite, n, label);
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
