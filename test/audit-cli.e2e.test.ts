/**
 * `pnpm audit:verify` and `pnpm audit:purge` as an operator runs them (the built CLI, DATABASE_URL on a
 * PostgreSQL of its own): exit codes and what they print, before and after a row is edited by hand.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, freePort, mainJs } from './support/hub-process.ts';

type Embedded = { url: string; stop(): Promise<void> };
const { startEmbedded } = (await import(createRequire(mainJs).resolve('./db/embedded.js'))) as {
  startEmbedded: (o: { dataDir: string; port?: number; notice?: (l: string) => void }) => Promise<Embedded>;
};
const auditJs = join(mainJs, '..', 'cli', 'audit.js');

function audit(args: string[], env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [auditJs, ...args], { env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (out += c));
    child.on('exit', (code) => resolve({ code, out }));
  });
}

describe('e2e/pnpm audit:verify and audit:purge', () => {
  let dataDir: string;
  let pgServer: Embedded;
  let env: Record<string, string>;
  let db: pg.Client;
  let witness: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'party-hub-audit-'));
    pgServer = await startEmbedded({ dataDir, port: await freePort(), notice: () => undefined });
    const admin = new pg.Client({ connectionString: pgServer.url });
    await admin.connect();
    await admin.query(`create database party_hub encoding 'UTF8' template template0`);
    await admin.end();
    env = { DATABASE_URL: pgServer.url.replace(/\/[^/]*$/, '/party_hub') };
    db = new pg.Client({ connectionString: env.DATABASE_URL });
  });
  afterAll(async () => {
    await db?.end().catch(() => undefined);
    await pgServer?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('should migrate, find an empty log intact, then one with rows', async () => {
    const empty = await audit(['verify'], env);
    expect(empty.out).toMatch(/^audit log intact: 0 rows chained from its start \(no rows\)$/m);
    expect(empty.code).toBe(0);
    await db.connect();
    for (const actor of ['dangban', 'nk.shuji', 'dangban'])
      await db.query(`insert into audit_log (actor, action, entity) values ($1, 'activity.record', 'activity')`, [actor]);
    const three = await audit(['verify'], env);
    expect(three.out).toMatch(/audit log intact: 3 rows chained from its start \(rows \d+ … \d+\)/);
    expect(three.code).toBe(0);
    witness = /^newest row: (\d+:[0-9a-f]{64}) \(note it elsewhere/m.exec(three.out)![1]!;
  });

  it('should refuse a purge of rows younger than 180 days before connecting, and purge by the default retention', async () => {
    const young = await audit(['purge', '--before', new Date().toISOString().slice(0, 10)], env);
    expect(young.code).toBe(2);
    expect(young.out).toMatch(/the audit log keeps every row 180 days: --before must be \d{4}-\d\d-\d\d or earlier/);
    const purge = await audit(['purge'], { ...env, HUB_AUDIT_KEEP_DAYS: '1095' });
    expect(purge.out).toMatch(/^purged 0 rows of the audit log older than \d{4}-\d\d-\d\d; the chain still starts from its beginning/m);
    expect(purge.code).toBe(0);
    const after = await audit(['verify', '--witness', witness], env);
    expect(after.out).toMatch(/audit log intact: 4 rows/);
    expect(after.code).toBe(0);
    const bad = await audit(['verify', '--witness', 'row-3'], env);
    expect(bad.out).toMatch(/--witness must be a row id and its hash, as verify printed them: ID:HASH \(got "row-3"\)/);
    expect(bad.code).toBe(2);
  });

  it('should exit 1 naming the row edited by hand with the triggers off', async () => {
    const { rows } = await db.query(`select id::text from audit_log where actor = 'nk.shuji'`);
    await db.query(`alter table audit_log disable trigger user`);
    await db.query(`update audit_log set actor = 'someone else' where id = $1`, [rows[0].id]);
    await db.query(`alter table audit_log enable trigger user`);
    const broken = await audit(['verify'], env);
    expect(broken.out).toMatch(
      new RegExp(
        `^audit log BROKEN at row ${rows[0].id}: row ${rows[0].id} was changed after it was written: its content no longer gives its hash$`,
        'm',
      ),
    );
    expect(broken.code).toBe(1);
  });
});
