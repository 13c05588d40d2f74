import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test-support/database.js';
import { isRetryable, isUnavailable } from './failures.js';

/** An error as node-postgres makes it from a server's ErrorResponse: its SQLSTATE in `code`. */
const pgError = (code: string, message: string) => Object.assign(new pg.DatabaseError(message, 0, 'error'), { code });
/** An error as Node's net module makes it: its errno name in `code`. */
const netError = (code: string) => Object.assign(new Error(`connect ${code} 10.0.0.1:5432`), { code, errno: -1, syscall: 'connect' });

describe('db/failures: what an outage looks like (each answers db/unavailable, 503, never INTERNAL)', () => {
  let db: TestDatabase;
  let admin: pg.Client;

  beforeAll(async () => {
    db = await createTestDatabase({ migrated: false });
    admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
  });
  afterAll(async () => {
    await admin.end();
    await db.drop();
  });

  /** A client of its own whose backend `admin` terminates (pg_terminate_backend: 57P01, as a fast shutdown sends). */
  async function terminated(): Promise<{ during: unknown; after: unknown }> {
    const client = new pg.Client({ connectionString: db.url });
    client.on('error', () => undefined);
    await client.connect();
    const { rows } = await client.query<{ pid: number }>('select pg_backend_pid() as pid');
    const during = client.query('select pg_sleep(30)').catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 200));
    await admin.query('select pg_terminate_backend($1)', [rows[0].pid]);
    const first = await during;
    const after = await client.query('select 1').catch((e: unknown) => e);
    await client.end().catch(() => undefined);
    return { during: first, after };
  }

  it('57P01 admin_shutdown (a backend terminated: a fast shutdown, Patroni demoting), from a real server', async () => {
    const { during } = await terminated();
    expect(during).toMatchObject({ code: '57P01' });
    expect(isUnavailable(during)).toBe(true);
  });

  it('"Client was closed and is not queryable" / a connection lost, from a real client after its backend died', async () => {
    const { after } = await terminated();
    expect((after as Error).message).toMatch(/not queryable|Connection terminated/i);
    expect(isUnavailable(after)).toBe(true);
  });

  it('25006 read_only_sql_transaction (a write reaching a server that is not the primary), from a real server', async () => {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      // What a standby, or a primary being demoted (default_transaction_read_only), answers to a write.
      await client.query('set default_transaction_read_only = on');
      const err = await client.query('create temporary table t (x int)').catch((e: unknown) => e);
      expect(err).toMatchObject({ code: '25006' });
      expect(isUnavailable(err)).toBe(true);
    } finally {
      await client.end();
    }
  });

  it('57P03 cannot_connect_now (starting up, in recovery: a running server cannot be made to answer it, so its shape)', () => {
    expect(isUnavailable(pgError('57P03', 'the database system is starting up'))).toBe(true);
    expect(isUnavailable(pgError('57P03', 'the database system is not yet accepting connections'))).toBe(true);
  });

  it.each([
    ['57P02 crash_shutdown', pgError('57P02', 'terminating connection because of crash of another server process')],
    ['57P05 idle_session_timeout', pgError('57P05', 'terminating connection due to idle-session timeout')],
    ['08006 connection_failure', pgError('08006', 'connection failure')],
    ['08P01 (pgbouncer: query_wait_timeout)', pgError('08P01', 'query_wait_timeout')],
    ['53300 too_many_connections', pgError('53300', 'sorry, too many clients already')],
    ['ECONNRESET', netError('ECONNRESET')],
    ['ECONNREFUSED', netError('ECONNREFUSED')],
    ['ENETUNREACH', netError('ENETUNREACH')],
    ['Connection terminated unexpectedly', new Error('Connection terminated unexpectedly')],
    [
      'Connection terminated due to connection timeout',
      new Error('Connection terminated due to connection timeout', { cause: new Error('x') }),
    ],
    ['a pool connect timeout', new Error('timeout exceeded when trying to connect')],
    ['server closed the connection unexpectedly', new Error('server closed the connection unexpectedly')],
    ['an AggregateError of refused addresses', new AggregateError([netError('ECONNREFUSED'), netError('ECONNREFUSED')], '')],
    ['a wrapped cause (MikroORM, kysely)', new Error('insert failed', { cause: netError('ECONNRESET') })],
  ])('%s', (_name, err) => {
    expect(isUnavailable(err)).toBe(true);
  });

  it.each([
    ['23505 unique_violation', pgError('23505', 'duplicate key value violates unique constraint')],
    [
      '57014 query_canceled (a statement timeout: the request, not the server)',
      pgError('57014', 'canceling statement due to statement timeout'),
    ],
    ['42P01 undefined_table', pgError('42P01', 'relation "x" does not exist')],
    ['a plain error', new Error('boom')],
  ])('not an outage: %s', (_name, err) => {
    expect(isUnavailable(err)).toBe(false);
  });

  it('deadlocks and serialization failures are retried, not unavailable', () => {
    expect(isRetryable(pgError('40P01', 'deadlock detected'))).toBe(true);
    expect(isRetryable(pgError('40001', 'could not serialize access'))).toBe(true);
    expect(isUnavailable(pgError('40P01', 'deadlock detected'))).toBe(false);
  });
});
