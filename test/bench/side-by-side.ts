/**
 * The side-by-side method both peer benchmarks use (read path, aggregates): the hub and PostGraphile on the
 * same database, answers checked equal before and after the timing, the two servers alternating in each of
 * three rounds (autocannon, 10 connections), and the SQL floor (a plain `pg` loop, 10 clients) for the
 * same time; medians of the rounds, as a Markdown table.
 */
import { spawn } from 'node:child_process';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import autocannon from 'autocannon';
import { postHeaders } from '../support/hub-process.ts';

export const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
export const ROUNDS = 3;
export const CONNECTIONS = 10;

export interface Figure {
  rps: number;
  p50: number;
  p99: number;
}

const median = (xs: number[]) => [...xs].toSorted((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** The benchmark's own embedded cluster, seeded once per scale and kept (as root under /var/lib, as the hub does). */
export function benchDataDir(scale: string): string {
  const base = process.getuid?.() === 0 ? '/var/lib' : join(process.env.XDG_DATA_HOME || join(homedir(), '.local', 'share'));
  return join(base, `party-hub-bench-${scale}`);
}

/** A GraphQL body POSTed by autocannon for SECONDS over CONNECTIONS connections. */
export async function load(server: string, body: object): Promise<Figure> {
  const r = await autocannon({
    url: `${server}/graphql`,
    method: 'POST',
    headers: postHeaders(server),
    body: JSON.stringify(body),
    connections: CONNECTIONS,
    duration: SECONDS,
  });
  if (r.non2xx || r.errors) throw new Error(`${server}: ${r.non2xx} non-2xx answers, ${r.errors} errors`);
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99 };
}

/** The SQL floor: `run` by CONNECTIONS concurrent clients for SECONDS (req/s from the elapsed time). */
export async function floor(run: () => Promise<unknown>): Promise<Figure> {
  const lat: number[] = [];
  const started = performance.now();
  const until = started + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < until) {
        const t = performance.now();
        await run();
        lat.push(performance.now() - t);
      }
    }),
  );
  lat.sort((a, b) => a - b);
  const elapsed = (performance.now() - started) / 1000;
  return { rps: lat.length / elapsed, p50: lat[Math.floor(lat.length / 2)]!, p99: lat[Math.floor(lat.length * 0.99)]! };
}

export interface Contender {
  key: string;
  name: string;
  /** The request bodies, and each server's answer brought to one comparable shape. */
  hub: { body: object; answer: (data: any) => unknown };
  postgraphile: { body: object; answer: (data: any) => unknown };
  sql: () => Promise<unknown>;
}

async function answerOf(server: string, side: Contender['hub']): Promise<unknown> {
  const res = await fetch(`${server}/graphql`, {
    method: 'POST',
    headers: postHeaders(server),
    body: JSON.stringify(side.body),
  });
  const json = (await res.json()) as { data?: unknown; errors?: unknown };
  if (json.errors) throw new Error(`${server}: ${JSON.stringify(json.errors)}`);
  return side.answer(json.data);
}

/** A question only the hub answers (no peer has it), timed against its SQL floor. */
export interface AgainstFloor {
  key: string;
  name: string;
  body: object;
  sql: () => Promise<unknown>;
  /** The hub's statement, served over bare HTTP as a second floor (sql-over-http.ts). */
  statement: { text: string; values: unknown[] };
}

/** The statements over bare HTTP in a process of their own (sql-over-http.ts); stop it with kill(). */
async function sqlOverHttp(databaseUrl: string, list: AgainstFloor[]): Promise<{ url: string; kill: () => void }> {
  const child = spawn(process.execPath, [join(dirname(fileURLToPath(import.meta.url)), 'sql-over-http.ts')], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  child.stdin.end(JSON.stringify(Object.fromEntries(list.map((c) => [c.key, c.statement]))));
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      const m = /listening (\d+)/.exec(d.toString());
      if (m) resolve(Number(m[1]));
    });
    child.on('exit', (code) => reject(new Error(`sql-over-http exited (${code})`)));
  });
  return { url: `http://127.0.0.1:${port}`, kill: () => child.kill('SIGTERM') };
}

/**
 * The hub against two floors, alternating in each of three rounds: its own statement run by a plain `pg` loop
 * (what the GraphQL layer and everything around the statement cost), and the same statement served over bare
 * HTTP by a process of its own, loaded by the same client as the hub (what HTTP itself costs: for a statement
 * of a millisecond, most of the first ratio). A table of medians with both time ratios.
 */
