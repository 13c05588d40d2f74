/**
 * A PostgreSQL high-availability pair as an operator runs one, in a temporary directory: one etcd (the
 * distributed configuration store), two Patroni nodes each running a PostgreSQL 15 (synchronous mode: a
 * commit is acknowledged only once the standby has it), and HAProxy forwarding to whichever node answers
 * 200 on Patroni's REST `/primary` — node-postgres takes no multi-host URL, so the hub's DATABASE_URL
 * names HAProxy. The programs are Debian's (`apt-get install patroni etcd-server haproxy`, as `.ci/run`
 * does); PostgreSQL's binaries are Debian's postgresql-15. PostgreSQL refuses to run as root: run as
 * root, Patroni (and so PostgreSQL) runs as the `postgres` user.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './hub-process.ts';

export const PG_BIN = process.env.PATRONI_PG_BIN ?? '/usr/lib/postgresql/15/bin';
const PROGRAMS = ['patroni', 'etcd', 'haproxy'];
const GO_ARCH: Record<string, string> = { x64: 'amd64', arm64: 'arm64', ia32: '386', ppc64: 'ppc64le', s390x: 's390x' };

/** Why the pair cannot run on this machine (a program missing), or null when it can. */
export function patroniMissing(): string | null {
  const missing = PROGRAMS.filter((p) => !onPath(p));
  if (!existsSync(join(PG_BIN, 'postgres'))) missing.push(`${PG_BIN}/postgres (postgresql-15)`);
  if (process.getuid?.() === 0 && !uidOf('postgres')) missing.push('a `postgres` user (PostgreSQL refuses to run as root)');
  return missing.length ? `not installed: ${missing.join(', ')} (apt-get install patroni etcd-server haproxy postgresql-15)` : null;
}

function onPath(program: string): boolean {
  const dirs = (process.env.PATH ?? '').split(':').concat(['/usr/sbin', '/usr/bin', '/sbin']);
  return dirs.some((d) => d && existsSync(join(d, program)));
}

function uidOf(user: string): { uid: number; gid: number } | null {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${user}:`));
  if (!line) return null;
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

interface Daemon {
  name: string;
  child: ChildProcess;
  log: string[];
}

export interface PatroniNode {
  name: string;
  pgPort: number;
  restPort: number;
  dataDir: string;
  daemon: Daemon;
}

export interface PatroniCluster {
  /** postgres://postgres@127.0.0.1:<HAProxy's port>/postgres: the primary, whichever node it is. */
  url: string;
  nodes: PatroniNode[];
  /** The node whose REST API answers 200 on /primary now, if any. */
  leader(): Promise<PatroniNode | null>;
  /** The members, their roles and states (as `patronictl list` shows them), from any node still answering. */
  list(): Promise<string>;
  /** Loses a node as a machine is lost: SIGKILL to its Patroni, its postmaster and the postmaster's children. */
  lose(node: PatroniNode): void;
  /** The last lines of every daemon's output (for a failure's message). */
  diagnosis(): string;
  stop(): Promise<void>;
}

function startDaemon(name: string, command: string, args: string[], user?: { uid: number; gid: number }): Daemon {
  const child = spawn(command, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    // Not the checkout: as root, Patroni runs as `postgres`, which cannot enter a checkout in a 0700 directory (a
    // fresh clone under `mktemp -d`), and Python's multiprocessing then fails in initdb's aftermath (CI: node1
    // "bootstrap in progress" for 180 s after "could not change directory … Permission denied").
    cwd: '/',
    // etcd 3.4 runs on an architecture other than amd64 only when told it may (ETCD_UNSUPPORTED_ARCH=<Go's name of it>).
    env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin', LANG: 'C.UTF-8', ETCD_UNSUPPORTED_ARCH: GO_ARCH[process.arch] ?? process.arch },
    ...user,
  });
  const log: string[] = [];
  const keep = (c: Buffer) => {
    log.push(...c.toString().split('\n').filter(Boolean));
    if (log.length > 400) log.splice(0, log.length - 400);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  child.on('exit', (code, signal) => log.push(`[${name} exited: ${code ?? signal}]`));
  return { name, child, log };
}

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, ms: number, context: () => string): Promise<T> {
  const t0 = Date.now();
  for (;;) {
    const v = await probe().catch(() => null);
    if (v) return v;
    if (Date.now() - t0 > ms) throw new Error(`${what} not within ${ms / 1000} s\n${context()}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const restStatus = (port: number, path: string) =>
  fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(2_000) }).then(
    (r) => r.status,
    () => 0,
  );

