/**
 * The hub as a user runs it: `node dist/main.js` of the built server (what `pnpm start` runs after
 * `pnpm build`), as a child process with its own environment, talked to over HTTP only.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';

const serverDir = dirname(createRequire(import.meta.url).resolve('@party-hub/server/package.json'));
export const mainJs = join(serverDir, 'dist', 'main.js');

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

export interface HubProcess {
  child: ChildProcess;
  url: string;
  output: () => string;
  /** Seconds from spawn until /healthz answered 200. */
  healthyAfter: number;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export async function startHub(env: Record<string, string | undefined>, timeoutMs = 240_000): Promise<HubProcess> {
  if (!existsSync(mainJs)) throw new Error(`${mainJs} is missing: run \`pnpm build\` first (the root \`pnpm test\` does)`);
  const port = Number(env.PORT ?? (await freePort()));
  const childEnv: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', HOST: '127.0.0.1', PORT: String(port) };
  delete childEnv.DATABASE_URL;
  for (const [k, v] of Object.entries(env))
    if (v === undefined) delete childEnv[k];
    else childEnv[k] = v;
  const started = Date.now();
  const child = spawn(process.execPath, ['--enable-source-maps', mainJs], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (c) => (out += c));
  child.stderr.on('data', (c) => (out += c));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const url = `http://127.0.0.1:${port}`;
  let done = false;
  void exited.then(() => (done = true));
  while (Date.now() - started < timeoutMs) {
    if (done) throw new Error(`the hub exited before it was healthy:\n${out}`);
    const ok = await fetch(`${url}/healthz`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return { child, url, output: () => out, healthyAfter: (Date.now() - started) / 1000, exited };
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`the hub was not healthy within ${timeoutMs / 1000}s:\n${out}`);
}

export async function gql(url: string, query: string, variables?: object): Promise<{ data?: any; errors?: any[] }> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: any; errors?: any[] };
}
