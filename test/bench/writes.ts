/**
 * Write latency under concurrency: 10 writers at once, each recording meetings with 20 attendees (in its
 * own branch), then each submitting survey batches of 50 responses, on the demo hospital freshly seeded
 * into a throw-away data directory. Prints p50/p95 per kind and the writes per second. Run it on two
 * checkouts to compare (`node test/bench/writes.ts` in each, after `pnpm build`).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { gql, startHub } from '../support/hub-process.ts';

const { values: args } = parseArgs({
  options: { writers: { type: 'string', default: '10' }, rounds: { type: 'string', default: '20' } },
  allowPositionals: true,
});
const WRITERS = Number(args.writers);
const ROUNDS = Number(args.rounds);

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

interface Setup {
  branches: { id: string; members: string[] }[];
  survey: string;
  departments: string[];
}

async function setup(url: string): Promise<Setup> {
  const orgs = await gql(
    url,
    `{ organizations(first: 40, filter: { kind: { in: [BRANCH] } }, orderBy: [{ field: ID }]) { nodes { id members(first: 20, filter: { politicalStatus: { in: [FULL_MEMBER] } }) { totalCount nodes { id } } } } }`,
  );
  const branches = (orgs.data.organizations.nodes as { id: string; members: { nodes: { id: string }[] } }[])
    .filter((b) => b.members.nodes.length === 20)
    .slice(0, WRITERS)
    .map((b) => ({ id: b.id, members: b.members.nodes.map((m) => m.id) }));
  if (branches.length < WRITERS) throw new Error(`only ${branches.length} branches with 20 members`);
  const s = await gql(
    url,
    `{ surveys(first: 1, filter: { kind: { eq: OUTPATIENT } }) { nodes { id } } departments(first: 20) { nodes { id } } }`,
  );
  return { branches, survey: s.data.surveys.nodes[0].id, departments: s.data.departments.nodes.map((d: { id: string }) => d.id) };
}

const day = (i: number) => {
  const d = new Date(Date.UTC(2026, 8, 1 + (i % 60)));
  return d.toISOString().slice(0, 10);
};

/** Refusals and failures by code (a deadlock reaching a client was INTERNAL_SERVER_ERROR before the lock order). */
const failures = new Map<string, number>();

async function timed(url: string, query: string, variables: object): Promise<number> {
  const t0 = performance.now();
  const r = await gql(url, query, variables);
  for (const e of r.errors ?? []) {
    const code = String(e.extensions?.code ?? 'unknown');
    failures.set(code, (failures.get(code) ?? 0) + 1);
  }
  return performance.now() - t0;
}

const MEETING = `mutation($input: RecordActivityInput!) { recordActivity(input: $input) { id rows } }`;
const SURVEY = `mutation($s: ID!, $r: [SurveyResponseInput!]!) { submitSurveyResponses(surveyId: $s, responses: $r) { rows } }`;

async function meetings(url: string, s: Setup): Promise<number[]> {
  const all = await Promise.all(
    s.branches.map(async (b, w) => {
      const out: number[] = [];
      for (let i = 0; i < ROUNDS; i++) {
        const input = {
          organizationId: b.id,
          type: 'BRANCH_COMMITTEE_MEETING',
          title: `基准测试支委会 ${w}-${i}`,
          heldOn: day(w * ROUNDS + i),
          attendance: b.members.map((m, k) => ({ memberId: m, status: k % 7 === 0 ? 'LEAVE' : 'PRESENT' })),
        };
        out.push(await timed(url, MEETING, { input }));
      }
      return out;
    }),
  );
  return all.flat();
}

async function surveys(url: string, s: Setup): Promise<number[]> {
  const all = await Promise.all(
    s.branches.map(async (_, w) => {
      const out: number[] = [];
      for (let i = 0; i < ROUNDS; i++) {
        const responses = Array.from({ length: 50 }, (_, k) => ({
          departmentId: s.departments[(w + k) % s.departments.length],
          respondedOn: day(w * ROUNDS + i),
          overallScore: 60 + ((w * 7 + i * 3 + k) % 41),
        }));
        out.push(await timed(url, SURVEY, { s: s.survey, r: responses }));
      }
      return out;
    }),
  );
  return all.flat();
}

function report(name: string, ms: number[], wall: number) {
  const sorted = ms.toSorted((a, b) => a - b);
  const failed = [...failures].map(([code, n]) => `${n} × ${code}`).join(', ');
  failures.clear();
  console.log(
    `${name}: p50 ${quantile(sorted, 0.5).toFixed(0)} ms, p95 ${quantile(sorted, 0.95).toFixed(0)} ms, ${ms.length} writes in ${(wall / 1000).toFixed(1)} s (${((1000 * ms.length) / wall).toFixed(1)}/s)${failed ? `; failed: ${failed}` : ''}`,
  );
}

const dataDir = await mkdtemp(join(process.getuid?.() === 0 ? '/var/lib' : tmpdir(), 'party-hub-bench-writes-'));
const hub = await startHub({ HUB_DATA_DIR: dataDir, HUB_SEED: 'hospital' }, 10 * 60_000);
try {
  const s = await setup(hub.url);
  console.log(`writes: ${WRITERS} concurrent writers × ${ROUNDS} rounds, demo hospital`);
  let t0 = performance.now();
  report('meeting with 20 attendees', await meetings(hub.url, s), performance.now() - t0);
  t0 = performance.now();
  report('survey batch of 50', await surveys(hub.url, s), performance.now() - t0);
} finally {
  hub.child.kill('SIGTERM');
  await hub.exited;
  await rm(dataDir, { recursive: true, force: true });
}
