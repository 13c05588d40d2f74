/**
 * Three hub processes (separate processes, as on three machines) started at the same moment on one empty
 * database (DATABASE_URL, HUB_SEED=hospital): all three come up, each migration is applied once and the demo
 * hospital is seeded once (the start lock: app/start-lock.ts). The PostgreSQL server is TEST_DATABASE_URL's
 * when set (CI's second pass: the machine's PostgreSQL 15), else an embedded one of its own.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mainJs, startHub, type HubProcess } from './support/hub-process.ts';

type Embedded = { url: string; stop(): Promise<void> };
const { startEmbedded } = (await import(createRequire(mainJs).resolve('./db/embedded.js'))) as {
  startEmbedded: (o: { dataDir: string; notice?: (l: string) => void }) => Promise<Embedded>;
};

async function admin<T>(serverUrl: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

describe('e2e/instances started together on one empty database', () => {
  let serverUrl: string;
  let embedded: Embedded | undefined;
  let dataDir: string | undefined;
  let name: string;
  let url: string;
  let hubs: HubProcess[] = [];
  let started: PromiseSettledResult<HubProcess>[];

  beforeAll(async () => {
    if (process.env.TEST_DATABASE_URL) serverUrl = process.env.TEST_DATABASE_URL;
    else {
      dataDir = await mkdtemp(join(tmpdir(), 'party-hub-together-'));
      embedded = await startEmbedded({ dataDir, notice: () => undefined });
      serverUrl = embedded.url;
    }
    name = `hub_together_${randomBytes(4).toString('hex')}`;
    await admin(serverUrl, (c) => c.query(`create database ${name} encoding 'UTF8' template template0`));
    const u = new URL(serverUrl);
    u.pathname = `/${name}`;
    url = u.toString();
    // The same moment: three spawns in one tick.
    started = await Promise.allSettled([1, 2, 3].map(() => startHub({ DATABASE_URL: url, HUB_SEED: 'hospital' })));
    hubs = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  });

  afterAll(async () => {
    for (const hub of hubs) hub.killAll();
    await Promise.all(hubs.map((h) => h.exited));
    await admin(serverUrl, (c) => c.query(`drop database if exists ${name} with (force)`)).catch(() => undefined);
    await embedded?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('should bring all three up, having migrated and seeded once between them', async () => {
    const failures = started.flatMap((s) => (s.status === 'rejected' ? [String(s.reason)] : []));
    expect(failures).toEqual([]);
    const outputs = hubs.map((h) => h.output());
    expect(outputs.filter((o) => o.includes('seeding hospital demo data'))).toHaveLength(1);
    expect(outputs.filter((o) => o.includes('applied migrations:'))).toHaveLength(1);
    console.log(`hubs waiting for the start lock: ${outputs.filter((o) => o.includes('waiting for it')).length} of 3`);
    await admin(url, async (c) => {
      const migrations = await c.query<{ n: number; names: number }>(
        `select count(*)::int as n, count(distinct name)::int as names from mikro_orm_migrations`,
      );
      expect(migrations.rows[0].n).toBe(migrations.rows[0].names);
      const counts = await c.query<{ hospitals: number; committees: number; people: number; cards: number }>(
        `select (select count(*)::int from hospital) as hospitals,
                (select count(*)::int from organization where kind = 'committee') as committees,
                (select count(*)::int from member where id_card_no is not null) as people,
                (select count(distinct id_card_no)::int from member) as cards`,
      );
      // One seed: one hospital, one committee, and nobody twice.
      expect(counts.rows[0]).toMatchObject({ hospitals: 1, committees: 1 });
      expect(counts.rows[0].people).toBeGreaterThan(1000);
      expect(counts.rows[0].people).toBe(counts.rows[0].cards);
    });
  });
});
