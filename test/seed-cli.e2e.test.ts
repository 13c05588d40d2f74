import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mainJs } from './support/hub-process.js';

const seedJs = join(mainJs, '..', 'cli', 'seed.js');

/** `pnpm seed` as a user runs it: its own embedded PostgreSQL in HUB_DATA_DIR, started and stopped. */
function seed(args: string[], dataDir: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const env: NodeJS.ProcessEnv = { ...process.env, HUB_DATA_DIR: dataDir };
    delete env.DATABASE_URL;
    const child = spawn(process.execPath, [seedJs, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (out += c));
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

  it('should seed an empty database, refuse to seed it twice, and reseed after --reset', async () => {
    const first = await seed(['--scale', 'hospital', '--end', '2026-06-15'], dataDir);
    expect(first.code, first.out).toBe(0);
    expect(first.out).toMatch(/seeded hospital \(seed 20240701, 2023-06-01 … 2026-06-15\)/);
    expect(first.out).toMatch(/survey_response\s+[\d,]{7}/);
    const again = await seed(['--end', '2026-06-15'], dataDir);
    expect(again.code).toBe(1);
    expect(again.out).toMatch(/nothing was written: the database already holds data/);
    const reset = await seed(['--', '--reset', '--seed', '7', '--end', '2026-06-15'], dataDir);
    expect(reset.code, reset.out).toBe(0);
    expect(reset.out).toMatch(/emptied every hub table/);
    expect(reset.out).toMatch(/seeded hospital \(seed 7,/);
  });
});
