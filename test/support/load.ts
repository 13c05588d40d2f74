/**
 * Load for the fault suites: writers recording meetings with idempotency keys (an unknown outcome or a 503
 * retried with the same key), an analyst running aggregates, /healthz watched until it answers 200, and
 * what a user would check afterwards: every acknowledged meeting stored exactly once, with all of its
 * attendance, and every cell equal to a rebuild (`pnpm indicators:verify`).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import pg from 'pg';
import { expect } from 'vitest';
import { cleanEnv, gql, mainJs, signedInHeaders, type HubProcess } from './hub-process.ts';

const MEETING = `mutation($i: RecordActivityInput!, $k: String) { recordActivity(input: $i, idempotencyKey: $k) { id } }`;
const AGGREGATE = `{ membersAggregate(groupBy: [ORGANIZATION_BRANCH, POLITICAL_STATUS]) { groups { count } } }`;
/** Every meeting written here has a title starting so. */
const TITLE = '故障演练';

export interface Branch {
  id: string;
  members: string[];
}

export interface Tally {
  /** Acknowledged meetings: title → the id the hub answered. */
  acknowledged: Map<string, string>;
  /** Meetings a write of which had an unknown outcome (no answer, a cut connection, db/unavailable): title → key. */
  unknown: Map<string, { key: string; input: object }>;
  unavailable: number;
  /** Answers no fault explains (an INTERNAL error, a wrong code). */
  other: string[];
  attempts: number;
}

export const newTally = (): Tally => ({ acknowledged: new Map(), unknown: new Map(), unavailable: 0, other: [], attempts: 0 });

export const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** POSTs a GraphQL request as the committee; a network failure (the hub itself gone) is an 'UNREACHABLE' answer. */
export async function post(
  url: string,
  query: string,
  variables: object,
): Promise<{ status: number; body: any; retryAfter?: string | null }> {
  try {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: signedInHeaders(url),
      body: JSON.stringify({ query, variables }),
    });
    return { status: res.status, body: await res.json(), retryAfter: res.headers.get('retry-after') };
  } catch (err) {
    return { status: 0, body: { errors: [{ extensions: { code: 'UNREACHABLE' }, message: String(err) }] } };
  }
}

/**
 * Whether an answer is what an outage explains: db/unavailable as 503 with Retry-After (or no answer at all, the
 * hub unreachable). An INTERNAL error, or db/unavailable without its status and header, is not.
 */
function outageAnswer(r: { status: number; body: any; retryAfter?: string | null }): 'unavailable' | 'unreachable' | null {
  const e = r.body.errors?.[0]?.extensions;
  if (e?.code === 'UNREACHABLE') return 'unreachable';
  if (e?.code === 'SERVICE_UNAVAILABLE' && e.reason === 'db/unavailable' && r.status === 503 && r.retryAfter) return 'unavailable';
  return null;
}

/** The INTERNAL errors among answers no fault explains (a test names them first: the "never INTERNAL"). */
export const internalAnswers = (other: readonly string[]) => other.filter((a) => /INTERNAL/.test(a));

/** Up to `count` branches with three active full members each: the writers' meetings' organizations and attendance. */
export async function meetingBranches(url: string, count = 4): Promise<Branch[]> {
  const res = await gql(
    url,
    `{ organizations(first: 30, filter: { kind: { eq: BRANCH } }, orderBy: [{ field: ID }]) { nodes { id members(first: 3, filter: { politicalStatus: { eq: FULL_MEMBER }, membershipStatus: { eq: ACTIVE } }) { nodes { id } } } } }`,
  );
  return res
    .data!.organizations.nodes.filter((b: any) => b.members.nodes.length === 3)
    .slice(0, count)
    .map((b: any) => ({ id: b.id, members: b.members.nodes.map((m: any) => m.id) }));
}

/** One writer: meetings with unique titles and keys; an unknown outcome or a 503 is retried with the same key. */
export async function writer(url: string, branch: Branch, w: number, tally: Tally, until: () => boolean) {
  for (let i = 0; !until(); i++) {
    const title = `${TITLE} ${w}-${i}`;
    const input = {
      organizationId: branch.id,
      type: 'THEME_PARTY_DAY',
      title,
      heldOn: `2026-0${1 + (i % 9)}-1${w}`,
      attendance: branch.members.map((m) => ({ memberId: m, status: 'PRESENT' })),
    };
    const key = `fault-${w}-${i}-${title.length}-drill`;
    for (let attempt = 0; attempt < 400; attempt++) {
      tally.attempts++;
      const r = await post(url, MEETING, { i: input, k: key });
      if (!r.body.errors) {
        tally.acknowledged.set(title, r.body.data.recordActivity.id);
        break;
      }
      tally.unknown.set(title, { key, input });
      const outage = outageAnswer(r);
      if (outage === 'unavailable') tally.unavailable++;
      else if (outage === null) tally.other.push(`${r.status} retry-after=${r.retryAfter ?? '-'} ${JSON.stringify(r.body.errors[0])}`);
      await pause(100);
    }
  }
}

