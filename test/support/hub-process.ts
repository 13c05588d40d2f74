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
import WebSocket from 'ws';

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

/**
 * The hubs started here and not yet exited. Each runs in its own process group (detached), so it would outlive a
 * bench or test process that ends on an error (a bench's hub was left serving for minutes): when this process
 * exits, however, each is told to stop (SIGTERM: it stops its embedded PostgreSQL too).
 */
const running = new Set<number>();
process.once('exit', () => {
  for (const pid of running)
    try {
      process.kill(-pid, 'SIGTERM');
    } catch {
      // Gone already.
    }
});

async function launchOnce({ command, args, cwd, env, timeoutMs = 240_000 }: Launch): Promise<HubProcess> {
  const port = Number(env.PORT ?? (await freePort()));
  const childEnv = cleanEnv({ HOST: '127.0.0.1', ...env, PORT: String(port) });
  const started = Date.now();
  // Its own process group, so that a failed test can kill what pnpm started as well.
  const child = spawn(command, args, { cwd, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let out = '';
  child.stdout.on('data', (c) => (out += c));
  child.stderr.on('data', (c) => (out += c));
  running.add(child.pid!);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => {
      running.delete(child.pid!);
      resolve({ code, signal });
    }),
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
    if (ok) {
      const hub = { child, url, output: () => out, healthyAfter: (Date.now() - started) / 1000, exited, killAll };
      await signInCommittee(hub, env.DATABASE_URL).catch((err: unknown) => {
        killAll();
        throw err;
      });
      return hub;
    }
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

/** The committee session of each hub started here, by its URL (`hub_session=…`, for a Cookie header). */
const sessions = new Map<string, string>();
/** Accounts made on a database named by DATABASE_URL, shared by the hubs on it: the committee's session. */
const provisioned = new Map<string, Promise<string>>();

/** The committee session cookie of a hub started here (`hub_session=…`). */
export function sessionCookie(url: string): string {
  const cookie = sessions.get(url);
  if (!cookie) throw new Error(`no session for ${url}: was it started by hub-process.ts?`);
  return cookie;
}

/** Headers of a signed-in GraphQL POST to a hub started here. */
export const signedInHeaders = (url: string): Record<string, string> => ({
  'content-type': 'application/json',
  cookie: sessionCookie(url),
});

/** A WebSocket class for graphql-ws that brings the committee's session cookie to a hub started here, as a browser's upgrade does. */
export function signedInSocket(url: string) {
  const cookie = sessionCookie(url);
  return class SignedInSocket extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { headers: { cookie } });
    }
  };
}

/** Gives a browser context the committee's session on a hub started here (as the demo link would have). */
export async function addSession(
  context: { addCookies(cookies: { name: string; value: string; url: string }[]): Promise<void> },
  url: string,
): Promise<void> {
  const [name, value] = sessionCookie(url).split('=') as [string, string];
  await context.addCookies([{ name, value, url }]);
}

/** The headers of a POST to a server: a hub started here signed in as its committee, any other (a peer) as it is. */
export const postHeaders = (url: string): Record<string, string> => {
  const cookie = sessions.get(url);
  return { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) };
};

/** A one-time demo sign-in link the hub printed at start (embedded demo database), for a role's label. */
export function demoLink(
  hub: Pick<HubProcess, 'output'>,
  role: 'committee' | 'branch secretary' | 'analyst' | 'administrator',
): string | null {
  const links = [...hub.output().matchAll(/ \/ ([a-z ]+): (http:\/\/\S+\/auth\/link\/[A-Za-z0-9_-]{43})/g)];
  return links.findLast((m) => m[1] === role)?.[2] ?? null;
}

/** Opens a one-time link as a browser would: the session cookie it set. */
export async function openLink(link: string): Promise<string> {
  const res = await fetch(link, { redirect: 'manual' });
  const cookie = /hub_session=[A-Za-z0-9_-]{43}/.exec(res.headers.get('set-cookie') ?? '')?.[0];
  if (res.status !== 303 || !cookie) throw new Error(`the sign-in link answered ${res.status}: ${await res.text()}`);
  return cookie;
}

const E2E_PASSWORD = 'Zhibu-E2e-2026!';

