/**
 * `DATABASE_URL=postgres://…/postgres node bench/pooler.ts` (after `pnpm build`): what the settings for a
 * pooler cost, same database, same run. One database (bench_pooler, seeded once), four hubs on it:
 *   direct, prepared on          (the default)
 *   direct, HUB_PREPARED=off     (what pgbouncer 1.18 needs: every statement parsed and planned again)
 *   pgbouncer 1.18, prepared off (transaction mode, HUB_DIRECT_URL for LISTEN and migrations)
 *   direct, HUB_STATEMENT_TIMEOUT=0 (no `set local` transaction around each read: what the timeout costs)
 * Each is loaded in turn, rounds interleaved (the machine is shared): the month view and a member list,
 * 10 clients for BENCH_SECONDS (5) per round, BENCH_ROUNDS (5) rounds; medians of req/s and ratios.
 */
import pg from 'pg';
import { postHeaders, startHub, type HubProcess } from '../support/hub-process.ts';
import { startPgbouncer } from '../support/pgbouncer.ts';
import { FIVE, MONTH_VIEW } from './month-view.ts';

const base = process.env.DATABASE_URL;
if (!base) {
  console.error('usage: DATABASE_URL=postgres://…/postgres node bench/pooler.ts');
  process.exit(2);
}
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const median = (xs: number[]) => xs.toSorted((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const direct = Object.assign(new URL(base), { pathname: '/bench_pooler' }).toString();

const admin = new pg.Client({ connectionString: base });
await admin.connect();
if (!(await admin.query(`select 1 from pg_database where datname = 'bench_pooler'`)).rowCount)
  await admin.query(`create database bench_pooler encoding 'UTF8' template template0`);
await admin.end();

const bouncer = await startPgbouncer(direct);
const hubs: { name: string; hub: HubProcess }[] = [];
try {
  hubs.push({ name: 'direct, prepared on', hub: await startHub({ DATABASE_URL: direct, HUB_SEED: 'hospital' }, 15 * 60_000) });
  hubs.push({ name: 'direct, prepared off', hub: await startHub({ DATABASE_URL: direct, HUB_PREPARED: 'off' }) });
  const viaBouncer = { DATABASE_URL: bouncer.url(direct), HUB_DIRECT_URL: direct, HUB_PREPARED: 'off' };
  hubs.push({ name: 'pgbouncer 1.18, prepared off', hub: await startHub(viaBouncer) });
  hubs.push({ name: 'direct, prepared on, no timeout', hub: await startHub({ DATABASE_URL: direct, HUB_STATEMENT_TIMEOUT: '0' }) });
  await measure(await bodies());
} finally {
  for (const h of hubs) h.hub.killAll();
  await bouncer.stop();
}

async function bodies(): Promise<Record<string, string>> {
  const c = new pg.Client({ connectionString: direct });
  await c.connect();
  const org = (await c.query(`select id from organization where kind = 'committee' order by id limit 1`)).rows[0].id as number;
  const last = (await c.query(`select to_char(last_month, 'YYYY-MM') as m from indicator_range`)).rows[0].m as string;
  await c.end();
  const [y, m] = last.split('-').map(Number) as [number, number];
  const from = m === 12 ? `${y}-01` : `${y - 1}-${String(m + 1).padStart(2, '0')}`;
  const orgId = Buffer.from(`Organization:${org}`).toString('base64url');
  return {
    'month view': JSON.stringify({ query: MONTH_VIEW, variables: { org: orgId, p: last, from, ids: FIVE } }),
    'member list': JSON.stringify({
      query: `{ members(first: 50, orderBy: [{ field: ID }]) { totalCount nodes { id name organization { name } } } }`,
    }),
  };
}

async function load(url: string, body: string): Promise<number> {
  let n = 0;
  const started = performance.now();
  const until = started + SECONDS * 1000;
  const post = () => fetch(`${url}/graphql`, { method: 'POST', headers: postHeaders(url), body });
  await Promise.all(
    Array.from({ length: 10 }, async () => {
      while (performance.now() < until) {
        const res = (await (await post()).json()) as { errors?: unknown };
        if (res.errors) throw new Error(JSON.stringify(res.errors));
        n++;
      }
    }),
  );
  return n / ((performance.now() - started) / 1000);
}

async function measure(queries: Record<string, string>): Promise<void> {
  for (const [what, body] of Object.entries(queries)) {
    const rps = new Map(hubs.map((h) => [h.name, [] as number[]]));
    for (let round = 0; round < ROUNDS; round++)
      for (const h of round % 2 ? hubs.toReversed() : hubs) rps.get(h.name)!.push(await load(h.hub.url, body));
    const first = median(rps.get(hubs[0]?.name ?? '') ?? []);
    for (const h of hubs) {
      const m = median(rps.get(h.name)!);
      const all = rps
        .get(h.name)!
        .map((r) => r.toFixed(0))
        .join(' ');
      console.log(`${what}: ${h.name}: ${m.toFixed(0)} req/s (÷ default ${(m / first).toFixed(2)}; rounds ${all})`);
    }
  }
}