/** An analyst's aggregates meanwhile: db/unavailable or a timeout are answers a fault explains, anything else is not. */
export async function analyst(url: string, until: () => boolean, other: string[]) {
  while (!until()) {
    const r = await post(url, AGGREGATE, {});
    const code = r.body.errors?.[0]?.extensions?.code;
    if (code && code !== 'QUERY_TIMEOUT' && outageAnswer(r) === null)
      other.push(`${r.status} retry-after=${r.retryAfter ?? '-'} ${JSON.stringify(r.body.errors[0])}`);
    await pause(50);
  }
}

/** Seconds from now until /healthz answers 200; past `limitMs`, an error with what `context` tells. */
/** Waits until PostgreSQL at `databaseUrl` accepts a connection and answers (polled every 100 ms), at most `limitMs`. */
export async function acceptingConnections(databaseUrl: string, limitMs = 120_000): Promise<void> {
  const t0 = Date.now();
  for (;;) {
    const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 2_000 });
    client.on('error', () => undefined);
    const ok = await client
      .connect()
      .then(
        () => client.query('select 1').then(() => true),
        () => false,
      )
      .catch(() => false);
    await client.end().catch(() => undefined);
    if (ok) return;
    if (Date.now() - t0 > limitMs) throw new Error(`PostgreSQL did not accept connections within ${limitMs / 1000} s`);
    await pause(100);
  }
}

export async function secondsToHealthy(url: string, context: () => string = () => '', limitMs = 120_000): Promise<number> {
  const t0 = Date.now();
  let last = '';
  for (;;) {
    const ok = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(5_000) }).then(
      async (r) => (r.status === 200 ? true : ((last = `${r.status} ${(await r.text()).slice(0, 300)}`), false)),
      (err: unknown) => ((last = String(err)), false),
    );
    if (ok) return (Date.now() - t0) / 1000;
    if (Date.now() - t0 > limitMs) throw new Error(`not healthy within ${limitMs / 1000} s (last answer: ${last})\n${context()}`);
    await pause(100);
  }
}

/**
 * What the database holds of the meetings written: acknowledged ones missing (`lost`), any stored more than
 * once (`twice`), any stored without all of its attendance (`partial`: a meeting is written whole or not at all).
 */
export async function stored(databaseUrl: string, tally: Tally, attendees = 3) {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const { rows } = await db.query(
      `select a.title, count(*)::int as n, min((select count(*) from attendance t where t.activity_id = a.id))::int as fewest
         from activity a where a.title like '${TITLE} %' group by 1`,
    );
    const counts = new Map(rows.map((r) => [r.title as string, r.n as number]));
    const lost = [...tally.acknowledged.keys()].filter((t) => !counts.has(t));
    const twice = rows.filter((r) => r.n > 1).map((r) => r.title as string);
    const partial = rows.filter((r) => r.fewest !== attendees).map((r) => r.title as string);
    return { lost, twice, partial };
  } finally {
    await db.end();
  }
}

/**
 * Each meeting whose outcome was once unknown, sent again with its key: the answer is the meeting first
 * recorded (the same id), never a second one. Returns those that answered otherwise.
 */
export async function replayUnknown(url: string, tally: Tally): Promise<string[]> {
  const wrong: string[] = [];
  for (const [title, { key, input }] of tally.unknown) {
    const r = await post(url, MEETING, { i: input, k: key });
    const id = r.body.data?.recordActivity?.id;
    const first = tally.acknowledged.get(title);
    if (!id || (first && id !== first)) wrong.push(`${title}: first ${first}, again ${id ?? JSON.stringify(r.body.errors)}`);
  }
  return wrong;
}

/** `pnpm indicators:verify` as an operator runs it (the built CLI): its exit status and output. */
export function verifyIndicators(databaseUrl: string): { status: number | null; output: string } {
  const verify = spawnSync(process.execPath, [join(mainJs, '..', 'cli', 'indicators.js'), 'verify'], {
    env: cleanEnv({ DATABASE_URL: databaseUrl }),
    encoding: 'utf8',
  });
  return { status: verify.status, output: verify.stdout + verify.stderr };
}

/** Stops the hub, then expects `pnpm indicators:verify` to find every cell equal to a rebuild. */
export async function expectCellsEqualRebuild(hub: HubProcess, databaseUrl: string): Promise<void> {
  hub.child.kill('SIGTERM');
  await hub.exited;
  const verify = verifyIndicators(databaseUrl);
  expect(verify.status, verify.output).toBe(0);
  expect(verify.output).toMatch(/0 differ/);
}
