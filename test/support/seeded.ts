/**
 * The hospital demo data, seeded once per test run and copied for each hub that wants it.
 *
 * A hub started on an empty HUB_DATA_DIR with HUB_SEED=hospital makes a cluster, migrates, seeds 474 k rows and
 * builds 469 k indicator cells: on the shared two-core CI machine that took 96 s a hub (51 s of it the cells), and
 * ten e2e files did it (the dashboard's eight, GraphiQL's, the pipeline's). The first of them to ask seeds a data
 * directory with `pnpm seed` (the CLI, as an operator runs it) while the rest wait; each then gets a `cp -a` of it
 * (3.5 s, ownership kept: as root the cluster belongs to "postgres") and starts on it as on an existing hospital's
 * data (21.6 s at the same load, migrations up to date, nothing to seed, new demo links printed).
 *
 * What a first start does on an empty directory (new cluster, migrations, the seed under the start lock) stays
 * tested by hub.e2e (`pnpm start` on an empty HUB_DATA_DIR), seed-cli.e2e and start-together.e2e.
 *
 * The Vitest global setup (below) only names the directory and removes it after the run. Outside Vitest (the
 * benches) nothing is copied: the hub seeds itself, as before.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';
import { cleanEnv, mainJs } from './hub-process.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    seededDir: string;
  }
}

const run = promisify(execFile);

/** Vitest global setup of the e2e project: where the run's seeded data directory goes; removed afterwards. */
export default function setup(project: TestProject): () => Promise<void> {
  const dir = join(tmpdir(), `party-hub-seeded-${process.pid}-${Date.now().toString(36)}`);
  project.provide('seededDir', dir);
  return () => rm(dir, { recursive: true, force: true });
}

async function seededDirOfRun(): Promise<string | null> {
  if (!process.env.VITEST) return null;
  const { inject } = await import('vitest');
  return inject('seededDir') ?? null;
}

/** `pnpm seed` (the built CLI) into `hubDir`: its own embedded PostgreSQL, started, migrated, seeded, stopped. */
async function seedInto(hubDir: string): Promise<string> {
  const child = spawn(process.execPath, [join(dirname(mainJs), 'cli', 'seed.js'), '--scale', 'hospital'], {
    env: cleanEnv({ HUB_DATA_DIR: hubDir }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (c) => (out += c));
  child.stderr.on('data', (c) => (out += c));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`pnpm seed --scale hospital failed (${code}):\n${out}`);
  return out;
}

/** Seeds the run's directory if nobody has (mkdir is the lock), else waits for whoever does. */
async function ensureSeeded(dir: string): Promise<boolean> {
  const ready = join(dir, 'ready');
  const failed = join(dir, 'failed');
  try {
    await mkdir(dir);
  } catch {
    for (let waited = 0; waited < 900_000; waited += 250) {
      if (existsSync(ready)) return true;
      if (existsSync(failed)) return false;
      await new Promise((r) => setTimeout(r, 250));
    }
    return false;
  }
  // As root the cluster runs as "postgres", which must pass through (tmpdir entries are not always 0755).
  await chmod(dir, 0o711);
  try {
    await writeFile(join(dir, 'seed.out'), await seedInto(join(dir, 'hub')));
    await writeFile(ready, '');
    return true;
  } catch (err) {
    await writeFile(failed, String((err as Error).stack ?? err));
    throw err;
  }
}

/**
 * Fills `hubDataDir` (a hub's HUB_DATA_DIR, empty or not yet made) with a copy of the run's seeded hospital.
 * Returns false (nothing copied: start with HUB_SEED=hospital and let the hub seed) outside Vitest, when the
 * directory holds a cluster already (a restart on the same data), or when the one seeding failed (its error is
 * in the file `failed`; this hub then seeds for itself and says why if it fails too).
 */
export async function copySeeded(hubDataDir: string): Promise<boolean> {
  if (existsSync(join(hubDataDir, 'pg18', 'PG_VERSION'))) return false;
  const dir = await seededDirOfRun();
  if (!dir || !(await ensureSeeded(dir))) return false;
  await mkdir(hubDataDir, { recursive: true });
  // cp -a, not fs.cp: ownership (the "postgres" user's, as root) and modes (PostgreSQL insists on 0700) kept.
  await run('cp', ['-a', `${join(dir, 'hub')}/.`, hubDataDir]);
  return true;
}

/** What `pnpm seed --scale hospital` printed when it seeded the run's directory (seed-cli.e2e checks it). */
export async function seededOutput(): Promise<string> {
  const dir = await seededDirOfRun();
  if (!dir) throw new Error('no seeded directory outside Vitest');
  return readFile(join(dir, 'seed.out'), 'utf8');
}