/** The bootstrap settings of the pair: the failover timing and synchronous replication. */
function patroniConfig(dir: string, name: string, etcdPort: number, pgPort: number, restPort: number): object {
  return {
    scope: 'party-hub-failover',
    namespace: '/service/',
    name,
    restapi: { listen: `127.0.0.1:${restPort}`, connect_address: `127.0.0.1:${restPort}` },
    etcd3: { hosts: [`127.0.0.1:${etcdPort}`] },
    bootstrap: {
      // A leader key lives 20 s; Patroni's rule loop_wait + 2 × retry_timeout ≤ ttl holds (3 + 2 × 8 ≤ 20).
      dcs: {
        ttl: 20,
        loop_wait: 3,
        retry_timeout: 8,
        maximum_lag_on_failover: 1048576,
        synchronous_mode: true,
        postgresql: { use_pg_rewind: true, parameters: { max_connections: 200, wal_log_hints: 'on' } },
      },
      initdb: [{ encoding: 'UTF8' }, { locale: 'C.UTF-8' }, 'data-checksums'],
      pg_hba: ['local all all trust', 'host replication replicator 127.0.0.1/32 trust', 'host all all 127.0.0.1/32 trust'],
    },
    postgresql: {
      listen: `127.0.0.1:${pgPort}`,
      connect_address: `127.0.0.1:${pgPort}`,
      data_dir: join(dir, name, 'data'),
      bin_dir: PG_BIN,
      pgpass: join(dir, name, 'pgpass'),
      authentication: {
        replication: { username: 'replicator', password: 'replicator' },
        superuser: { username: 'postgres', password: 'postgres' },
      },
      parameters: { unix_socket_directories: join(dir, name) },
    },
  };
}

/** HAProxy: a TCP frontend to whichever server answers 200 on Patroni's /primary; sessions to a server marked down are cut. */
function haproxyConfig(port: number, nodes: PatroniNode[]): string {
  return [
    'global',
    '  maxconn 1000',
    'defaults',
    '  mode tcp',
    '  timeout connect 4s',
    // The hub's pooled connections idle between requests: long timeouts, or HAProxy would cut them.
    '  timeout client 30m',
    '  timeout server 30m',
    'listen primary',
    `  bind 127.0.0.1:${port}`,
    '  option httpchk GET /primary',
    '  http-check expect status 200',
    '  default-server inter 1s fall 2 rise 1 on-marked-down shutdown-sessions',
    ...nodes.map((n) => `  server ${n.name} 127.0.0.1:${n.pgPort} maxconn 200 check port ${n.restPort}`),
    '',
  ].join('\n');
}

/** The PIDs of a process's children (Linux /proc). */
function childrenOf(pid: number): number[] {
  const found: number[] = [];
  for (const p of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) found.push(Number(p));
    } catch {
      // The process ended while we looked.
    }
  }
  return found;
}

const kill = (pid: number) => {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Gone already.
  }
};

/** What a pair's parts share while it starts: its directory, the daemons started so far, their output. */
interface Site {
  dir: string;
  daemons: Daemon[];
  diagnosis: () => string;
}

/** One etcd member (a cluster of one) on its own ports; resolves with its client port once it is healthy. */
async function startEtcd(site: Site): Promise<number> {
  const [port, peerPort] = [await freePort(), await freePort()];
  const url = `http://127.0.0.1:${port}`;
  const peer = `http://127.0.0.1:${peerPort}`;
  const args = {
    '--name': 'hub',
    '--data-dir': join(site.dir, 'etcd'),
    '--listen-client-urls': url,
    '--advertise-client-urls': url,
    '--listen-peer-urls': peer,
    '--initial-advertise-peer-urls': peer,
    '--initial-cluster': `hub=${peer}`,
  };
  site.daemons.push(startDaemon('etcd', 'etcd', Object.entries(args).flat()));
  await until('etcd healthy', () => fetch(`${url}/health`).then((r) => r.ok), 30_000, site.diagnosis);
  return port;
}

