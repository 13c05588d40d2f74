import express from 'express';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacheFor, serveDashboard } from './dashboard.js';

const JS = `console.log(${JSON.stringify('党建'.repeat(2000))});`;

describe('http/dashboard', () => {
  let dir: string;
  let url: string;
  let close: () => void;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hub-dashboard-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>党建数据枢纽</title>');
    writeFileSync(join(dir, 'assets', 'index-AbC123.js'), JS);
    writeFileSync(join(dir, 'assets', 'index-AbC123.js.br'), brotliCompressSync(JS));
    writeFileSync(join(dir, 'assets', 'index-AbC123.js.gz'), gzipSync(JS));
    const app = express();
    serveDashboard(app, dir);
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => server.close();
  });
  afterAll(() => {
    close();
    rmSync(dir, { recursive: true, force: true });
  });

  // fetch decodes br and gzip itself: the headers say what went over the wire.
  const get = (path: string, acceptEncoding?: string) =>
    fetch(`${url}${path}`, { headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : { 'accept-encoding': 'identity' } });

  it('should send an asset compressed at build, brotli first, gzip for a browser without it, plain to one that asks none', async () => {
    const br = await get('/assets/index-AbC123.js', 'gzip, deflate, br');
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('vary')).toMatch(/accept-encoding/i);
    expect(br.headers.get('content-type')).toMatch(/javascript/);
    const brBody = Buffer.from(await br.arrayBuffer());
    // undici decodes br for us; either way what arrives is the file, far smaller on the wire.
    expect(brBody.toString() === JS || brotliDecompressSync(brBody).toString() === JS).toBe(true);

    const gz = await get('/assets/index-AbC123.js', 'gzip');
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    const gzBody = Buffer.from(await gz.arrayBuffer());
    expect(gzBody.toString() === JS || gunzipSync(gzBody).toString() === JS).toBe(true);

    const plain = await get('/assets/index-AbC123.js');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe(JS);
  });

  it('should keep hashed assets for a year and have index.html asked again on every load', async () => {
    expect((await get('/assets/index-AbC123.js', 'br')).headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await get('/', 'br')).headers.get('cache-control')).toBe('no-cache');
    // A client-side route falls back to index.html, revalidated too.
    const route = await get('/indicators/general_meeting_rate?month=2026-11');
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('党建数据枢纽');
    expect(route.headers.get('cache-control')).toBe('no-cache');
    // An asset that is not there is a 404, never index.html served as JavaScript.
    expect((await get('/assets/index-Gone999.js', 'br')).status).toBe(404);
    // Nothing outside the dashboard's directory, however the path is spelt.
    for (const path of ['/assets/../../etc/passwd', '/assets/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2fetc/passwd']) {
      expect(await (await get(path)).text(), path).not.toContain('root:');
    }
  });

  it('should judge "assets" below the dashboard, not in the path above it', () => {
    expect(cacheFor('/srv/assets/hub/dist', '/srv/assets/hub/dist/index.html')).toBe('no-cache');
    expect(cacheFor('/srv/hub/dist', '/srv/hub/dist/assets/a-1.js.br')).toBe('public, max-age=31536000, immutable');
  });
});
