/**
 * The hub as a user runs it: `pnpm start` in the repository, or `node dist/main.js` of the built server
 * (what `pnpm start` runs after `pnpm build`), as a child process with a clean environment, talked to
 * over HTTP only.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { delimiter, dirname, join, resolve as resolvePath } from 'node:path';

const serverDir = dirname(createRequire(import.meta.url).resolve('@party-hub/server/package.json'));
export const mainJs = join(serverDir, 'dist', 'main.js');
export const repoRoot = resolvePath(serverDir, '..', '..');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/**
 * What a user's shell hands the hub: PATH and HOME, plus what the test sets. Nothing of the test runner's:
 * pnpm's bin shims export NODE_PATH (which once hid an undeclared dependency of the server), npm_* and
 * VITEST* variables, and node_modules/.bin entries on PATH.
 */
export function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const path = (process.env.PATH ?? '')
    .split(delimiter)
    .filter((dir) => dir && !dir.includes('node_modules'))
    .join(delimiter);
  return { PATH: path, HOME: process.env.HOME ?? homedir(), ...extra };
}

export interface HubProcess {
  child: ChildProcess;
  url: string;
  output: () => string;
  /** Seconds from spawn until /healthz answered 200. */
  healthyAfter: number;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILLs the whole process group (pnpm, the hub, its PostgreSQL): cleanup after a failed test. */
  killAll: () => void;
}

interface Launch {
  command: string;
  args: string[];
  cwd?: string;
  env: Record<string, string>;
  timeoutMs?: number;
}

/**
 * Starts a hub and waits until it is healthy. A port found free can be taken before the hub binds it
 * (files run in parallel, and some start and stop hubs): a hub is healthy only when *its own* output says
 * it is ready (another process answering /healthz on the port once passed for it), and a hub that found
 * its port taken is started again on another.
 */
async function launch(l: Launch): Promise<HubProcess> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await launchOnce(l);
    } catch (err) {
      if (!(err instanceof PortTaken) || l.env.PORT || attempt >= 3) throw err;
    }
  }
}

class PortTaken extends Error {}

async function launchOnce({ command, args, cwd, env, timeoutMs = 240_000 }: Launch): Promise<HubProcess> {
  const port = Number(env.PORT ?? (await freePort()));
  const childEnv = cleanEnv({ HOST: '127.0.0.1', ...env, PORT: String(port) });
  const started = Date.now();
  // Its own process group, so that a failed test can kill what pnpm started as well.
  const child = spawn(command, args, { cwd, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let out = '';
  child.stdout.on('data', (c) => (out += c));
  child.stderr.on('data', (c) => (out += c));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const killAll = () => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // The group is gone already.
    }
  };
  const url = `http://127.0.0.1:${port}`;
  let done = false;
  void exited.then(() => (done = true));
  while (Date.now() - started < timeoutMs) {
    if (done) {
      if (out.includes(`port ${port} is in use`)) throw new PortTaken(`port ${port} was taken`);
      throw new Error(`the hub exited before it was healthy:\n${out}`);
    }
    // The hub logs "ready: <its URL>" once it listens: until then whatever answers is someone else.
    const ok =
      out.includes(`ready: ${url}`) &&
      (await fetch(`${url}/healthz`).then(
        (r) => r.status === 200,
        () => false,
      ));
    if (ok) return { child, url, output: () => out, healthyAfter: (Date.now() - started) / 1000, exited, killAll };
    await new Promise((r) => setTimeout(r, 50));
  }
  killAll();
  throw new Error(`the hub was not healthy within ${timeoutMs / 1000}s:\n${out}`);
}

/** `node dist/main.js` of the built server. */
export async function startHub(env: Record<string, string>, timeoutMs?: number): Promise<HubProcess> {
  if (!existsSync(mainJs)) throw new Error(`${mainJs} is missing: run \`pnpm build\` first (the root \`pnpm test\` does)`);
  return launch({
    command: process.execPath,
    args: ['--enable-source-maps', mainJs],
    env: { NODE_ENV: 'production', ...env },
    ...(timeoutMs ? { timeoutMs } : {}),
  });
}

/** `pnpm start` in the repository root, as the README says (nothing else set): pnpm from PATH, its build step included. */
export async function pnpmStart(env: Record<string, string>, timeoutMs?: number): Promise<HubProcess> {
  return launch({ command: 'pnpm', args: ['start'], cwd: repoRoot, env, ...(timeoutMs ? { timeoutMs } : {}) });
}

/**
 * Processes whose command line names this data directory (Linux /proc; elsewhere none are found and the
 * caller's postmaster.pid check stands alone).
 */
export function processesUsing(dataDir: string): string[] {
  if (!existsSync('/proc')) return [];
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
      if (cmd.includes(dataDir)) found.push(`${pid}: ${cmd.trim()}`);
    } catch {
      // The process ended while we looked.
    }
  }
  return found;
}

export async function gql(url: string, query: string, variables?: object): Promise<{ data?: any; errors?: any[] }> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: any; errors?: any[] };
}

/**
 * The URL of a hub's embedded PostgreSQL (its port from the hub's log, the random password from the data
 * directory, readable by this user only), for benchmarks and tests that read the database beside the hub.
 */
export function embeddedDbUrl(hub: HubProcess, dataDir: string, database = 'party_hub'): string {
  const port = /embedded PostgreSQL on port (\d+)/.exec(hub.output())?.[1];
  if (!port) throw new Error(`the hub did not say its PostgreSQL port:\n${hub.output()}`);
  const password = readFileSync(join(dataDir, 'postgres.password'), 'utf8').trim();
  return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}