export async function againstFloor(title: string, list: AgainstFloor[], hub: string, databaseUrl: string): Promise<void> {
  for (const c of list) await answerOf(hub, { body: c.body, answer: (d) => d });
  const bare = await sqlOverHttp(databaseUrl, list);
  const figures = new Map(list.map((c) => [c.key, { hub: [] as Figure[], sql: [] as Figure[], http: [] as Figure[] }]));
  try {
    for (let round = 0; round < ROUNDS; round++) {
      for (const c of list) {
        const f = figures.get(c.key)!;
        if (round % 2) f.sql.push(await floor(c.sql));
        if (round % 2) f.http.push(await load(bare.url, { key: c.key }));
        f.hub.push(await load(hub, c.body));
        if (!(round % 2)) f.http.push(await load(bare.url, { key: c.key }));
        if (!(round % 2)) f.sql.push(await floor(c.sql));
        process.stdout.write(
          `round ${round + 1} ${c.key}: hub ${f.hub.at(-1)!.rps.toFixed(0)} req/s, SQL floor ${f.sql.at(-1)!.rps.toFixed(0)}, over bare HTTP ${f.http.at(-1)!.rps.toFixed(0)}\n`,
        );
      }
    }
  } finally {
    bare.kill();
  }
  const m = (xs: Figure[], k: keyof Figure) => median(xs.map((x) => x[k]));
  const cell = (xs: Figure[]) => `${m(xs, 'rps').toFixed(0)} (${m(xs, 'p50').toFixed(0)} / ${m(xs, 'p99').toFixed(0)} ms)`;
  console.log(`\n${title} — req/s (p50 / p99), medians of ${ROUNDS} rounds:`);
  console.log('| query | hub | SQL floor | the statement over bare HTTP | SQL floor ÷ hub (time ratio) | bare HTTP ÷ hub |');
  console.log('|---|---|---|---|---|---|');
  for (const c of list) {
    const f = figures.get(c.key)!;
    console.log(
      `| ${c.key} — ${c.name} | ${cell(f.hub)} | ${cell(f.sql)} | ${cell(f.http)} | ${(m(f.sql, 'rps') / m(f.hub, 'rps')).toFixed(2)} | ${(m(f.http, 'rps') / m(f.hub, 'rps')).toFixed(2)} |`,
    );
  }
}

/** Checks, times and reports: prints one line per round and the table of medians. */
export async function sideBySide(title: string, list: Contender[], servers: { hub: string; postgraphile: string }): Promise<void> {
  const check = async () => {
    for (const c of list) {
      const [a, b] = [await answerOf(servers.hub, c.hub), await answerOf(servers.postgraphile, c.postgraphile)];
      if (!isDeepStrictEqual(a, b))
        throw new Error(`${c.key}: the answers differ\nhub: ${JSON.stringify(a).slice(0, 400)}\npgl: ${JSON.stringify(b).slice(0, 400)}`);
    }
  };
  await check();
  const figures = new Map(list.map((c) => [c.key, { hub: [] as Figure[], pgl: [] as Figure[], sql: [] as Figure[] }]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const c of list) {
      const f = figures.get(c.key)!;
      // Alternate who goes first, so neither always meets a warmer cache.
      const order = round % 2 ? (['pgl', 'hub'] as const) : (['hub', 'pgl'] as const);
      for (const who of order) {
        f[who].push(await load(who === 'hub' ? servers.hub : servers.postgraphile, who === 'hub' ? c.hub.body : c.postgraphile.body));
      }
      f.sql.push(await floor(c.sql));
      process.stdout.write(
        `round ${round + 1} ${c.key}: hub ${f.hub.at(-1)!.rps.toFixed(0)} req/s, PostGraphile ${f.pgl.at(-1)!.rps.toFixed(0)}, SQL floor ${f.sql.at(-1)!.rps.toFixed(0)}\n`,
      );
    }
  }
  await check();
  const m = (xs: Figure[], k: keyof Figure) => median(xs.map((x) => x[k]));
  const cell = (xs: Figure[]) => `${m(xs, 'rps').toFixed(0)} (${m(xs, 'p50').toFixed(0)} / ${m(xs, 'p99').toFixed(0)} ms)`;
  const ratio = (a: Figure[], b: Figure[]) => (m(a, 'rps') / m(b, 'rps')).toFixed(2);
  console.log(`\n${title} — req/s (p50 / p99), medians of ${ROUNDS} rounds:`);
  console.log('| query | hub | PostGraphile | hub ÷ PostGraphile | SQL floor | hub ÷ floor |');
  console.log('|---|---|---|---|---|---|');
  for (const c of list) {
    const f = figures.get(c.key)!;
    console.log(
      `| ${c.key} — ${c.name} | ${cell(f.hub)} | ${cell(f.pgl)} | ${ratio(f.hub, f.pgl)} | ${cell(f.sql)} | ${ratio(f.hub, f.sql)} |`,
    );
  }
}
