/**
 * Reading the audit log: the grant alone opens it (given and taken by `pnpm user:grant`, any role), never an
 * admin's role; `auditLog` pages newest first and filters; the CSV export streams UTF-8 with a BOM and audits
 * itself; every refusal is audited.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountRole } from '../../domain/enums.js';
import { userGrant } from '../account/account-grant.cli.js';
import { postGraphQL, signedIn, startTestHub, type TestHub } from '../../test-support/hub.js';
import { csvCell } from './export.js';

const LOG = `query($f: AuditFilter, $first: Int, $after: String) { auditLog(filter: $f, first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } nodes { id at actor action entity entityId before after } } }`;
const ext = (res: { errors?: { extensions?: Record<string, any> }[] }) => res.errors?.[0]?.extensions ?? null;

describe('audit/reading', () => {
  let hub: TestHub;
  let pool: pg.Pool;
  let reader: string;
  let plainAdmin: string;
  const grant = async (argv: string[]) => {
    const out: string[] = [];
    const code = await userGrant(argv, { stdin: process.stdin, out: (l) => out.push(l), err: (l) => out.push(l) }, async () => {
      const p = new pg.Pool({ connectionString: hub.db.url, max: 1 });
      return { pool: p, close: () => p.end() };
    });
    return { code, out: out.join('\n') };
  };
  const csv = (cookie: string | null, query = '') => fetch(`${hub.url}/admin/audit.csv${query}`, { headers: cookie ? { cookie } : {} });
  const refusals = async (actor: string) =>
    (await pool.query(`select after from audit_log where actor = $1 and action = 'access.read_refused' order by id`, [actor])).rows;

  beforeAll(async () => {
    hub = await startTestHub();
    pool = new pg.Pool({ connectionString: hub.db.url, max: 2 });
    reader = await signedIn(hub.url, hub.db.url, 'shenji', AccountRole.ANALYST);
    plainAdmin = (await hub.as(AccountRole.ADMIN)).cookie;
    expect(await grant(['--audit', 'SHENJI'])).toEqual({ code: 0, out: 'gave the audit grant to "shenji"' });
    // Rows to read: sign-in events of the accounts above, and three of our own, one with Chinese and a formula.
    for (const [actor, action] of [
      ['王书记', 'test.one'],
      ['李委员', 'test.two'],
      ['=cmd|x', 'test.three'],
    ])
      await pool.query(`insert into audit_log (actor, action, entity, after) values ($1, $2, 'test', $3)`, [
        actor,
        action,
        JSON.stringify({ 支部: '心内' }),
      ]);
  });
  afterAll(async () => {
    await pool.end();
    await hub.close();
  });

  it('should give and take the grant from the command line only, audited, the open session reading it at once', async () => {
    expect((await postGraphQL(hub.url, reader, '{ me { auditReader } }')).data).toEqual({ me: { auditReader: true } });
    expect(await grant(['--audit', 'nobody.here'])).toMatchObject({ code: 1 });
    expect(await grant(['--revoke'])).toMatchObject({ code: 2 });
    expect(await grant(['--audit', 'shenji', '--revoke'])).toEqual({ code: 0, out: 'took the audit grant from "shenji"' });
    await expect
      .poll(async () => (await postGraphQL(hub.url, reader, '{ me { auditReader } }')).data, { timeout: 1000 })
      .toEqual({ me: { auditReader: false } });
    expect(await grant(['--audit', 'shenji'])).toMatchObject({ code: 0 });
    const { rows } = await pool.query(`select actor, action from audit_log where action like 'account.audit_%' order by id`);
    expect(rows.map((r) => r.action)).toEqual(['account.audit_grant', 'account.audit_revoke', 'account.audit_grant']);
    // No GraphQL operation gives it: the schema has none.
    const schema = await postGraphQL(hub.url, plainAdmin, '{ __type(name: "Mutation") { fields { name } } }');
    expect(JSON.stringify(schema)).not.toMatch(/grant/i);
  });

  it('should page the log newest first, filtered by actor, action prefix and Beijing days, for the grant’s holder', async () => {
    await expect
      .poll(async () => (await postGraphQL(hub.url, reader, '{ me { auditReader } }')).data!.me.auditReader, { timeout: 1000 })
      .toBe(true);
    const all = await postGraphQL(hub.url, reader, LOG, { first: 2 });
    expect(all.errors).toBeUndefined();
    const ids = all.data!.auditLog.nodes.map((n: { id: string }) => Number(n.id));
    expect(ids[0]).toBeGreaterThan(ids[1]);
    const next = await postGraphQL(hub.url, reader, LOG, { first: 2, after: all.data!.auditLog.pageInfo.endCursor });
    expect(Number(next.data!.auditLog.nodes[0].id)).toBeLessThan(ids[1]);
    const one = await postGraphQL(hub.url, reader, LOG, { f: { actor: '王书记' } });
    expect(one.data!.auditLog).toMatchObject({ totalCount: 1, nodes: [{ action: 'test.one', after: '{"支部": "心内"}' }] });
    const prefix = await postGraphQL(hub.url, reader, LOG, { f: { actionPrefix: 'test.t' } });
    expect(prefix.data!.auditLog.nodes.map((n: { action: string }) => n.action)).toEqual(['test.three', 'test.two']);
    const wildcard = await postGraphQL(hub.url, reader, LOG, { f: { actionPrefix: 'test_' } });
    expect(wildcard.data!.auditLog.totalCount).toBe(0); // _ is a character, not a wildcard
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const days = await postGraphQL(hub.url, reader, LOG, { f: { from: today, to: today, actionPrefix: 'test.' } });
    expect(days.data!.auditLog.totalCount).toBe(3);
    const past = await postGraphQL(hub.url, reader, LOG, { f: { from: '2020-01-01', to: '2020-12-31' } });
    expect(past.data!.auditLog.totalCount).toBe(0);
  });

  it('should refuse bad filters and pages with their field paths', async () => {
    for (const [variables, field] of [
      [{ f: { from: '2026-02-01', to: '2026-01-01' } }, 'auditLog.filter.to'],
      [{ f: { actor: 'x'.repeat(101) } }, 'auditLog.filter.actor'],
      [{ f: { actionPrefix: 'a\u0000' } }, 'auditLog.filter.actionPrefix'],
      [{ first: 500 }, 'auditLog.first'],
      [{ after: "1' or 1=1" }, 'auditLog.after'],
    ] as const) {
      const res = await postGraphQL(hub.url, reader, LOG, variables);
      expect(ext(res), JSON.stringify(variables)).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
  });

  it('should refuse the log to every account without the grant, the admin included, and audit each refusal', async () => {
    for (const role of [AccountRole.ADMIN, AccountRole.COMMITTEE, AccountRole.SECRETARY, AccountRole.ANALYST]) {
      const { cookie } = await hub.as(role);
      const res = await postGraphQL(hub.url, cookie, LOG, {});
      expect(ext(res), role).toMatchObject({ code: 'FORBIDDEN', reason: 'auth/forbidden' });
      expect(res.data?.auditLog ?? null).toBeNull();
      expect(await refusals(`test-${role}`), role).toContainEqual({
        after: expect.objectContaining({ refusals: [expect.objectContaining({ reason: 'auth/forbidden' })] }),
      });
    }
    expect(ext(await postGraphQL(hub.url, null, LOG, {}))?.reason).toBe('auth/required');
  });

  it('should export the filtered log as CSV (BOM, UTF-8, streamed) and audit the export with its filter and row count', async () => {
    const res = await csv(reader, '?actionPrefix=test.');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="audit-\d{4}-\d{2}-\d{2}\.csv"$/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(Array.from(bytes.slice(0, 3))).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.slice(3)).split('\r\n');
    expect(lines[0]).toBe('id,at,actor,action,entity,entity_id,before,after');
    expect(lines.slice(1, 4).map((l) => l.split(',').slice(2, 4).join(','))).toEqual([
      "'=cmd|x,test.three",
      '李委员,test.two',
      '王书记,test.one',
    ]);
    expect(lines[3]).toContain('"{""支部"": ""心内""}"');
    expect(lines.slice(4)).toEqual(['']);
    const { rows } = await pool.query(`select actor, after from audit_log where action = 'audit.exported' order by id desc limit 1`);
    expect(rows[0]).toMatchObject({
      actor: 'shenji',
      after: { rows: 3, filter: { from: null, to: null, actor: null, actionPrefix: 'test.' } },
    });
  });

  it('should export more rows than a batch holds, every one once', async () => {
    await pool.query(`insert into audit_log (actor, action, entity) select 'bulk', 'bulk.row', 'test' from generate_series(1, 2500)`);
    const text = await (await csv(reader, '?actionPrefix=bulk.')).text();
    const ids = text
      .trim()
      .split('\r\n')
      .slice(1)
      .map((l) => l.split(',')[0]);
    expect(ids).toHaveLength(2500);
    expect(new Set(ids).size).toBe(2500);
  });

  it('should refuse the export without the grant (403, audited), without a session (401), and a bad filter (400)', async () => {
    const refused = await csv(plainAdmin);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as any).errors[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'auth/forbidden' });
    expect(await refusals('test-admin')).toContainEqual({
      after: expect.objectContaining({ path: '/admin/audit.csv', reason: 'auth/forbidden' }),
    });
    expect((await csv(null)).status).toBe(401);
    const nul = await csv(reader, '?actor=%00');
    expect(nul.status).toBe(400);
    expect(((await nul.json()) as any).errors[0].extensions).toMatchObject({ reason: 'input/invalid_character', field: 'query.actor' });
    const bad = await csv(reader, '?from=2026-13-01');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as any).errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'query.from' });
  });

  it('should make a cell that a spreadsheet would run as a formula plain text', () => {
    expect(['=1+1', '+1', '-1', '@SUM(A1)', 'a,b', 'say "hi"', '中文', null].map(csvCell)).toEqual([
      "'=1+1",
      "'+1",
      "'-1",
      "'@SUM(A1)",
      '"a,b"',
      '"say ""hi"""',
      '中文',
      '',
    ]);
  });
});