/** `pnpm user:create` as an operator runs it (the built CLI, the password piped in). */
async function userCreate(databaseUrl: string, role: string, username: string, scope?: string): Promise<void> {
  const args = ['--role', role, '--username', username, ...(scope ? ['--scope', scope] : []), '--password-stdin'];
  const child = spawn(process.execPath, [join(serverDir, 'dist', 'cli', 'user-create.js'), ...args], {
    env: cleanEnv({ DATABASE_URL: databaseUrl }),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (c) => (out += c));
  child.stderr.on('data', (c) => (out += c));
  child.stdin.end(E2E_PASSWORD);
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0 && !/is taken/.test(out)) throw new Error(`user:create --role ${role} failed (${code}):\n${out}`);
}

/** The e2e committee's sign-in on a hub. */
const signIn = (url: string, password: string) =>
  fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: `mutation { signIn(username: "e2e-committee", password: "${password}") { mustChangePassword } }` }),
  });
const signInCookie = (res: Response) => /hub_session=[A-Za-z0-9_-]{43}/.exec(res.headers.get('set-cookie') ?? '')?.[0];

/**
 * On a database named by DATABASE_URL: an administrator and a committee account made with the CLI, then
 * the committee signed in and its first password changed, as its user would. Once per database.
 */
function provision(url: string, databaseUrl: string): Promise<string> {
  let made = provisioned.get(databaseUrl);
  if (!made) {
    made = (async () => {
      await userCreate(databaseUrl, 'admin', 'e2e-admin');
      await userCreate(databaseUrl, 'committee', 'e2e-committee', 'all');
      let res = await signIn(url, E2E_PASSWORD);
      // Made already through another URL of the same database (a pooler's and the server's): its password was changed.
      if (!res.headers.get('set-cookie')) res = await signIn(url, `${E2E_PASSWORD}x`);
      const cookie = signInCookie(res);
      if (!cookie) throw new Error(`e2e-committee could not sign in: ${await res.text()}`);
      const { mustChangePassword } = ((await res.json()) as { data: { signIn: { mustChangePassword: boolean } } }).data.signIn;
      if (mustChangePassword) {
        const changed = await fetch(`${url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie },
          body: JSON.stringify({
            query: `mutation($o: String!, $n: String!) { changePassword(oldPassword: $o, newPassword: $n) { mustChangePassword } }`,
            variables: { o: E2E_PASSWORD, n: `${E2E_PASSWORD}x` },
          }),
        });
        const body = (await changed.json()) as { errors?: unknown[] };
        if (body.errors) throw new Error(`e2e-committee could not change its password: ${JSON.stringify(body.errors)}`);
      }
      return cookie;
    })();
    provisioned.set(databaseUrl, made);
  }
  return made;
}

/** Signs a hub on a database named by DATABASE_URL in as its committee (accounts made once per database). */
export async function registerSession(url: string, databaseUrl: string): Promise<void> {
  let cookie = await provision(url, databaseUrl);
  // The accounts are made once per database, but their session ends after HUB_SESSION_IDLE (30 min) without a
  // request: a hub started again on the database after a long step (a bench's clone) signs in afresh.
  if (!(await stillSignedIn(url, cookie))) {
    const again = signInCookie(await signIn(url, `${E2E_PASSWORD}x`));
    if (!again) throw new Error('e2e-committee could not sign in again');
    provisioned.set(databaseUrl, Promise.resolve(again));
    cookie = again;
  }
  sessions.set(url, cookie);
}

/** Whether a session cookie is still signed in on a hub (`me` is null once it ended). */
async function stillSignedIn(url: string, cookie: string): Promise<boolean> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ query: '{ me { __typename } }' }),
  });
  return res.status === 200 && ((await res.json()) as { data?: { me: unknown } }).data?.me != null;
}

/** Signs the committee in on a hub just started: by the link it printed, else by accounts made on its DATABASE_URL. */
async function signInCommittee(hub: Pick<HubProcess, 'url' | 'output'>, databaseUrl: string | undefined): Promise<void> {
  const link = demoLink(hub, 'committee');
  if (link) sessions.set(hub.url, await openLink(link));
  else if (databaseUrl) sessions.set(hub.url, await provision(hub.url, databaseUrl));
}

/** A GraphQL POST to a hub started here, as its committee. */
export async function gql(url: string, query: string, variables?: object): Promise<{ data?: any; errors?: any[] }> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: signedInHeaders(url),
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
