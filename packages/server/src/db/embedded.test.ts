import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test-support/database.js';

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
