/**
 * A real pgbouncer (Debian's package: 1.18 here and in CI) in transaction mode, in front of a PostgreSQL
 * server, started by a test on a free port with a generated ini in a directory of its own, and stopped by it.
 * pgbouncer refuses to run as root ("PgBouncer should not run as root"): as root (CI), it is started with
 * `-u postgres` (it drops to that user), and its directory is given to that user so it can write its log.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from './hub-process.ts';

/** pgbouncer's version line ("PgBouncer 1.18.0"), or null when it is not installed. */
export function pgbouncerVersion(): string | null {
  const r = spawnSync('pgbouncer', ['--version'], { encoding: 'utf8' });
  return r.error || r.status !== 0 ? null : (r.stdout.split('\n')[0] ?? '').trim();
}

export interface Pgbouncer {
  /** `server`'s URL with pgbouncer's host and port instead. */
  url(server: string): string;
  log(): string;
  stop(): Promise<void>;
}

const id = (flag: string) => Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());

/** The uid and gid of the `postgres` user (pgbouncer's user when started by root). */
function postgresUser(): { uid: number; gid: number } {
  const user = { uid: id('-u'), gid: id('-g') };
  if (!Number.isInteger(user.uid) || user.uid <= 0) throw new Error('running as root, pgbouncer needs a "postgres" user to drop to');
  return user;
}

/** Starts pgbouncer in transaction mode in front of `server` (a postgres:// URL; its user and password are passed on). */
export async function startPgbouncer(server: string, settings: Record<string, string> = {}): Promise<Pgbouncer> {
  const dir = await mkdtemp(join(tmpdir(), 'party-hub-pgbouncer-'));
  const port = await freePort();
  const target = new URL(server);
  const user = decodeURIComponent(target.username || 'postgres');
  const ini = {
    listen_addr: '127.0.0.1',
    listen_port: String(port),
    unix_socket_dir: '',
    pool_mode: 'transaction',
    // Clients are trusted (this machine's test); the password in the auth file is the one pgbouncer gives the server.
    auth_type: 'trust',
    auth_file: join(dir, 'users.txt'),
    logfile: join(dir, 'pgbouncer.log'),
    pidfile: join(dir, 'pgbouncer.pid'),
    ...settings,
  };
  await writeFile(join(dir, 'users.txt'), `"${user}" "${decodeURIComponent(target.password)}"\n`);
  const lines = Object.entries(ini).map(([k, v]) => `${k} = ${v}`);
  await writeFile(
    join(dir, 'pgbouncer.ini'),
    `[databases]\n* = host=${target.hostname} port=${target.port || 5432}\n[pgbouncer]\n${lines.join('\n')}\n`,
  );
  const root = process.getuid?.() === 0;
  if (root) {
    const { uid, gid } = postgresUser();
    for (const f of ['', 'users.txt', 'pgbouncer.ini']) chownSync(join(dir, f), uid, gid);
  }
  const child = spawn('pgbouncer', [...(root ? ['-u', 'postgres'] : []), join(dir, 'pgbouncer.ini')], { stdio: 'ignore' });
  const log = () => {
    try {
      return readFileSync(ini.logfile, 'utf8');
    } catch {
      return '';
    }
  };
  const url = (s: string) => Object.assign(new URL(s), { host: `127.0.0.1:${port}` }).toString();
  await ready(url(server), child, log);
  return { url, log, stop: () => stop(child, dir) };
}

/** Waits until pgbouncer answers a query on `url`, or fails with its log. */
async function ready(url: string, child: ChildProcess, log: () => string): Promise<void> {
  for (const started = Date.now(); Date.now() - started < 15_000;) {
    if (child.exitCode !== null) throw new Error(`pgbouncer exited (${child.exitCode}):\n${log()}`);
    const client = new pg.Client({ connectionString: url });
    const ok = await client.connect().then(
      () => client.query('select 1').then(() => true),
      () => false,
    );
    await client.end().catch(() => undefined);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`pgbouncer did not answer within 15 s:\n${log()}`);
}

async function stop(child: ChildProcess, dir: string): Promise<void> {
  if (child.exitCode === null) {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
  await rm(dir, { recursive: true, force: true });
}
