/**
 * A wall of viewers of one board (issue 22: "2,000 viewers of one board with 5 writes/s: ≤ 5 board
 * statements/s per instance, push p95 ≤ 1 s, no 5xx"). One hub process on the demo hospital (embedded
 * PostgreSQL, a throw-away data directory); N viewers, each a graphql-ws socket subscribed to the
 * committee's `indicatorsChanged`, refetching the overview's board (the dashboard's own IndicatorBoard
 * document) over HTTP POST on every push, aborting the previous refetch as the page does; a writer records a
 * meeting in a branch 5 times a second. Reported per mode (identical reads shared, HUB_COALESCE_MAX_AGE=60s,
 * and not, =0):
 *   board statements/s   the read path's statements the hub logged (HUB_LOG_SQL) during the writes, per second,
 *                        and per change (each write is one change: one notification)
 *   push → answer        from a viewer's push to its board's answer, p50 / p95 (superseded refetches left out)
 *   5xx, errors          answers with a 5xx status, answers with GraphQL errors
 * The viewers and the writer run in this process, beside the hub, on the same machine: on a small busy
 * machine the figures are theirs too.
 *
 *   node bench/board-viewers.ts --viewers 300 --seconds 20 --writes 5 --mode both|on|off
 */
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
  },
  allowPositionals: true,
});
const VIEWERS = Number(args.viewers);
const SECONDS = Number(args.seconds);
const WRITES_PER_S = Number(args.writes);

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

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
  failed: number;
}

/** One viewer: a socket subscribed to the committee's changes, a refetch per push (the previous one aborted). */
function viewer(hub: HubProcess, b: Board, tally: Tally): Client {
  const headers = signedInHeaders(hub.url);
  const body = JSON.stringify({ query: IndicatorBoardDocument.toString(), variables: b.variables });
  let inFlight: AbortController | null = null;
  const refetch = async () => {
    inFlight?.abort();
    const mine = (inFlight = new AbortController());
    const pushed = performance.now();
    try {
      const res = await fetch(`${hub.url}/graphql`, { method: 'POST', headers, body, signal: mine.signal });
      const answer = (await res.json()) as { errors?: unknown[] };
      if (res.status >= 500) tally.fivexx++;
      if (answer.errors?.length) tally.errors++;
      tally.latencies.push(performance.now() - pushed);
    } catch (err) {
      if ((err as Error).name === 'AbortError') tally.superseded++;
      else tally.failed++;
    }
  };
  const client = createClient({
    url: `${hub.url.replace('http', 'ws')}/graphql`,
    retryAttempts: 0,
    lazy: false,
    onNonLazyError: () => void tally.failed++,
    webSocketImpl: signedInSocket(hub.url),
  });
  client.subscribe(
    { query: IndicatorsChangedDocument.toString(), variables: { orgId: b.committee } },
    { next: () => void refetch(), error: () => void tally.failed++, complete: () => undefined },
  );
  return client;
}

let written = 0;

/** The writer: `total` meetings with a branch's members present, `WRITES_PER_S` a second. */
async function write(hub: HubProcess, b: Board, total: number): Promise<{ done: number; failed: number }> {
  const MEETING = `mutation($input: RecordActivityInput!) { recordActivity(input: $input) { id } }`;
  const today = new Date().toISOString().slice(0, 10);
  let failed = 0;
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
        (r) => r.errors && refused(r.errors),
        (err: unknown) => refused([String(err)]),
      ),
    );
    await sleep(1000 / WRITES_PER_S);
  }
  await Promise.all(writes);
  return { done: total, failed };
}

async function run(dataDir: string, maxAge: string): Promise<void> {
  const hub = await startHub({ HUB_DATA_DIR: dataDir, HUB_SEED: 'hospital', HUB_LOG_SQL: '1', HUB_COALESCE_MAX_AGE: maxAge }, 15 * 60_000);
  let statements = 0;
  let counting = false;
  /** Statements by their first words (what the board reads, what the caches reload after each change). */
  const kinds = new Map<string, number>();
  hub.child.stdout!.on('data', (c: Buffer) => {
    if (!counting) return;
    for (const part of c.toString('utf8').split('[query] ').slice(1)) {
      statements++;
      const kind = part.replace(/\s+/g, ' ').slice(0, 70);
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    }
  });
  const clients: Client[] = [];
  try {
    const b = await board(hub.url);
    // What a write itself reads through the read path (its input's checks), measured with nobody watching.
    counting = true;
    const calibration = await write(hub, b, 10);
    await sleep(1000);
    counting = false;
    const perWrite = statements / calibration.done;
    statements = 0;
    kinds.clear();
    const tally: Tally = { latencies: [], superseded: 0, fivexx: 0, errors: 0, failed: 0 };
    for (let i = 0; i < VIEWERS; i++) clients.push(viewer(hub, b, tally));
    await sleep(3000 + VIEWERS * 5); // every socket connected and subscribed
    counting = true;
    const t0 = performance.now();
    const w = await write(hub, b, SECONDS * WRITES_PER_S);
    await sleep(3000); // the last pushes' refetches
    counting = false;
    const seconds = (performance.now() - t0) / 1000;
    const boardStatements = statements - perWrite * w.done;
    const sorted = tally.latencies.toSorted((x, y) => x - y);
    console.log(
      `coalescing ${maxAge === '0' ? 'off' : `on (${maxAge})`}: ${VIEWERS} viewers, ${w.done} writes (${w.failed} failed) in ${SECONDS} s — ` +
        `board statements ${boardStatements.toFixed(0)} (${(boardStatements / seconds).toFixed(1)}/s over ${seconds.toFixed(1)} s, ` +
        `${(boardStatements / w.done).toFixed(1)} per change; all statements ${statements}, ${perWrite.toFixed(1)} per write its own); ` +
        `push → answer p50 ${quantile(sorted, 0.5).toFixed(0)} ms, p95 ${quantile(sorted, 0.95).toFixed(0)} ms over ${sorted.length} answers ` +
        `(${tally.superseded} superseded); 5xx ${tally.fivexx}, errors ${tally.errors}, failed ${tally.failed}`,
    );
    const top = [...kinds].toSorted((x, y) => y[1] - x[1]).slice(0, 8);
    for (const [kind, n] of top) console.log(`  ${String(n).padStart(6)} × ${kind}`);
  } finally {
    for (const c of clients) void c.dispose();
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
