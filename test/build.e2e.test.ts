/**
 * `pnpm build` (which `pnpm start` runs first) builds only what changed. The builds run in a copy of the
 * checkout with its own `pnpm install` (from the local store, ~1 s): editing sources in the real checkout
 * would rebuild the dist that the other end-to-end tests run at the same time, and a test that died
 * half-way would leave the checkout dirty. (The copy's node_modules cannot be symlinks to the real ones:
 * pnpm 12 installs before it runs a script and would rewrite the real links to point into the copy.)
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { appendFile, copyFile, cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, repoRoot } from './support/hub-process.js';

const UNCOPIED = new Set(['node_modules', 'dist', 'dist-e2e', '.wireit']);

async function copyCheckout(): Promise<string> {
  const copy = await mkdtemp(join(tmpdir(), 'party-hub-build-'));
  for (const file of ['package.json', 'pnpm-workspace.yaml', 'pnpm-lock.yaml', 'tsconfig.base.json', '.npmrc'])
    await copyFile(join(repoRoot, file), join(copy, file));
  await cp(join(repoRoot, 'packages'), join(copy, 'packages'), { recursive: true, filter: (src) => !UNCOPIED.has(basename(src)) });
  // pnpm-workspace.yaml's patchedDependencies name these (pnpm install fails without them).
  await cp(join(repoRoot, 'patches'), join(copy, 'patches'), { recursive: true });
  // The lockfile names the e2e package too; its sources are not needed.
  await mkdir(join(copy, 'test'));
  await copyFile(join(repoRoot, 'test', 'package.json'), join(copy, 'test', 'package.json'));
  return copy;
}

function pnpm(cwd: string, args: string[]): Promise<{ seconds: number; out: string }> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn('pnpm', args, { cwd, env: cleanEnv({}), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (out += c));
    child.on('exit', (code) =>
      code === 0
        ? resolve({ seconds: (Date.now() - started) / 1000, out })
        : reject(new Error(`pnpm ${args.join(' ')}: exit ${code}\n${out}`)),
    );
  });
}

/** Every file under a dist directory with its modification time: equal snapshots mean nothing was written. */
function snapshot(dir: string): Record<string, number> {
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => statSync(join(dir, f)).isFile());
  return Object.fromEntries(files.map((f) => [f, statSync(join(dir, f)).mtimeMs]));
}

describe('e2e/incremental build', () => {
  let copy: string;
  let serverDist: string;
  let dashboardDist: string;
  const build = () => pnpm(copy, ['build']);

  beforeAll(async () => {
    copy = await copyCheckout();
    serverDist = join(copy, 'packages/server/dist');
    dashboardDist = join(copy, 'packages/dashboard/dist');
    await pnpm(copy, ['install', '--frozen-lockfile', '--prefer-offline']);
  });
  afterAll(() => (copy ? rm(copy, { recursive: true, force: true }) : undefined));

  it('should build a fresh checkout, then write nothing when nothing changed', async () => {
    await build();
    expect(existsSync(join(serverDist, 'main.js'))).toBe(true);
    expect(readFileSync(join(dashboardDist, 'index.html'), 'utf8')).toMatch(/<div id="app">/);
    // What `pnpm start` builds is what it serves: not the browser tests' build of the dashboard (`pnpm build:test`).
    expect(existsSync(join(copy, 'packages/dashboard/dist-e2e'))).toBe(false);
    const server = snapshot(serverDist);
    const dashboard = snapshot(dashboardDist);
    const again = await build();
    console.log(`pnpm build with nothing changed: ${again.seconds.toFixed(2)} s`);
    expect(snapshot(serverDist)).toEqual(server);
    expect(snapshot(dashboardDist)).toEqual(dashboard);
  });

  it('should rebuild the server incrementally, and not the dashboard, when a server source changes or is added', async () => {
    const dashboard = snapshot(dashboardDist);
    const server = snapshot(serverDist);
    await appendFile(join(copy, 'packages/server/src/config.ts'), `\nexport const buildProbe = 'changed-source';\n`);
    await writeFile(join(copy, 'packages/server/src/build-probe.ts'), `export const probe = 'new-source';\n`);
    await build();
    expect(readFileSync(join(serverDist, 'config.js'), 'utf8')).toContain('changed-source');
    expect(readFileSync(join(serverDist, 'build-probe.js'), 'utf8')).toContain('new-source');
    expect(snapshot(dashboardDist)).toEqual(dashboard);
    // Incremental: the outputs of the sources that did not change were not written again.
    const after = snapshot(serverDist);
    const rewritten = Object.keys(server).filter((f) => after[f] !== server[f]);
    expect(rewritten.sort()).toEqual(['.tsbuildinfo', 'config.js', 'config.js.map']);
  });

  it('should rebuild the dashboard, and not the server, when its page or the shared schema package changes', async () => {
    const server = snapshot(serverDist);
    const page = join(copy, 'packages/dashboard/index.html');
    await writeFile(page, (await readFile(page, 'utf8')).replace('<title>', '<title>probe '));
    await build();
    expect(readFileSync(join(dashboardDist, 'index.html'), 'utf8')).toContain('<title>probe ');

    const dashboard = snapshot(dashboardDist);
    await appendFile(join(copy, 'packages/schema/schema.graphql'), '\n# probe\n');
    await build();
    expect(snapshot(dashboardDist)).not.toEqual(dashboard);
    expect(snapshot(serverDist)).toEqual(server);
  });

  it('should leave no output of a deleted source behind (a stale .js would still run, e.g. as a CLI)', async () => {
    await rm(join(copy, 'packages/server/src/build-probe.ts'));
    await build();
    expect(existsSync(join(serverDist, 'build-probe.js'))).toBe(false);
    expect(existsSync(join(serverDist, 'main.js'))).toBe(true);
    expect(readFileSync(join(serverDist, 'config.js'), 'utf8')).toContain('changed-source');
  });
});
