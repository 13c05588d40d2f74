/**
 * A board pushed whole (`subscription { live(orgId) { …the board… } }`, modules/indicator/live-query.ts), its
 * pushes run once per change for identical subscribers (http/live-pushes.ts), over real graphql-ws sockets on
 * the real HTTP server and PostgreSQL: fifty viewers of one board cost one run a change and all get the same
 * board, the one a fresh read shows after the write; two branch secretaries reading members' names each run
 * (and are audited) for themselves; an anonymous socket, or a live selection reaching an administrator's field,
 * is refused as the same query would be. Asked for patches (`live(orgId, patches: true)`), viewers get the board
 * whole once and then each change's JSON Patch, computed once for all of them, which applied gives the board a fresh
 * read shows; a viewer joining later starts whole; one that did not ask keeps getting the board whole; the last
 * revision's data is let go with the last subscriber.
 */
import jsonPatch from 'fast-json-patch';
import { createClient, type Client } from 'graphql-ws';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { AccountRole } from '../domain/enums.js';
import { toGlobalId } from '../graphql/global-id.js';
import { buildFixture, type Fixture } from '../test-support/fixtures.js';
import { postGraphQL, signedIn, startTestHub, type TestHub } from '../test-support/hub.js';

const FIELDS = `indicators(orgId: $orgId, period: $period) { values { indicator { id } value numerator denominator status } }
  indicatorSeries(ids: $seriesIds, orgId: $orgId, from: $from, to: $to, grain: MONTH) { indicator { id } points { period value } }`;
const VARS = `($orgId: ID!, $period: Period!, $seriesIds: [String!]!, $from: Period!, $to: Period!)`;
const BOARD = `query Board${VARS} { ${FIELDS} }`;
const LIVE_BOARD = `subscription LiveBoard${VARS} { live(orgId: $orgId) { ${FIELDS} } }`;
const LIVE_PATCHES = `subscription LivePatches${VARS} { live(orgId: $orgId, patches: true) { ${FIELDS} } }`;
const LIVE_NAMES = `subscription Names($orgId: ID!) { live(orgId: $orgId) { members(first: 3, orderBy: [{ field: ID }]) { nodes { id name } } } }`;
const ACTIVITY = `mutation($i: RecordActivityInput!) { recordActivity(input: $i) { id } }`;
const SOCKETS = 5;
const PER_SOCKET = 10;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Push {
  data?: Record<string, any> | null;
  errors?: unknown;
  extensions?: { live?: { revision: number; patch?: jsonPatch.Operation[] } };
}

/** A patch subscriber's board as a client keeps it: each push applied, what each push was. */
class Board {
  data: unknown = null;
  revision: number | null = null;
  readonly kinds: ('whole' | 'patch' | 'plain')[] = [];
  take(push: Push): void {
    const live = push.extensions?.live;
    if (!live) {
      this.kinds.push('plain');
      [this.data, this.revision] = [push.data, null];
    } else if (!live.patch) {
      this.kinds.push('whole');
      [this.data, this.revision] = [push.data, live.revision];
    } else {
      this.kinds.push('patch');
      expect(push.data).toBeUndefined();
      expect(live.revision).toBe(this.revision! + 1);
      this.data = jsonPatch.applyPatch(structuredClone(this.data), live.patch, true, false).newDocument;
      this.revision = live.revision;
    }
  }
}

const subscribe = (client: Client, query: string, variables: Record<string, unknown>, got: Push[], errors: unknown[] = []) =>
  client.subscribe(
    { query, variables },
    { next: (m) => void got.push(m as Push), error: (e) => void errors.push(e), complete: () => undefined },
  );

