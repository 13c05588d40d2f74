/** Starts PostGraphile (bench/postgraphile.ts) on a free port against a database, for the side-by-side benchmarks. */
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../support/hub-process.ts';

export async function startPostGraphile(url: string): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const script = join(dirname(fileURLToPath(import.meta.url)), 'postgraphile.ts');
  const child = spawn(process.execPath, [script, url, String(port)], {
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (c: Buffer) => c.toString().includes('ready') && resolve());
    child.on('exit', (code) => reject(new Error(`PostGraphile exited (${code})`)));
  });
  return { url: `http://127.0.0.1:${port}`, child };
}