/** A Patroni node (as `postgres` when run as root): its configuration written, the daemon started. */
async function startNode(site: Site, name: string, etcdPort: number, user?: { uid: number; gid: number }): Promise<PatroniNode> {
  const [pgPort, restPort] = [await freePort(), await freePort()];
  mkdirSync(join(site.dir, name), { mode: 0o700 });
  const config = join(site.dir, name, 'patroni.yml');
  // JSON is YAML.
  writeFileSync(config, JSON.stringify(patroniConfig(site.dir, name, etcdPort, pgPort, restPort), null, 2));
  if (user) for (const p of [join(site.dir, name), config]) chownSync(p, user.uid, user.gid);
  const daemon = startDaemon(name, 'patroni', [config], user);
  site.daemons.push(daemon);
  return { name, pgPort, restPort, dataDir: join(site.dir, name, 'data'), daemon };
}

/** Loses a node as a machine is lost: SIGKILL to its Patroni, its postmaster and the postmaster's children. */
function lose(node: PatroniNode): void {
  kill(node.daemon.child.pid!);
  const pidFile = join(node.dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const postmaster = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  const children = childrenOf(postmaster);
  kill(postmaster);
  children.forEach(kill);
}

/**
 * Starts etcd, the two Patroni nodes (the first bootstraps, the second clones it and becomes its
 * synchronous standby) and HAProxy; resolves once HAProxy reaches the primary and the standby is synchronous.
 */
export async function startPatroniPair(timeoutMs = 180_000): Promise<PatroniCluster> {
  const root = process.getuid?.() === 0;
  const user = root ? uidOf('postgres')! : undefined;
  // As root, under /var/lib (as the PostgreSQL suite does): the `postgres` user must reach the directory, and a
  // TMPDIR inside root's own home would not let it.
  const dir = await mkdtemp(join(root ? '/var/lib' : tmpdir(), 'party-hub-patroni-'));
  const daemons: Daemon[] = [];
  const nodes: PatroniNode[] = [];
  // The first lines too: a bootstrap that never ends (seen once in CI: node1 "bootstrap in progress" for 180 s)
  // says why in its initdb and first start, long before the last 25 lines.
  const diagnosis = () =>
    daemons
      .map((d) => `--- ${d.name}:\n${(d.log.length > 65 ? [...d.log.slice(0, 40), '…', ...d.log.slice(-25)] : d.log).join('\n')}`)
      .join('\n');
  const site: Site = { dir, daemons, diagnosis };
  const stop = async () => {
    for (const d of daemons.toReversed()) kill(d.child.pid!);
    for (const n of nodes) lose(n);
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const etcdPort = await startEtcd(site);
    if (user) chownSync(dir, user.uid, user.gid);
    nodes.push(await startNode(site, 'node1', etcdPort, user));
    // The first node bootstraps the cluster before the second clones it.
    await until('node1 primary', async () => (await restStatus(nodes[0].restPort, '/primary')) === 200, timeoutMs, diagnosis);
    nodes.push(await startNode(site, 'node2', etcdPort, user));
    const haproxyPort = await freePort();
    writeFileSync(join(dir, 'haproxy.cfg'), haproxyConfig(haproxyPort, nodes));
    daemons.push(startDaemon('haproxy', 'haproxy', ['-db', '-f', join(dir, 'haproxy.cfg')]));
    await until('a synchronous standby', async () => (await restStatus(nodes[1].restPort, '/sync')) === 200, timeoutMs, diagnosis);
    return {
      url: `postgres://postgres@127.0.0.1:${haproxyPort}/postgres`,
      nodes,
      async leader() {
        for (const n of nodes) if ((await restStatus(n.restPort, '/primary')) === 200) return n;
        return null;
      },
      list: () => listCluster(nodes),
      lose,
      diagnosis,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** The members, roles and states, from the REST `/cluster` of the first node that answers. */
async function listCluster(nodes: PatroniNode[]): Promise<string> {
  for (const n of nodes) {
    const res = await fetch(`http://127.0.0.1:${n.restPort}/cluster`, { signal: AbortSignal.timeout(2_000) }).catch(() => null);
    if (res?.ok) {
      const { members } = (await res.json()) as { members: { name: string; role: string; state: string; lag?: number }[] };
      return members.map((m) => `${m.name} ${m.role} ${m.state}${m.lag === undefined ? '' : ` lag ${m.lag}`}`).join('; ');
    }
  }
  return 'no node answers';
}