describe('http/live-pushes', () => {
  let hub: TestHub;
  let pool: pg.Pool;
  let f: Fixture;
  const clients: Client[] = [];
  const board = () => ({
    orgId: toGlobalId('Organization', f.committee.id),
    period: '2026-01',
    seriesIds: ['org_life_attendance_rate', 'theme_party_day_rate'],
    from: '2025-08',
    to: '2026-01',
  });
  let day = 10;
  /** A meeting of branch 0 with its members present (one change of the committee's board). */
  const write = async () => {
    const attendance = f.members
      .filter((m) => m.organization.id === f.branches[0].id)
      .map((m) => ({ memberId: toGlobalId('Member', m.id), status: 'PRESENT' }));
    const i = {
      organizationId: toGlobalId('Organization', f.branches[0].id),
      type: 'THEME_PARTY_DAY',
      title: '主题党日',
      heldOn: `2026-01-${day++}`,
      attendance,
    };
    const res = await hub.gql(ACTIVITY, { i });
    expect(res.errors).toBeUndefined();
  };
  /** A socket signed in with `cookie` (none: anonymous). */
  const socket = (cookie: string | null) => {
    class Signed extends WebSocket {
      constructor(address: string, protocols?: string | string[]) {
        super(address, protocols, cookie ? { headers: { cookie } } : {});
      }
    }
    const client = createClient({ url: `${hub.url.replace('http', 'ws')}/graphql`, webSocketImpl: Signed, retryAttempts: 0 });
    clients.push(client);
    return client;
  };
  /** Writes until every subscriber has had a push (all registered), then waits out the trailing push and forgets them. */
  const settled = async (got: Push[][]) => {
    for (let n = 0; !got.every((g) => g.length > 0); n++) {
      if (n > 30) throw new Error('subscriptions not all registered within 30 s');
      await write();
      await sleep(1000);
    }
    await sleep(1500);
    for (const g of got) g.splice(0);
  };

  beforeAll(async () => {
    hub = await startTestHub();
    pool = new pg.Pool({ connectionString: hub.db.url, max: 2 });
    f = await buildFixture(hub.orm.em.fork(), { generalBranches: 1, branchesPerGeneral: 2, membersPerBranch: 3 });
  });
  afterEach(async () => {
    // Each test counts the runs of its own subscribers only.
    for (const c of clients.splice(0)) await c.dispose();
    await sleep(500);
  });
  afterAll(async () => {
    await pool?.end();
    await hub?.close();
  });

  it('should run a change once for fifty viewers of one board and push them all the board a fresh read shows', async () => {
    const got: Push[][] = [];
    for (let s = 0; s < SOCKETS; s++) {
      const client = socket(await signedIn(hub.url, hub.db.url, `wall-${s}`, AccountRole.COMMITTEE));
      for (let i = 0; i < PER_SOCKET; i++) subscribe(client, LIVE_BOARD, board(), got[got.push([]) - 1]);
    }
    await settled(got);
    const before = { ...hub.pushes.stats };
    await write();
    for (let n = 0; !got.every((g) => g.length > 0); n++) {
      if (n > 100) throw new Error('a push did not reach every viewer within 10 s');
      await sleep(100);
    }
    await sleep(1500); // nothing else comes
    expect(got.map((g) => g.length)).toEqual(got.map(() => 1));
    expect(hub.pushes.stats.runs - before.runs).toBe(1);
    expect(hub.pushes.stats.shared - before.shared).toBe(SOCKETS * PER_SOCKET - 1);
    const texts = new Set(got.map((g) => JSON.stringify(g[0])));
    expect(texts.size).toBe(1);
    const fresh = await postGraphQL(hub.url, hub.cookie, BOARD, board());
    expect(got[0][0]).toEqual({ data: { live: fresh.data } });
    expect(JSON.stringify(fresh.data)).toContain('"theme_party_day_rate"');
  });

  it('should push patches to the viewers who ask: whole first (and to a later viewer), then patches that give the fresh board', async () => {
    const client = socket(await signedIn(hub.url, hub.db.url, 'patch-wall', AccountRole.COMMITTEE));
    const got: Push[][] = [[], [], []];
    const boards = [new Board(), new Board()];
    const taking = (b: Board, into: Push[]) => (push: Push) => {
      into.push(push);
      b.take(push);
    };
    const sub = (query: string, next: (p: Push) => void) =>
      client.subscribe({ query, variables: board() }, { next: (m) => next(m as Push), error: () => undefined, complete: () => undefined });
    sub(LIVE_PATCHES, taking(boards[0], got[0]));
    sub(LIVE_PATCHES, taking(boards[1], got[1]));
    sub(LIVE_BOARD, (p) => void got[2].push(p));
    // Writes until all three have had a push, then one more each: the patch viewers' first push is whole, the rest patches.
    for (let n = 0; !got.every((g) => g.length > 0); n++) {
      if (n > 30) throw new Error('subscriptions not all registered within 30 s');
      await write();
      await sleep(1000);
    }
    await sleep(1500);
    expect(hub.pushes.chains).toBe(1);
    const before = { ...hub.pushes.stats };
    const pushed = got.map((g) => g.length);
    await write();
    await expect.poll(() => got.every((g, i) => g.length > pushed[i]), { timeout: 10_000 }).toBe(true);
    await sleep(1500);
    for (const b of boards) {
      expect(b.kinds[0]).toBe('whole');
      expect(b.kinds.slice(1)).toEqual(b.kinds.slice(1).map(() => 'patch'));
      expect(b.kinds.length).toBeGreaterThan(1);
    }
    // One run per document (the patch viewers' and the plain viewer's differ by the argument); the two patch viewers
    // sent the one patch; the plain viewer the board whole, as before.
    expect(hub.pushes.stats.runs - before.runs).toBe(2);
    expect(hub.pushes.stats.patches - before.patches).toBe(2);
    expect(got[0].at(-1)).toEqual(got[1].at(-1));
    const fresh = await postGraphQL(hub.url, hub.cookie, BOARD, board());
    for (const b of boards) expect(b.data).toEqual({ live: fresh.data });
    expect(got[2].every((p) => p.extensions === undefined)).toBe(true);
    expect(got[2].at(-1)).toEqual({ data: { live: fresh.data } });
    // The write changed the board, so the patch says something, in fewer bytes than the board.
    const last = got[0].at(-1)!;
    expect(last.extensions!.live!.patch!.length).toBeGreaterThan(0);
    expect(JSON.stringify(last).length).toBeLessThan(JSON.stringify(got[2].at(-1)).length);

    // A viewer joining now starts with the board whole at the revision the others are patched to.
    const late = new Board();
    const lateGot: Push[] = [];
    sub(LIVE_PATCHES, taking(late, lateGot));
    for (let n = 0; lateGot.length === 0; n++) {
      if (n > 30) throw new Error('the late subscription was not registered within 30 s');
      await write();
      await sleep(1000);
    }
    await sleep(1500);
    expect(late.kinds[0]).toBe('whole');
    await write();
    await expect.poll(() => late.kinds.length, { timeout: 10_000 }).toBeGreaterThan(1);
    await sleep(1500);
    expect(late.kinds.slice(1)).toEqual(late.kinds.slice(1).map(() => 'patch'));
    expect(late.revision).toBe(boards[0].revision);
    const again = await postGraphQL(hub.url, hub.cookie, BOARD, board());
    for (const b of [...boards, late]) expect(b.data).toEqual({ live: again.data });

    // The last revision's data goes with the last subscriber.
    expect(hub.pushes.chains).toBe(1);
    for (const c of clients.splice(0)) await c.dispose();
    await expect.poll(() => hub.pushes.chains, { timeout: 5000 }).toBe(0);
  });

  it('should run a board reading members’ names for each secretary, and audit each', async () => {
    const audited = Number((await pool.query(`select coalesce(max(id), 0) as n from audit_log`)).rows[0].n);
    const got: Push[][] = [];
    for (const name of ['secretary-0', 'secretary-1']) {
      const client = socket(await signedIn(hub.url, hub.db.url, name, AccountRole.SECRETARY));
      for (let i = 0; i < 2; i++) subscribe(client, LIVE_NAMES, { orgId: board().orgId }, got[got.push([]) - 1]);
    }
    await settled(got);
    const before = { ...hub.pushes.stats };
    await write();
    for (let n = 0; !got.every((g) => g.length > 0); n++) {
      if (n > 100) throw new Error('a push did not reach every secretary within 10 s');
      await sleep(100);
    }
    expect(hub.pushes.stats.runs - before.runs).toBe(4);
    expect(hub.pushes.stats.shared - before.shared).toBe(0);
    expect(got[0][0].data!.live.members.nodes).toHaveLength(3);
    expect(got[0][0].data!.live.members.nodes[0].name).toBeTruthy();
    const actors = async () =>
      (
        await pool.query(
          `select actor, count(*)::int as n from audit_log where id > $1 and action = 'personal.read' group by actor order by actor`,
          [audited],
        )
      ).rows;
    // Every run audited: the pushes settling the subscriptions in, and the last one.
    await expect.poll(async () => (await actors()).map((r) => r.actor), { timeout: 5000 }).toEqual(['secretary-0', 'secretary-1']);
    for (const r of await actors()) expect(r.n).toBeGreaterThanOrEqual(2);
  });

  it('should refuse a live selection as the query itself would be refused: anonymous, and an administrator’s field', async () => {
    const closed: unknown[] = [];
    subscribe(socket(null), LIVE_BOARD, board(), [], closed);
    const refused: unknown[] = [];
    const query = `subscription { live(orgId: "${board().orgId}") { accounts(first: 1) { nodes { id } } } }`;
    subscribe(socket(hub.cookie), query, {}, [], refused);
    await expect.poll(() => closed.length + refused.length, { timeout: 5000 }).toBe(2);
    expect((closed[0] as { code: number; reason: string }).code).toBe(4401);
    expect(JSON.stringify(refused[0])).toContain('auth/forbidden');
  });
});
