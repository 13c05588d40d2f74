/** The command line's import on a real database: template, problems in both languages with exit 1, commit with exit 0. */
import { readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test-support/database.js';
import { verifyCells } from '../../indicators/cells.js';
import { roll, rollRow, rollXlsx, sheetsXlsx } from '../../test-support/import-files.js';
import { randomHospital } from '../../test-support/random-hospital.js';
import { importCli, parseArgs } from './import.cli.js';
import { commit, dryRun } from './import.service.js';

describe('import/cli', () => {
  let db: TestDatabase;
  let pool: pg.Pool;
  let codes: string[];
  let depts: string[];
  const dir = tmpdir();
  const files: string[] = [];
  const path = (name: string) => (files.push(join(dir, `${process.pid}-${name}`)), files.at(-1)!);

  const run = async (argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const args = parseArgs(argv);
    if (typeof args === 'string') return { code: 2, out, err: [args] };
    const code = await importCli(args, { out: (l) => out.push(l), err: (l) => err.push(l) }, pool);
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    pool = new pg.Pool({ connectionString: db.url, max: 3 });
    const client = await pool.connect();
    const h = await randomHospital(client, 4, '2026-06');
    client.release();
    const { rows } = await pool.query(
      `update organization set code = 'C' || id where id = any($1::int[]) and (dissolved_on is null or dissolved_on > current_date) returning code`,
      [h.branches],
    );
    codes = rows.map((r) => r.code as string);
    depts = (await pool.query(`select name from department where hospital_id = $1 order by id`, [h.hospital])).rows.map(
      (r) => r.name as string,
    );
  }, 120_000);
  afterAll(async () => {
    await pool.end();
    await db.drop();
    for (const f of files) await rm(f, { force: true });
  });

  it('should refuse a wrong command line with the usage (exit 2)', async () => {
    expect((await run(['--kind', 'honours', 'x.xlsx'])).code).toBe(2);
    expect((await run(['--kind', 'members'])).code).toBe(2);
  });

  it('should write the template', async () => {
    const out = path('template.xlsx');
    expect((await run(['--kind', 'members', '--template', out])).code).toBe(0);
    expect((await readFile(out)).subarray(0, 2).toString()).toBe('PK');
  });

  it('should print each problem in Chinese and English and exit 1, writing nothing; then commit a good file (exit 0) once', async () => {
    const rows = roll(5, codes);
    rows[4][2] = rows[4][2] === '男' ? '女' : '男';
    const bad = path('bad.xlsx');
    await writeFile(bad, await rollXlsx(rows));
    const errors = path('errors.xlsx');
    const r = await run(['--kind', 'members', bad, '--dry-run', '--errors', errors]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/第 6 行 C 列 “性别”.*性别与身份证号（第 17 位）不一致 \/ the gender differs from the ID-card number/);
    expect((await readFile(errors)).length).toBeGreaterThan(0);
    expect((await run(['--kind', 'members', bad])).code).toBe(1);
    expect((await pool.query(`select count(*)::int as n from member where name like '测试%'`)).rows[0].n).toBe(0);

    const good = path('good.xlsx');
    await writeFile(good, await rollXlsx(roll(5, codes)));
    const dry = await run(['--kind', 'members', good, '--dry-run']);
    expect(dry).toMatchObject({ code: 0 });
    expect(dry.out).toMatch(/新建 5，更新 0，不变 0/);
    expect((await pool.query(`select count(*)::int as n from member where name like '测试%'`)).rows[0].n).toBe(0);
    expect((await run(['--kind', 'members', good])).out).toMatch(/已导入：新建 5/);
    expect((await run(['--kind', 'members', good])).out).toMatch(/新建 0，更新 0，不变 5/);
    expect((await pool.query(`select count(*)::int as n from member where name like '测试%'`)).rows[0].n).toBe(5);
  });

  it('should commit the dry run it made, even when a write meanwhile put a person of the file in an organisation it did not plan for', async () => {
    // The CLI commits the parse and the organisations of its own dry run. Here the file's person, new when it was
    // dry-run (to be made in the second branch), is made in the first branch by another import before the commit:
    // the commit, planning again under its locks, finds the first branch outside them and starts again with it locked
    // as well (with only the dry run's locks it would find the same each time and give up).
    const ctx = { pool, actor: 'cli:test-moved', scope: null };
    const xlsx = async (branch: string) => Buffer.from(await rollXlsx([rollRow(9001, branch)]));
    const branchOf = async () =>
      (await pool.query(`select o.code from member m join organization o on o.id = m.organization_id where m.name = '测试9001'`)).rows[0]
        ?.code;
    const toSecond = await xlsx(codes[1]!);
    const checked = await dryRun(ctx, 'members', toSecond);
    expect(checked).toMatchObject({ problemCount: 0, create: 1 });

    const first = await xlsx(codes[0]!);
    const meanwhile = await dryRun(ctx, 'members', first);
    expect(meanwhile.problems).toEqual([]);
    await commit(ctx, 'members', first, meanwhile.fileHash);
    expect(await branchOf()).toBe(codes[0]);

    const report = await commit(ctx, 'members', toSecond, checked.fileHash, checked);
    expect(report).toMatchObject({ committed: true, create: 0, update: 1 });
    expect(await branchOf()).toBe(codes[1]);
    const client = await pool.connect();
    try {
      await client.query('begin');
      expect((await verifyCells(client)).differences).toEqual([]);
    } finally {
      await client.query('rollback');
      client.release();
    }
  });

  it('should import department figures by --kind figures: template, problems, a commit, then nothing the second time', async () => {
    const template = path('figures-template.xlsx');
    expect((await run(['--kind', 'figures', '--template', template])).code).toBe(0);
    const bad = path('figures-bad.xlsx');
    await writeFile(
      bad,
      await sheetsXlsx({ 科室月度数据: { headers: ['科室', '月份', '指标', '数值'], rows: [['没有的科室', '2026-10', '在职职工数', 3]] } }),
    );
    const refused = await run(['--kind', 'figures', bad]);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/工作表“科室月度数据” 第 2 行 A 列 “科室” 值 "没有的科室"：没有科室“没有的科室”.* \/ no department/);
    const good = path('figures.xlsx');
    const rows = depts.map((d, i) => [d, '2026-10', '在职职工数', 10 + i]);
    await writeFile(good, await sheetsXlsx({ 科室月度数据: { headers: ['科室', '月份', '指标', '数值'], rows } }));
    const count = async () => (await pool.query(`select count(*)::int as n from department_metric where month = '2026-10-01'`)).rows[0].n;
    expect((await run(['--kind', 'figures', good, '--dry-run'])).out).toMatch(new RegExp(`新建 ${rows.length}，更新 0，不变 0`));
    expect(await count()).toBe(0);
    expect((await run(['--kind', 'figures', good])).out).toMatch(new RegExp(`已导入：新建 ${rows.length}`));
    expect(await count()).toBe(rows.length);
    expect((await run(['--kind', 'figures', good])).out).toMatch(new RegExp(`新建 0，更新 0，不变 ${rows.length}`));
  });
});
