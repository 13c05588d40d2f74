/**
 * A primary and a streaming replica of it, for the read-replica tests (db/replicas.ts): its own embedded
 * PostgreSQL 18 (whatever TEST_DATABASE_URL names: the replica needs a primary it can stop and copy), made
 * ready by `prepare`, stopped, copied cold (the data directory as it is: a clean shutdown leaves nothing to
 * recover), and both started: the copy with standby.signal and a primary_conninfo, on its own port.
 * Lag at will: `pause()` stops the replica's replay (pg_wal_replay_pause()), `resume()` lets it go on.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { appendFile, chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { ensureDatabase, HUB_DATABASE, withDatabase } from '../db/database.js';
import { freePort, startEmbedded, type EmbeddedDatabase } from '../db/embedded.js';
import { migrate } from '../db/orm.js';
import { openHubOrm } from '../app/orm.js';
import { rebuildCells } from '../indicators/cells.js';
import { randomHospital } from './random-hospital.js';

const run = promisify(execFile);

/** A `prepare` for most replica tests: the database migrated, a random hospital seeded (June 2026), its cells built; its branches. */
export async function migratedHospital(dbUrl: string): Promise<number[]> {
  const o = await openHubOrm({ url: dbUrl, poolMax: 2 });
  await migrate(o);
  await o.close();
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  try {
    const { branches } = await randomHospital(client, 7, '2026-06');
    await client.query('begin');
    await rebuildCells(client);
    await client.query('commit');
    return branches;
  } finally {
    await client.end();
  }
}

export interface ReplicaPair {
  /** The hub's database on the primary. */
  primaryUrl: string;
  /** The same database on the replica. */
  replicaUrl: string;
  /** Stops the replica's replay: it answers, ever further behind. */
  pause(): Promise<void>;
  resume(): Promise<void>;
  /** Waits until the replica has replayed everything the primary has written. */
  caughtUp(timeoutMs?: number): Promise<void>;
  /** Stops the replica (fast shutdown); `startReplica` starts it again. */
  stopReplica(): Promise<void>;
  startReplica(): Promise<void>;
  close(): Promise<void>;
}

async function query<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

const postgresId = async (flag: string) => Number((await run('id', [flag, 'postgres'])).stdout);

/** As root, PostgreSQL runs as `postgres` (as the embedded one does). */
async function account(): Promise<{ uid: number; gid: number } | null> {
  if (process.getuid?.() !== 0) return null;
  return { uid: await postgresId('-u'), gid: await postgresId('-g') };
}

/** Starts the replica's postmaster and waits for it to accept read-only connections. */
async function startStandby(binDir: string, pgData: string, port: number): Promise<ChildProcess> {
  const owner = await account();
  const child = spawn(
    join(binDir, 'bin', 'postgres'),
    ['-D', pgData, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    { ...owner, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C', LC_MESSAGES: 'C' } },
  );
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the replica did not start within 60 s:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (!/ready to accept read-only connections/.test(output)) return;
      clearTimeout(timer);
      resolve();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the replica exited (${code}):\n${output}`));
    });
  });
  child.removeAllListeners('exit');
  return child;
}

/** The cold copy: the stopped primary's data directory, made a standby that streams from `primary`. */
async function copyAsStandby(primary: EmbeddedDatabase, replicaDir: string, standby: Record<string, string>): Promise<string> {
  const pgData = join(replicaDir, 'pg18');
  await run('cp', ['-a', join(primary.dataDir, 'pg18'), pgData]);
  const password = decodeURIComponent(new URL(primary.url).password);
  const settings = {
    primary_conninfo: `host=127.0.0.1 port=${primary.port} user=postgres password=${password} application_name=hub_test_replica`,
    hot_standby: 'on',
    ...standby,
  };
  const lines = Object.entries(settings).map(([k, v]) => `${k} = ${pg.escapeLiteral(v)}\n`);
  await appendFile(join(pgData, 'postgresql.auto.conf'), lines.join(''));
  await writeFile(join(pgData, 'standby.signal'), '');
  const owner = await account();
  if (owner) await run('chown', ['-R', `${owner.uid}:${owner.gid}`, pgData]);
  return pgData;
}

/**
 * The pair: `prepare` gets the hub database's URL on the primary (migrate, fixtures) before the copy;
 * `standby` adds settings to the replica's configuration (e.g. max_standby_streaming_delay).
 */
export async function startReplicaPair(
  options: { prepare?: (url: string) => Promise<void>; standby?: Record<string, string> } = {},
): Promise<ReplicaPair> {
  const primaryDir = await mkdtemp(join(tmpdir(), 'party-hub-primary-'));
  const replicaDir = await mkdtemp(join(tmpdir(), 'party-hub-replica-'));
  await chmod(replicaDir, 0o755);
  let primary = await startEmbedded({ dataDir: primaryDir, notice: () => undefined });
  await ensureDatabase(primary.url, HUB_DATABASE);
  await options.prepare?.(withDatabase(primary.url, HUB_DATABASE));
  await primary.stop();
  const pgData = await copyAsStandby(primary, replicaDir, options.standby ?? {});
  primary = await startEmbedded({ dataDir: primaryDir, port: primary.port, notice: () => undefined });
  const port = await freePort();
  let standby: ChildProcess | null = await startStandby(primary.binDir, pgData, port);
  const replicaServer = primary.url.replace(/:\d+\/postgres$/, `:${port}/postgres`);
  const pair: ReplicaPair = {
    primaryUrl: withDatabase(primary.url, HUB_DATABASE),
    replicaUrl: withDatabase(replicaServer, HUB_DATABASE),
    pause: async () => void (await query(replicaServer, 'select pg_wal_replay_pause()')),
    resume: async () => void (await query(replicaServer, 'select pg_wal_replay_resume()')),
    caughtUp: async (timeoutMs = 30_000) => {
      const [{ lsn }] = await query<{ lsn: string }>(primary.url, 'select pg_current_wal_insert_lsn()::text as lsn');
      for (const until = Date.now() + timeoutMs; Date.now() < until; await new Promise((r) => setTimeout(r, 50))) {
        const [row] = await query<{ ok: boolean }>(replicaServer, `select pg_last_wal_replay_lsn() >= '${lsn}'::pg_lsn as ok`);
        if (row?.ok) return;
      }
      throw new Error(`the replica did not reach ${lsn} within ${timeoutMs} ms`);
    },
    stopReplica: async () => {
      const child = standby;
      standby = null;
      if (!child || child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('close', r));
      child.kill('SIGINT');
      await exited;
    },
    startReplica: async () => {
      standby ??= await startStandby(primary.binDir, pgData, port);
    },
    close: async () => {
      await pair.stopReplica();
      await primary.stop();
      await rm(primaryDir, { recursive: true, force: true });
      await rm(replicaDir, { recursive: true, force: true });
    },
  };
  return pair;
}
