import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mainJs } from './support/hub-process.js';
import { copySeeded, seededOutput } from './support/seeded.ts';

const seedJs = join(mainJs, '..', 'cli', 'seed.js');

/** `pnpm seed` as a user runs it: its own embedded PostgreSQL in HUB_DATA_DIR, started and stopped. */
function seed(
  args: string[],
  dataDir: string,
  databaseUrl?: string,
  /** Sends the command alone (not its process group) a SIGTERM once its output matches. */
  termWhen?: RegExp,
): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const env: NodeJS.ProcessEnv = { ...process.env, HUB_DATA_DIR: dataDir };
    delete env.DATABASE_URL;
    if (databaseUrl) env.DATABASE_URL = databaseUrl;
    const child = spawn(process.execPath, [seedJs, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let termed = false;
    const take = (c: Buffer) => {
      out += c;
      if (termWhen && !termed && termWhen.test(out)) termed = child.kill('SIGTERM');
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.on('exit', (code) => resolve({ code, out }));
  });
}

describe('e2e/pnpm seed', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'party-hub-seed-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('should refuse bad arguments before touching any database', async () => {
    const bad = await seed(['--', '--scale', 'city'], dataDir);
    expect(bad.code).toBe(2);
    expect(bad.out).toMatch(/--scale must be hospital or province \(got "city"\)/);
    expect(bad.out).toMatch(/usage: pnpm seed/);
  });

  it('should refuse --reset on a database named by DATABASE_URL without --yes-wipe and its name, before connecting', async () => {
    // Port 1: nothing listens there, so a refusal that connected first would fail differently.
    const url = 'postgres://hub:secret@127.0.0.1:1/hospital_prod';
    const bare = await seed(['--reset'], dataDir, url);
    expect(bare.code).toBe(2);
    expect(bare.out).toMatch(/--reset would empty every hub table of "hospital_prod" \(DATABASE_URL\): add --yes-wipe hospital_prod/);
    const wrong = await seed(['--reset', '--yes-wipe', 'hospital_test'], dataDir, url);
    expect(wrong.code).toBe(2);
    expect(wrong.out).toMatch(/--yes-wipe names "hospital_test", but DATABASE_URL names "hospital_prod": nothing was changed/);
    const right = await seed(['--reset', '--yes-wipe', 'hospital_prod'], dataDir, url);
    expect(right.code).toBe(1);
    expect(right.out).toMatch(/^cannot open the database, nothing was changed|migration failed, the database is as it was/m);
  });

  // The run's seeded directory (support/seeded.ts), which the e2e hubs copy, is seeded by this CLI on an empty
  // HUB_DATA_DIR (a new embedded cluster, migrations, the seed): its output is checked here, and its copy is the
  // database seeded once, instead of a seeding of this file's own (≈ 35 s of CI).
  it('should seed an empty database, refuse to seed it twice, and reseed after --reset', async () => {
    expect(await copySeeded(dataDir)).toBe(true);
    const first = await seededOutput();
    expect(first).toMatch(/seeded hospital \(seed 20240701, \d{4}-\d{2}-01 … \d{4}-\d{2}-\d{2}\)/);
    expect(first).toMatch(/survey_response\s+[\d,]{7}/);
    const again = await seed(['--end', '2026-06-15'], dataDir);
    expect(again.code).toBe(1);
    expect(again.out).toMatch(
      /seeding failed, the database is as it was \(the transaction was rolled back\): the database already holds data/,
    );
    const reset = await seed(['--', '--reset', '--seed', '7', '--end', '2026-06-15'], dataDir);
    expect(reset.code, reset.out).toBe(0);
    expect(reset.out).toMatch(/emptied every hub table and reseeded, in one transaction/);
    expect(reset.out).toMatch(/seeded hospital \(seed 7,/);
  });

  // As `timeout` or a service manager stops it: the signal to node alone, in the middle of the seeding.
  it('should stop its embedded PostgreSQL and keep the database as it was when it is sent SIGTERM mid-way', async () => {
    const pidFile = join(dataDir, 'pg18', 'postmaster.pid');
    const cut = await seed(['--', '--reset', '--seed', '8', '--end', '2026-06-15'], dataDir, undefined, /generated 1\/1 hospitals/);
    expect(cut.code, cut.out).toBe(128 + 15);
    expect(cut.out).toMatch(/SIGTERM: stopping the embedded PostgreSQL/);
    expect(cut.out).not.toMatch(/seeded hospital/);
    expect(existsSync(pidFile), 'PostgreSQL left running on the data directory').toBe(false);
    // The cluster starts again, and the reset was rolled back whole: the database still holds data.
    const after = await seed(['--end', '2026-06-15'], dataDir);
    expect(after.code).toBe(1);
    expect(after.out).toMatch(/the database already holds data/);
    expect(existsSync(pidFile)).toBe(false);
  });
});
