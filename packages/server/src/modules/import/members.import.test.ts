/**
 * The members roll through GraphQL on a real hub: template, dry run, commit, idempotence, every bad input a
 * row problem or a coded error (never a 500, nothing written), scope, the import lock, and the cells equal
 * a rebuild afterwards.
 */
import ExcelJS from 'exceljs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountRole } from '../../domain/enums.js';
import { rebuildCells, verifyCells } from '../../indicators/cells.js';
import { postGraphQL, signedIn, startTestHub, type TestHub } from '../../test-support/hub.js';
import { ROLL_HEADERS, roll, rollCsv, rollRow, rollXlsx } from '../../test-support/import-files.js';
import { randomHospital, type RandomHospital } from '../../test-support/random-hospital.js';

const DRY = `mutation($f: String!) { importDryRun(kind: MEMBERS, file: $f) {
  fileHash sheet rows create update unchanged problemCount moreProblems committed
  problems { sheet row column header value reason zh en } } }`;
const COMMIT = `mutation($f: String!, $h: String!) { importCommit(kind: MEMBERS, file: $f, dryRunHash: $h) { create update unchanged committed } }`;

describe('import/members', () => {
  let hub: TestHub;
  let client: pg.Client;
  let h: RandomHospital;
  let codes: string[];
  let branches: number[];

  const b64 = (buf: Buffer | string) => Buffer.from(buf).toString('base64');
  const dry = async (buf: Buffer | string, as?: typeof hub.gql) => {
    const res = await (as ?? ((q, v) => hub.gql(q, v)))(DRY, { f: b64(buf) });
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    return res.data!.importDryRun;
  };
  const problemsOf = async (buf: Buffer | string) =>
    (await dry(buf)).problems as { row: number; column: string; reason: string; zh: string; en: string }[];
  const refusal = async (buf: Buffer | string) => (await hub.gql(DRY, { f: b64(buf) })).errors?.[0]?.extensions;
  const checksum = async () =>
    (
      await client.query(
        `select (select md5(coalesce(string_agg(m::text, '|' order by id), '')) from member m) as members,
                (select md5(coalesce(string_agg(c::text, '|' order by org_id, period, indicator_id), '')) from indicator_cell c) as cells,
                (select count(*) from audit_log) as audits`,
      )
    ).rows[0];
  const verify = async () => {
    await client.query('begin');
    try {
      return (await verifyCells(client)).differences;
    } finally {
      await client.query('rollback');
    }
  };

  beforeAll(async () => {
    hub = await startTestHub();
    client = new pg.Client({ connectionString: hub.db.url });
    await client.connect();
    h = await randomHospital(client, 21, '2026-06');
    await client.query(`update organization set code = 'ZB' || id where id = any($1::int[])`, [h.branches]);
    const active = await client.query(
      `select id from organization where id = any($1::int[]) and (dissolved_on is null or dissolved_on > current_date) order by id`,
      [h.branches],
    );
    branches = active.rows.map((r) => r.id as number);
    codes = branches.map((b) => `ZB${b}`);
    await client.query('begin');
    await rebuildCells(client);
    await client.query('commit');
  }, 120_000);
  afterAll(async () => {
    await client.end();
    await hub.close();
  });

  it('should serve a template with Chinese headers, dropdowns from the SDL labels, text ID and mobile columns, 填写说明', async () => {
    const res = await fetch(`${hub.url}/import/template/members.xlsx`, { headers: { cookie: hub.cookie } });
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const ws = wb.getWorksheet('党员名册')!;
    const headers = (ws.getRow(1).values as string[]).slice(1);
    expect(headers).toContain('姓名*');
    expect(headers).toContain('身份证号*');
    const idCol = headers.indexOf('身份证号*') + 1;
    expect(ws.getColumn(idCol).numFmt ?? ws.getCell(2, idCol).numFmt).toBe('@');
    const status = headers.indexOf('政治面貌*') + 1;
    const dv = ws.getCell(5, status).dataValidation;
    expect(dv?.type).toBe('list');
    const lists = wb.getWorksheet('选项')!;
    const labels = lists.getColumn(String(dv.formulae[0]).match(/\$([A-Z]+)\$/)![1]).values.filter(Boolean);
    expect(labels).toContain('正式党员');
    expect(labels).toContain('预备党员');
    expect(wb.getWorksheet('填写说明')).toBeDefined();
    // Filled in as a clerk would (dropdown labels, a date typed as a date), it imports as it is.
    const col = (h: string) => headers.findIndex((x) => x.replace('*', '') === h) + 1;
    [rollRow(500, codes[0]), rollRow(501, codes[0])].forEach((p, i) => {
      const row = ws.getRow(2 + i);
      ROLL_HEADERS.forEach((header, k) => (row.getCell(col(header)).value = k === 5 ? new Date(`${String(p[k])}T00:00:00Z`) : p[k]));
      row.getCell(col('学历')).value = '硕士研究生';
      row.getCell(col('科室负责人')).value = '是';
    });
    const filled = await dry(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(filled).toMatchObject({ sheet: '党员名册', rows: 2, create: 2, problemCount: 0 });
    expect((await fetch(`${hub.url}/import/template/members.xlsx`)).status).toBe(401);
    const analyst = await hub.as(AccountRole.ANALYST);
    expect((await fetch(`${hub.url}/import/template/members.xlsx`, { headers: { cookie: analyst.cookie } })).status).toBe(403);
  });

  it('should dry-run (nothing written), commit all or nothing, and change nothing the second time; cells equal a rebuild', async () => {
    const file = await rollXlsx(roll(30, codes));
    const before = await checksum();
    const r = await dry(file);
    expect(r).toMatchObject({ rows: 30, create: 30, update: 0, unchanged: 0, problemCount: 0, committed: false, sheet: '党员名册' });
    expect(await checksum()).toEqual(before);
    const c = await hub.gql(COMMIT, { f: b64(file), h: r.fileHash });
    expect(c.errors, JSON.stringify(c.errors)).toBeUndefined();
    expect(c.data!.importCommit).toEqual({ create: 30, update: 0, unchanged: 0, committed: true });
    expect(await verify()).toEqual([]);
    const audit = (await client.query(`select action, after from audit_log where action = 'import.members'`)).rows;
    expect(audit).toHaveLength(1);
    expect(audit[0].after).toMatchObject({ fileHash: r.fileHash, create: 30, update: 0, unchanged: 0 });
    expect(audit[0].after.fields).toContain('id_card_no');
    expect(JSON.stringify(audit[0].after)).not.toContain(String(rollRow(0, codes[0])[1])); // fields, never values

    const middle = await checksum();
    const again = await dry(file);
    expect(again).toMatchObject({ create: 0, update: 0, unchanged: 30 });
    const c2 = await hub.gql(COMMIT, { f: b64(file), h: again.fileHash });
    expect(c2.data!.importCommit).toEqual({ create: 0, update: 0, unchanged: 30, committed: true });
    const after = await checksum();
    expect(after.members).toBe(middle.members);
    expect(after.cells).toBe(middle.cells);

    // One changed cell: an update, the rest unchanged.
    const rows = roll(30, codes);
    rows[3][10] = '13700000000';
    // …and a new activist (no joining date: reaches every period): both committed, the cells still equal a rebuild.
    const activist = rollRow(31, codes[1]);
    activist[4] = '入党积极分子';
    activist[5] = '';
    activist[6] = '';
    const changedFile = await rollXlsx([...rows, activist]);
    const changed = await dry(changedFile);
    expect(changed).toMatchObject({ create: 1, update: 1, unchanged: 29, problemCount: 0 });
    const c3 = await hub.gql(COMMIT, { f: b64(changedFile), h: changed.fileHash });
    expect(c3.data!.importCommit).toEqual({ create: 1, update: 1, unchanged: 29, committed: true });
    expect(await verify()).toEqual([]);
  }, 120_000);

  it('should match a row by ID-card number, else by staff number, and refuse one whose two numbers name two people', async () => {
    const HEADERS = [...ROLL_HEADERS, '工号'];
    const people = roll(5, codes, 700).map((r, k) => [...r, `G30${k}`]);
    const file = await rollXlsx(people.slice(0, 4), HEADERS);
    const r = await dry(file);
    expect(r).toMatchObject({ create: 4, problemCount: 0 });
    expect((await hub.gql(COMMIT, { f: b64(file), h: r.fileHash })).errors).toBeUndefined();
    const staff = async (no: string) =>
      (await client.query(`select id, id_card_no, staff_no from member where staff_no = $1`, [no])).rows as {
        id: number;
        id_card_no: string | null;
      }[];
    expect((await staff('G300'))[0]!.id_card_no).toBe(people[0]![1]);
    // A record kept without its ID-card number is found by its staff number, and the number filled in.
    const [legacy] = await staff('G301');
    await client.query(`update member set id_card_no = null where id = $1`, [legacy!.id]);
    const byStaff = await rollXlsx([people[1]!], HEADERS);
    const d2 = await dry(byStaff);
    expect(d2).toMatchObject({ create: 0, update: 1, problemCount: 0 });
    expect((await hub.gql(COMMIT, { f: b64(byStaff), h: d2.fileHash })).errors).toBeUndefined();
    expect(await staff('G301')).toEqual([{ id: legacy!.id, id_card_no: people[1]![1], staff_no: 'G301' }]);
    // A staff number given to a person found by their ID-card number; one changed the same way.
    const renumbered = [[...people[2]!.slice(0, -1), 'G312']];
    const d3 = await dry(await rollXlsx(renumbered, HEADERS));
    expect(d3).toMatchObject({ update: 1, problemCount: 0 });
    // Bad rows: the ID card of one person with the staff number of another; a staff number twice in the file.
    const before = await checksum();
    const bad = [[...people[2]!.slice(0, -1), 'G303'], people[4]!, [...roll(1, codes, 710)[0]!, 'G304']];
    const p = await problemsOf(await rollXlsx(bad, HEADERS));
    const at = (row: number) => p.filter((x) => x.row === row).map((x) => `${x.column} ${x.reason} ${x.zh} / ${x.en}`);
    expect(at(2)).toEqual([
      'L input/inconsistent 身份证号与工号分别属于本院两名不同的人员：请核对 / the ID-card number and the staff number belong to two different people of the hospital: check them',
    ]);
    expect(at(3)).toEqual([]);
    expect(at(4).join()).toMatch(/^L input\/duplicate 与第 3 行的工号重复/);
    expect(p).toHaveLength(2);
    expect(JSON.stringify(p)).not.toContain(String(people[3]![1]));
    expect(await checksum()).toEqual(before);
    expect(await verify()).toEqual([]);
  });

  it('should refuse a commit whose file differs from the dry run, or has a problem (a bad LAST row): nothing written', async () => {
    const rows = roll(20, codes, 100);
    rows[19][1] = '110101199003078516'; // the last row's check digit wrong
    const file = await rollXlsx(rows);
    const before = await checksum();
    const r = await dry(file);
    expect(r.problemCount).toBe(1);
    expect(r.problems[0]).toMatchObject({ row: 21, column: 'B', header: '身份证号' });
    const c = await hub.gql(COMMIT, { f: b64(file), h: r.fileHash });
    expect(c.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'import/has_problems' });
    const good = await rollXlsx(roll(20, codes, 100));
    const mismatch = await hub.gql(COMMIT, { f: b64(good), h: r.fileHash });
    expect(mismatch.errors?.[0]?.extensions).toMatchObject({ reason: 'import/hash_mismatch' });
    expect(await checksum()).toEqual(before);
  });

  it('should report what clerks really type: IDs as numbers, wrong check digits, dates, enums, formulas, duplicates', async () => {
    const rows: unknown[][] = roll(8, codes, 200);
    rows[0][1] = 110101199003070000; // Excel made the ID a number
    rows[1][5] = '03/05/2010'; // ambiguous
    rows[2][4] = '党员'; // unknown label
    rows[3][4] = 'Probationary member'; // English label: accepted
    rows[3][6] = '';
    rows[4][5] = { formula: 'DATE(2010,7,1)' }; // no cached result
    rows[6][1] = rows[5][1]; // duplicate key
    rows[7][3] = '不存在的支部';
    const p = await problemsOf(await rollXlsx(rows));
    const at = (row: number) => p.filter((x) => x.row === row).map((x) => `${x.column} ${x.reason} ${x.zh} / ${x.en}`);
    expect(at(2).join()).toMatch(/B .*设置为文本.*set the column to text/);
    expect(at(3).join()).toMatch(/F .*不明确/);
    expect(at(4).join()).toMatch(/E .*可填：群众、入党申请人.*正式党员/);
    expect(at(5)).toEqual([]);
    expect(at(6).join()).toMatch(/F import\/formula_without_result/);
    expect(at(8).join()).toMatch(/B input\/duplicate 与第 7 行的身份证号重复/);
    expect(at(9).join()).toMatch(/D id\/not_found .*不存在或不在您的管辖范围内/);
    expect(p).toHaveLength(6);
  });

  it('should take full-width digits, 2025年3月5日 dates, re-ordered headers under a merged title row, a GBK CSV and a UTF-8 CSV with BOM', async () => {
    const rows = roll(3, codes, 300);
    const fullWidth = (s: string) => s.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    rows[0][1] = fullWidth(String(rows[0][1]));
    rows[0][5] = `${String(rows[0][5]).slice(0, 4)}年7月1日`;
    const order = [3, 0, 2, 1, 4, 5, 6, 7, 8, 9, 10].toReversed();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名册');
    ws.addRow(['某某医院党员名册（2026年）']);
    ws.mergeCells(1, 1, 1, 11);
    ws.addRow(order.map((i) => ROLL_HEADERS[i]));
    for (const r of rows) ws.addRow(order.map((i) => r[i]));
    const x = await dry(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(x).toMatchObject({ problemCount: 0, create: 3 });

    const csv = rollCsv(roll(3, codes, 300));
    const gbkBytes = encodeGb18030(csv);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gbkBytes)).toThrow(); // really not UTF-8
    const gbk = await dry(gbkBytes);
    expect(gbk).toMatchObject({ problemCount: 0, create: 3 });
    const bom = await dry(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv)]));
    expect(bom).toMatchObject({ problemCount: 0, create: 3 });
  });

  it('should name the column whose header a merge swallowed (data under no header), never drop its values', async () => {
    const rows = roll(2, codes, 350);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('党员名册');
    ws.addRow([...ROLL_HEADERS]);
    for (const r of rows) ws.addRow(r);
    // 入党日期 (F) and 转正日期 (G) merged into one header cell: G's header is gone, its dates are not.
    ws.mergeCells('F1:G1');
    const r = await dry(Buffer.from(await wb.xlsx.writeBuffer()));
    const unlabelled = r.problems.filter((p: { column: string | null }) => p.column === 'G');
    expect(unlabelled).toHaveLength(1);
    expect(unlabelled[0]).toMatchObject({ row: 2, reason: 'import/column_missing' });
    expect(`${unlabelled[0].zh} / ${unlabelled[0].en}`).toMatch(/第 G 列有数据却没有表头.*合并.*column G has data but no header/);
  });

  it('should refuse a renamed .xls, a zip bomb, over 20,000 rows, over 10 MB (413 for a role that does not write), a missing required column, each with a clear coded reason', async () => {
    const xls = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]);
    expect(await refusal(xls)).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'import/file_refused',
      messageEn: expect.stringMatching(/\.xls.*save it as/),
    });
    const bomb = await rollXlsx(roll(2, codes));
    const central = bomb.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    bomb.writeUInt32LE(200 * 1024 * 1024, central + 24); // declares 200 MB unpacked
    expect(await refusal(bomb)).toMatchObject({ reason: 'import/file_refused', messageEn: expect.stringMatching(/100 MB.*zip bomb/) });
    const tooLong = rollCsv(roll(20_011, codes));
    expect(await refusal(tooLong)).toMatchObject({ reason: 'import/file_refused', messageEn: expect.stringMatching(/over 20,000 rows/) });
    const big = Buffer.concat([Buffer.from(rollCsv(roll(2, codes))), Buffer.alloc(10 * 1024 * 1024, 0x20)]);
    expect(await refusal(big)).toMatchObject({ reason: 'import/file_refused', messageEn: expect.stringMatching(/over the 10 MB limit/) });
    // The same body from an account that does not write is refused before it is read (413), never a 500.
    const analyst = await hub.as(AccountRole.ANALYST);
    const res = await fetch(`${hub.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: analyst.cookie },
      body: JSON.stringify({ query: DRY, variables: { f: b64(big) } }),
    });
    expect(res.status).toBe(413);
    const noId = await problemsOf(
      await rollXlsx(
        roll(2, codes).map((r) => r.filter((_, i) => i !== 1)),
        ROLL_HEADERS.filter((_, i) => i !== 1),
      ),
    );
    expect(noId).toHaveLength(1);
    expect(noId[0]).toMatchObject({ reason: 'import/column_missing', zh: expect.stringMatching(/缺少必填列“身份证号”/) });
  });

  it('should make a row of another branch an error for a secretary of one branch, never skip it', async () => {
    const cookie = await signedIn(hub.url, hub.db.url, 'import-secretary', AccountRole.SECRETARY, [branches[0]]);
    const gql = (q: string, v?: Record<string, unknown>) => postGraphQL(hub.url, cookie, q, v);
    const rows = [rollRow(400, codes[0]), rollRow(401, codes[1])];
    const r = await dry(await rollXlsx(rows), gql);
    expect(r).toMatchObject({ create: 1, problemCount: 1 });
    expect(r.problems[0]).toMatchObject({ row: 3, column: 'D', reason: 'auth/out_of_scope' });
    // A person the committee imported into another branch (the second test), named here with this branch: a transfer, not this secretary's.
    const moved = await dry(await rollXlsx([rollRow(1, codes[0])]), gql);
    expect(moved.problems).toMatchObject([{ row: 2, column: 'B', reason: 'auth/out_of_scope' }]);
    // A department counted under another organisation (another branch's, or the committee's) is outside too.
    const other = (
      await client.query(
        `select d.name from department d join hospital h on h.id = d.hospital_id
         where coalesce(d.branch_id, h.committee_id) <> $1 and h.id = $2 and (select count(*) from department x where x.name = d.name) = 1 limit 1`,
        [branches[0], h.hospital],
      )
    ).rows[0].name as string;
    const withDept = await dry(await rollXlsx([[...rollRow(402, codes[0]), other]], [...ROLL_HEADERS, '科室']), gql);
    expect(withDept.problems).toMatchObject([{ row: 2, column: 'L', header: '科室', reason: 'auth/out_of_scope' }]);
  });

  it('should list 1,000 of 5,001 bad rows and say 4,001 more, with every one in the errors workbook', async () => {
    const rows = roll(5001, codes, 1000).map((r) => [r[0], '12345', ...r.slice(2)]);
    const file = await rollXlsx(rows);
    const res = await hub.gql(
      `mutation($f: String!) { importDryRun(kind: MEMBERS, file: $f) { problemCount moreProblems problems { row } errorsWorkbook } }`,
      {
        f: b64(file),
      },
    );
    expect(res.errors).toBeUndefined();
    const r = res.data!.importDryRun;
    expect(r).toMatchObject({ problemCount: 5001, moreProblems: 4001 });
    expect(r.problems).toHaveLength(1000);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(r.errorsWorkbook, 'base64') as never);
    const ws = wb.worksheets[0];
    expect(ws.getCell(1, 12).value).toBe('错误说明');
    expect(ws.getCell(5002, 12).text).toMatch(/B列“身份证号”：身份证号应为 18 位/);
  }, 120_000);

  it('should allow one import per account at a time (import/busy)', async () => {
    const holder = new pg.Client({ connectionString: hub.db.url });
    await holder.connect();
    try {
      await holder.query(`select pg_advisory_lock(hashtext('hub_import'), hashtext('test-committee'))`);
      expect(await refusal(await rollXlsx(roll(1, codes)))).toMatchObject({ code: 'CONFLICT', reason: 'import/busy' });
    } finally {
      await holder.end();
    }
    expect((await dry(await rollXlsx(roll(1, codes)))).problemCount).toBe(0);
  });
});

/** GB18030 bytes of a text (Node decodes GB18030 but has no encoder: the few characters a roll uses, via a reverse table). */
function encodeGb18030(text: string): Buffer {
  const decoder = new TextDecoder('gb18030');
  const table = new Map<string, number[]>();
  for (let hi = 0x81; hi <= 0xfe; hi++)
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue;
      const ch = decoder.decode(Uint8Array.from([hi, lo]));
      if (ch.length === 1 && !table.has(ch)) table.set(ch, [hi, lo]);
    }
  const bytes: number[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) bytes.push(ch.charCodeAt(0));
    else {
      const b = table.get(ch);
      if (!b) throw new Error(`no GBK code for ${ch}`);
      bytes.push(...b);
    }
  }
  return Buffer.from(bytes);
}
