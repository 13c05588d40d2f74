import { Readable } from 'node:stream';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test-support/database.js';
import { userCreate, type CliIo } from './account.cli.js';
import { passwordProblems } from './password-policy.js';
import { signIn } from './sign-in.js';
import { fakeAuth } from './test-support.js';
import { TODAY_SQL } from '../../domain/dates.js';

describe('account/cli: pnpm user:create', () => {
  let db: TestDatabase;
  let pool: pg.Pool;
  let opened = 0;
  beforeAll(async () => {
    db = await createTestDatabase();
    pool = new pg.Pool({ connectionString: db.url, max: 2 });
  });
  afterAll(async () => {
    await pool.end();
    await db.drop();
  });

  const opener = async () => {
    opened++;
    const p = new pg.Pool({ connectionString: db.url, max: 1 });
    return { pool: p, close: () => p.end() };
  };

  /** Runs the command with `stdin` piped in; its exit code and what it printed. */
  async function run(argv: string[], stdin = '', tty = false) {
    const out: string[] = [];
    const err: string[] = [];
    const input = Object.assign(Readable.from([stdin]), { isTTY: tty });
    const io: CliIo = { stdin: input, out: (l) => out.push(l), err: (l) => err.push(l) };
    const code = await userCreate(argv, io, opener);
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  const accounts = async () =>
    (await pool.query(`select username, role, must_change_password, display_name from account order by id`)).rows;

  it('should create an admin with a one-time password it prints once, which signs in and must be changed', async () => {
    const r = await run(['--', '--role', 'ADMIN', '--username', 'ops.admin', '--display-name', '信息科管理员']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/created the admin account "ops\.admin" \(row \d+\); its password must be changed at the first sign-in/);
    const password = /one-time password \(shown only now\):\n {2}(\S+)$/.exec(r.out)![1];
    expect(password).toHaveLength(20);
    expect(passwordProblems(password, 'ops.admin')).toEqual([]);
    expect(await accounts()).toEqual([{ username: 'ops.admin', role: 'admin', must_change_password: true, display_name: '信息科管理员' }]);
    const { rows } = await pool.query(`select password_hash from account where username = 'ops.admin'`);
    expect(rows[0].password_hash).toMatch(/^\$argon2id\$/);
    expect(rows[0].password_hash).not.toContain(password);
    const me = await signIn(pool, fakeAuth('10.2.0.1'), 'OPS.ADMIN', password);
    expect(me).toMatchObject({ username: 'ops.admin', role: 'admin', mustChangePassword: true });
  });

  it('should read the password from a pipe with --password-stdin, print none, and hold it to the policy', async () => {
    const weak = await run(['--role', 'analyst', '--username', 'tongji', '--scope', 'all', '--password-stdin'], 'tongji2026\n');
    expect(weak.code).toBe(1);
    expect(weak.err).toMatch(
      /not created:\n {2}password: a password needs three of.*\n {2}password: a password may not contain the username/,
    );
    const ok = await run(['--role', 'analyst', '--username', 'tongji', '--scope', 'all', '--password-stdin'], 'Shuju-Fenxi-2026\n');
    expect(ok.code, ok.err).toBe(0);
    expect(ok.out).not.toMatch(/Shuju|one-time/);
    expect((await signIn(pool, fakeAuth('10.2.0.2'), 'tongji', 'Shuju-Fenxi-2026')).mustChangePassword).toBe(true);
  });

  it('should refuse a username taken in another case, and a malformed one', async () => {
    const taken = await run(['--role', 'secretary', '--username', 'Ops.Admin', '--scope', 'all']);
    expect(taken.code).toBe(1);
    expect(taken.err).toMatch(/username: the username Ops\.Admin is taken \(in any case\)/);
    const bad = await run(['--role', 'secretary', '--username', "x' or '1'='1", '--scope', 'all']);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/username: a username is 2–64 letters, digits or \. _ @ -/);
    expect((await accounts()).map((a) => a.username)).toEqual(['ops.admin', 'tongji']);
  });

  it('should give an account the organisations named by --scope (code or id, or all), and refuse an unknown one', async () => {
    const { rows } = await pool.query<{ id: number }>(
      `insert into organization (name, code, kind, category, created_at, updated_at) values ('内科第一党支部', 'NK01', 'branch', 'clinical', now(), now()) returning id`,
    );
    const branch = rows[0].id;
    const made = await run(['--role', 'secretary', '--username', 'nk.shuji', '--scope', 'NK01', '--scope', String(branch)]);
    expect(made.code, made.err).toBe(0);
    const scope = await pool.query(
      `select organization_id, starts_on = ${TODAY_SQL} as today, ends_on from account_scope s join account a on a.id = s.account_id where a.username = 'nk.shuji'`,
    );
    expect(scope.rows).toEqual([{ organization_id: branch, today: true, ends_on: null }]);
    const unknown = await run(['--role', 'secretary', '--username', 'wk.shuji', '--scope', 'WK99']);
    expect(unknown).toMatchObject({ code: 1, err: expect.stringMatching(/no organisation has the code or id "WK99"/) });
    expect((await accounts()).map((a) => a.username)).not.toContain('wk.shuji');
  });

  it('should refuse bad arguments, and a password typed on a terminal, before opening the database', async () => {
    const before = opened;
    for (const [argv, message] of [
      [['--username', 'x1'], /--role must be one of committee, secretary, analyst, admin/],
      [['--role', 'root', '--username', 'x1'], /--role must be one of/],
      [['--role', 'admin'], /--username is required/],
      [['--role', 'admin', '--username', 'x1', '--colour'], /Unknown option '--colour'/],
      [['--role', 'secretary', '--username', 'x1'], /a secretary needs --scope/],
      [['--role', 'admin', '--username', 'x1', '--scope', 'all'], /an admin reaches no data: no --scope/],
    ] as const) {
      const r = await run([...argv]);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(message);
      expect(r.err).toMatch(/usage: pnpm user:create/);
    }
    const typed = await run(['--role', 'admin', '--username', 'x1', '--password-stdin'], '', true);
    expect(typed).toMatchObject({ code: 2 });
    expect(typed.err).toMatch(/reads a piped password/);
    expect(opened).toBe(before);
  });
});
