/**
 * The members roll's export on the demo hospital (and every other kind's, with a few reported figures added): it imports back unchanged (the same natural keys, values and
 * labels as the template), only the roles that may take personal data get it, each only inside their scope, and
 * every export is audited and names its exporter.
 */
import ExcelJS from 'exceljs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountRole } from '../../domain/enums.js';
import { toGlobalId } from '../../graphql/global-id.js';
import { bearer, makeToken, signedIn, startTestHub, type TestHub } from '../../test-support/hub.js';
import { exportPath, MEMBERS_EXPORT_PATH } from './export.js';
import { exportSpans } from './exporter.js';
import { LIMITS } from './read.js';
import type { ImportKindDef } from './kind.js';
import { KINDS } from './kinds.js';
import { MEMBERS } from './members.columns.js';

const DRY = `mutation($f: String!) { importDryRun(kind: MEMBERS, file: $f) {
  rows create update unchanged problemCount problems { row column reason zh } } }`;

describe('import/members export', () => {
  let hub: TestHub;
  let pool: pg.Pool;

  const take = (cookie: string | null, query = '', headers: Record<string, string> = {}, path = MEMBERS_EXPORT_PATH) =>
    fetch(`${hub.url}${path}${query}`, { headers: { ...(cookie ? { cookie } : {}), ...headers } });
  const workbook = async (res: Response) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    return wb;
  };
  const rowsOf = (wb: ExcelJS.Workbook) => {
    const ws = wb.getWorksheet(MEMBERS.sheet)!;
    const out: string[][] = [];
    ws.eachRow((row) => out.push((row.values as string[]).slice(1).map((v) => String(v ?? ''))));
    return out;
  };

  beforeAll(async () => {
    hub = await startTestHub({ seededTo: '2026-06-30' });
    pool = new pg.Pool({ connectionString: hub.db.url, max: 2 });
  }, 180_000);
  afterAll(async () => {
    await pool.end();
    await hub.close();
  });

  it('should export the whole roll in the template’s layout, and that file should import back with nothing to change', async () => {
    // Staff numbers (工号; three changed by hand, the rest the seed's six digits): exported, and matched back.
    await pool.query(`update member set staff_no = 'E' || id where id in (select id from member order by id limit 3)`);
    const res = await take(hub.cookie);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/members-\d{4}-\d{2}-\d{2}\.xlsx/);
    const buf = Buffer.from(await res.arrayBuffer());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as never);
    const rows = rowsOf(wb);
    const members = Number((await pool.query(`select count(*) as n from member`)).rows[0].n);
    expect(rows.length - 1).toBe(members);
    expect(rows[0]).toEqual(MEMBERS.columns.map((c) => (c.required ? `${c.header}*` : c.header)));
    // Labels, not stored values: a clerk reads 正式党员, and the importer takes it back.
    expect(rows.slice(1).some((r) => r.includes('正式党员'))).toBe(true);
    expect(rows.slice(1).some((r) => r.includes('full_member'))).toBe(false);
    const staff = rows[0].indexOf('工号');
    expect(rows.slice(1).filter((r) => r[staff]!.startsWith('E'))).toHaveLength(3);
    // Six digits, leading zeros kept (a text cell, never a number).
    expect(rows.slice(1).every((r) => /^(E\d+|\d{6})$/.test(r[staff]!))).toBe(true);

    const dry = await hub.gql(DRY, { f: buf.toString('base64') });
    expect(dry.errors, JSON.stringify(dry.errors)).toBeUndefined();
    const r = dry.data!.importDryRun;
    expect(r.problems.slice(0, 5)).toEqual([]);
    expect({ rows: r.rows, create: r.create, update: r.update, unchanged: r.unchanged }).toEqual({
      rows: members,
      create: 0,
      update: 0,
      unchanged: members,
    });
  }, 120_000);

  it('should name the exporter in the file and in the audit log, with the count and no personal value', async () => {
    const before = Number((await pool.query(`select coalesce(max(id), 0) as n from audit_log`)).rows[0].n);
    const wb = await workbook(await take(hub.cookie));
    expect(wb.creator).toBe('test-committee');
    const info = wb.getWorksheet('导出信息')!;
    expect(info.getCell('B1').text).toBe('test-committee');
    const { rows } = await pool.query(`select actor, action, after from audit_log where id > $1 and action = 'members.exported'`, [before]);
    expect(rows).toHaveLength(1);
    expect(rows[0].actor).toBe('test-committee');
    expect(rows[0].after.count).toBe(Number(info.getCell('B4').text));
    expect(rows[0].after.fields).toEqual(expect.arrayContaining(['name', 'idCardNo', 'mobile']));
    const sample = (await pool.query(`select id_card_no, mobile from member limit 1`)).rows[0];
    expect(JSON.stringify(rows[0].after)).not.toContain(sample.id_card_no);
    expect(JSON.stringify(rows[0].after)).not.toContain(sample.mobile);
  });

  it('should give a branch secretary exactly their subtree, and refuse an organisation outside it', async () => {
    const { rows: branches } = await pool.query(
      `select o.id, count(m.id)::int as n from organization o join member m on m.organization_id = o.id
       where o.kind = 'branch' group by o.id order by o.id limit 2`,
    );
    const [mine, other] = branches as { id: number; n: number }[];
    const cookie = await signedIn(hub.url, hub.db.url, 'export-secretary', AccountRole.SECRETARY, [mine.id]);
    const all = rowsOf(await workbook(await take(cookie)));
    expect(all.length - 1).toBe(mine.n);
    const own = await take(cookie, `?org=${toGlobalId('Organization', mine.id)}`);
    expect(own.status).toBe(200);
    expect(rowsOf(await workbook(own)).length - 1).toBe(mine.n);
    const outside = await take(cookie, `?org=${toGlobalId('Organization', other.id)}`);
    expect(outside.status).toBe(404);
    expect(((await outside.json()) as any).errors[0].extensions.reason).toBe('auth/out_of_scope');
    const junk = await take(cookie, '?org=not-an-id');
    expect(junk.status).toBe(404);
  });

  it('should export every kind in its template, each file dry-running back with nothing to create or update', async () => {
    const kinds = Object.entries(KINDS as Record<string, ImportKindDef>).filter(([, d]) => d.exports);
    expect(kinds.map(([k]) => k)).toEqual(
      expect.arrayContaining([
        'tree',
        'members',
        'development',
        'positions',
        'activities',
        'figures',
        'research',
        'modelposts',
        'honors',
        'surveys',
        'ethics',
        'assessments',
        'reports',
      ]),
    );
    // The demo data has no reported figures (they are kept outside the hub): the committee reports a count, a rate from its counts and a withheld year.
    const committee = toGlobalId(
      'Organization',
      (await pool.query(`select committee_id from hospital order by id limit 1`)).rows[0].committee_id,
    );
    for (const [indicatorId, period, extra] of [
      ['central_group_study_count', '2026-01', 'value: 3, source: "中心组台账"'],
      ['volunteer_participation_rate', '2026-Q1', 'numerator: 40, denominator: 64'],
      ['honors_count', '2025', 'disclosure: NOT_DISCLOSED'],
    ]) {
      const res = await hub.gql(
        `mutation($o: ID!) { reportIndicatorValue(orgId: $o, indicatorId: "${indicatorId}", period: "${period}", ${extra}) { rows } }`,
        { o: committee },
      );
      expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    }
    for (const [kind, def] of kinds) {
      const spans = await exportSpans(pool, def, { roots: null, under: null, hospital: null }, LIMITS.rowsPerSheet);
      if (spans) {
        // Whole, a sheet would pass what an import takes: refused before the first byte, naming spans that fit.
        const whole = await take(hub.cookie, '', {}, exportPath(kind));
        expect(whole.status, kind).toBe(400);
        expect(((await whole.json()) as any).errors[0].extensions.reason).toBe('input/too_many');
      }
      // Of a kind split into spans (the activities: nine, with their attendance), the first and the last over HTTP: each
      // one's export and dry run was most of this file's time, and every span of the whole hospital is exported and
      // imported for real by the round trip (roundtrip.test.ts, the CLI's same exportSpans), its cells compared.
      for (const span of spans ? [...new Set([spans[0], spans.at(-1)])] : [null]) {
        const res = await take(hub.cookie, span ? `?from=${span.from}&to=${span.to}` : '', {}, exportPath(kind));
        expect(res.status, kind).toBe(200);
        const buf = Buffer.from(await res.arrayBuffer());
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(buf as never);
        const written = def.sheets.filter((_, i) => def.exports![i]).map((sh) => wb.getWorksheet(sh.sheet)!.rowCount - 1);
        expect(
          written.reduce((a, b) => a + b, 0),
          kind,
        ).toBeGreaterThan(0);
        const dry = await hub.gql(
          `mutation($f: String!) { importDryRun(kind: ${kind.toUpperCase()}, file: $f) { rows create update unchanged problemCount problems { sheet row column reason zh value } } }`,
          { f: buf.toString('base64') },
        );
        expect(dry.errors, JSON.stringify(dry.errors)).toBeUndefined();
        const r = dry.data!.importDryRun;
        expect(r.problems.slice(0, 3), `${kind} ${JSON.stringify(r.problems.slice(0, 3))} of ${r.problemCount}`).toEqual([]);
        expect({ kind, create: r.create, update: r.update }).toEqual({ kind, create: 0, update: 0 });
        expect(r.unchanged, kind).toBe(written.reduce((a, b) => a + b, 0));
      }
    }
  }, 300_000);

  it('should refuse nobody signed in (401), an analyst, an administrator and a token (403), each with a coded answer', async () => {
    expect((await take(null)).status).toBe(401);
    for (const role of [AccountRole.ANALYST, AccountRole.ADMIN]) {
      const res = await take((await hub.as(role)).cookie);
      expect(res.status, role).toBe(403);
      expect(((await res.json()) as any).errors[0].extensions.reason).toBe('auth/forbidden');
    }
    const token = await makeToken(hub.url, hub.cookie);
    const scripted = await take(null, '', bearer(token.secret));
    expect(scripted.status).toBe(403);
  });
});
