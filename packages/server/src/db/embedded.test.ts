import { chmod, cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test-support/database.js';
import { EmbeddedPostgresError, packagedBinaries, startEmbedded, type EmbeddedDatabase } from './embedded.js';

describe('db/encoding', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it('should count Chinese characters, not bytes (the cluster is UTF8)', async () => {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const { rows } = await client.query(`select length('党建业务融合') as n, current_setting('server_encoding') as enc`);
    await client.end();
    expect(rows[0]).toEqual({ n: 6, enc: 'UTF8' });
  });
});

describe('db/embedded', () => {
  it('should leave exit handling to the hub (no exit hook that turns a failed run into exit 0)', async () => {
    await import('./embedded.js');
    const exitHook = (await import('async-exit-hook')).default;
    expect(exitHook.hookedEvents()).toEqual([]);
    expect(process.listeners('beforeExit').map(String).join('\n')).not.toMatch(/eventFilters/);
  });
});

describe('db/embedded: starts wherever the checkout lives, fails in one line', () => {
  const asRoot = process.getuid?.() === 0;
  let scratch: string;
  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'party-hub-embedded-'));
    await chmod(scratch, 0o755);
  });
  afterAll(() => rm(scratch, { recursive: true, force: true }));

  const oneLine = (err: unknown) => {
    expect(err).toBeInstanceOf(EmbeddedPostgresError);
    const message = (err as Error).message;
    expect(message).not.toMatch(/\n/);
    return message;
  };

  it.runIf(asRoot)(
    'should run binaries that live under a 0700 directory (root in /root, a mktemp -d checkout), staged once per version',
    async () => {
      // A checkout private to root, as `git clone … /root/party-hub` or `mktemp -d` makes it.
      const checkout = await mkdtemp(join(tmpdir(), 'party-hub-private-'));
      const stageRoot = join(scratch, 'stage');
      let db: EmbeddedDatabase | undefined;
      try {
        const packaged = await packagedBinaries();
        const dir = join(checkout, 'node_modules', 'native');
        await cp(packaged.dir, dir, { recursive: true, verbatimSymlinks: true });
        const binaries = { dir, version: `test-${process.pid}` };
        db = await startEmbedded({ dataDir: join(scratch, 'data'), binaries, stageRoot, notice: () => undefined });
        expect(db.binDir.startsWith(stageRoot)).toBe(true);
        const client = new pg.Client({ connectionString: db.url });
        await client.connect();
        const { rows } = await client.query(
          `select current_setting('server_encoding') as enc, (select usename from pg_user where usesysid = 10) as owner`,
        );
        await client.end();
        expect(rows[0]).toEqual({ enc: 'UTF8', owner: 'postgres' });
        await db.stop();
        // A restart finds the staged copy and the cluster.
        db = await startEmbedded({ dataDir: join(scratch, 'data'), binaries, stageRoot, notice: () => undefined });
        expect(db.initialised).toBe(false);
      } finally {
        await db?.stop();
        await rm(checkout, { recursive: true, force: true });
      }
    },
    120_000,
  );

  it.runIf(asRoot)('should refuse, in one line, a data directory the postgres user cannot reach', async () => {
    const hidden = await mkdtemp(join(tmpdir(), 'party-hub-hidden-'));
    try {
      const err = await startEmbedded({ dataDir: join(hidden, 'data') }).catch((e: unknown) => e);
      expect(oneLine(err)).toMatch(new RegExp(`inside ${hidden} \\(mode 0700\\).*set HUB_DATA_DIR`));
    } finally {
      await rm(hidden, { recursive: true, force: true });
    }
  });

  it('should report a binary it cannot run in one line, not an unhandled error event', async () => {
    const dir = join(scratch, 'broken');
    await mkdir(join(dir, 'bin'), { recursive: true });
    await writeFile(join(dir, 'bin', 'initdb'), '#!/bin/sh\nexit 0\n', { mode: 0o644 });
    await writeFile(join(dir, 'bin', 'postgres'), '#!/bin/sh\nexit 0\n', { mode: 0o644 });
    const err = await startEmbedded({ dataDir: join(scratch, 'broken-data'), binaries: { dir, version: 'broken' } }).catch(
      (e: unknown) => e,
    );
    expect(oneLine(err)).toMatch(/^cannot run PostgreSQL's initdb \(EACCES: .*\): .*(DATABASE_URL)/);
  });

  it('should say why PostgreSQL stopped before it was ready (its own reason), in one line', async () => {
    const held: Server = createServer();
    await new Promise<void>((r) => held.listen(0, '127.0.0.1', r));
    const port = (held.address() as { port: number }).port;
    try {
      const err = await startEmbedded({ dataDir: join(scratch, 'busy'), port }).catch((e: unknown) => e);
      expect(oneLine(err)).toMatch(/^PostgreSQL's postgres failed \(exit 1\): .*\(the port is in use\)$/);
    } finally {
      held.close();
    }
  }, 120_000);
});
