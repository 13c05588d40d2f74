import { Readable } from 'node:stream';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test-support/database.js';
import type { CliIo } from '../account.cli.js';
import { openSession } from '../sessions.js';
import { makeAccount } from '../test-support.js';
import { DEFAULT_AUTH } from '../../../config.js';
import { userLink } from './link.cli.js';

describe('account/sso/cli: pnpm user:link', () => {
  let db: TestDatabase;
  let pool: pg.Pool;
  let zhang: number;
  beforeAll(async () => {
    db = await createTestDatabase();
    pool = new pg.Pool({ connectionString: db.url, max: 2 });
    zhang = await makeAccount(pool, 'Zhang.Wei');
    await makeAccount(pool, 'li.na');
  });
  afterAll(async () => {
    await pool.end();
    await db.drop();
  });

  async function run(...argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIo = { stdin: Readable.from(['']), out: (l) => out.push(l), err: (l) => err.push(l) };
    const code = await userLink(argv, io, async () => {
      const p = new pg.Pool({ connectionString: db.url, max: 1 });
      return { pool: p, close: () => p.end() };
    });
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  const links = async () =>
    (await pool.query(`select provider, subject, account_id from account_identity order by provider, subject`)).rows;

  it('should link an identity to an account named in any case, audited as the CLI', async () => {
    const r = await run('--', 'zhang.wei', '--provider', 'OIDC', '--subject', 'f81d4fae-7dec-11d0');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/linked oidc subject "f81d4fae-7dec-11d0" to "Zhang.Wei"/);
    expect(await links()).toEqual([{ provider: 'oidc', subject: 'f81d4fae-7dec-11d0', account_id: zhang }]);
    const { rows } = await pool.query(`select actor, entity_id, after from audit_log where action = 'account.identity_link'`);
    expect(rows).toEqual([{ actor: 'cli:user:link', entity_id: zhang, after: { provider: 'oidc', subject: 'f81d4fae-7dec-11d0' } }]);
    expect((await run('Zhang.Wei', '--provider', 'oidc', '--subject', 'f81d4fae-7dec-11d0')).code).toBe(0); // again: nothing new
    expect(await links()).toHaveLength(1);
  });

  it('should refuse a subject already linked to another account, an unknown account, and bad arguments', async () => {
    const taken = await run('li.na', '--provider', 'oidc', '--subject', 'f81d4fae-7dec-11d0');
    expect(taken).toMatchObject({ code: 1, err: expect.stringMatching(/already linked to "Zhang.Wei": unlink it there first/) });
    expect((await run('nobody', '--provider', 'cas', '--subject', 'x')).err).toMatch(/no account is named "nobody"/);
    expect((await run('li.na', '--provider', 'saml', '--subject', 'x')).code).toBe(2);
    expect((await run('li.na', '--provider', 'cas')).err).toMatch(/--subject is required/);
    expect((await run('li.na', '--provider', 'cas', '--subject', 'a\u0000b')).code).toBe(2);
    expect((await run('--provider', 'cas', '--subject', 'x')).code).toBe(2);
    expect(await links()).toHaveLength(1);
  });

  it('should unlink, ending the sessions that provider opened and no others', async () => {
    await run('Zhang.Wei', '--provider', 'cas', '--subject', 'zhangwei');
    const settings = DEFAULT_AUTH.session;
    const client = { address: '127.0.0.1', userAgent: null };
    const viaCas = await openSession(pool, settings, zhang, client, 'cas');
    const local = await openSession(pool, settings, zhang, client);
    const r = await run('Zhang.Wei', '--provider', 'cas', '--unlink');
    expect(r).toMatchObject({ code: 0, out: expect.stringMatching(/unlinked cas "zhangwei" from "Zhang.Wei"/) });
    const { rows } = await pool.query(`select id, revoked_at is not null as ended from account_session order by ended`);
    expect(rows).toEqual([
      { id: local.id, ended: false },
      { id: viaCas.id, ended: true },
    ]);
    expect(await links()).toEqual([{ provider: 'oidc', subject: 'f81d4fae-7dec-11d0', account_id: zhang }]);
    expect((await run('Zhang.Wei', '--provider', 'cas', '--unlink')).code).toBe(1);
    const audit = await pool.query(`select after from audit_log where action = 'account.identity_unlink'`);
    expect(audit.rows).toEqual([{ after: { provider: 'cas', subjects: ['zhangwei'] } }]);
  });
});
