/**
 * The documented HAProxy front (docs/haproxy.cfg, docs/SCALE.md): HAProxy accepts it as written, and, bound to
 * loopback with its servers replaced by a real hub, it finds the hub healthy through /healthz (with the Host
 * the config names) and passes GraphQL through (the hub's own coded answer comes back). .ci/run installs HAProxy (Debian's package).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, repoRoot, startHub, type HubProcess } from './support/hub-process.ts';

const documented = join(repoRoot, 'docs', 'haproxy.cfg');

describe('e2e/the documented HAProxy front', () => {
  let dir: string;
  let dataDir: string;
  let hub: HubProcess;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'party-hub-haproxy-'));
    dataDir = await mkdtemp(join(tmpdir(), 'party-hub-haproxy-data-'));
    hub = await startHub({ HUB_DATA_DIR: dataDir, HUB_SEED: 'off', HUB_HOSTNAMES: 'dangjian.hospital.local' });
  });

  afterAll(async () => {
    hub?.killAll();
    for (const d of [dir, dataDir]) if (d) await rm(d, { recursive: true, force: true });
  });

  it('should be a valid configuration (haproxy -c)', () => {
    const check = spawnSync('haproxy', ['-c', '-f', documented], { encoding: 'utf8' });
    expect(check.error, 'haproxy is not installed (apt-get install haproxy; .ci/run does)').toBeUndefined();
    expect(`${check.stdout}${check.stderr}`).toMatch(/Configuration file is valid/);
    expect(check.status).toBe(0);
  });

  it('should find a hub healthy and pass its GraphQL through', async () => {
    const port = await freePort();
    const hubAddress = new URL(hub.url).host;
    const cfg = (await readFile(documented, 'utf8'))
      .replace(/^ {4}bind :80$/m, `    bind 127.0.0.1:${port}`)
      .replace(/^ {4}server hub1 .*$/m, `    server hub1 ${hubAddress}`)
      .replace(/^ {4}server hub[23] .*\n/gm, '');
    const file = join(dir, 'haproxy.cfg');
    await writeFile(file, cfg);
    const proxy = spawn('haproxy', ['-db', '-f', file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    proxy.stdout.on('data', (c) => (out += c));
    proxy.stderr.on('data', (c) => (out += c));
    try {
      // Up after `rise 2` checks 2 s apart: until then HAProxy answers 503.
      let health: Response | undefined;
      for (let i = 0; i < 60 && health?.status !== 200; i++) {
        await new Promise((r) => setTimeout(r, 500));
        health = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined);
      }
      expect(health?.status, out).toBe(200);
      const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      // The hub's own answer (an empty database without an administrator says so, coded), through HAProxy.
      const body = (await res.json()) as { errors?: { extensions: { reason: string } }[] };
      expect(body.errors?.[0]?.extensions.reason).toBe('auth/no_admin');
    } finally {
      proxy.kill('SIGTERM');
    }
  });
});
