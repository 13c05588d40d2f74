/**
 * The streamed .xlsx reader keeps every Chinese character whole: the inflated parts arrive in 16 KiB chunks,
 * and a three-byte character split across two of them came back as ��� (exceljs #2063, #2084; patched in
 * patches/exceljs@4.4.0.patch). Found by importing back an exported demo roll: one department of 1,700
 * people read as 神经���科.
 *
 * And it reads every sheet of every file: exceljs's streaming pass (unzipper.Parse) intermittently lost
 * xl/workbook.xml, which its writer stores after the worksheets, and about one read in 300 of a valid
 * template was refused with "Cannot read properties of undefined (reading 'sheets')" (exceljs #3064; the patch
 * reads through the zip's central directory instead). A race, so the test reads the same file many times:
 * before the patch, 1,000 reads passed in about 4 % of runs.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readRows } from './read.js';

const WORDS = '党委办公室神经内科心血管外科护理部医务处财务科信息中心检验科放射科药剂科';

describe('import/read', () => {
  it('should read every Chinese character of a large workbook whole, whatever the chunk boundaries', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('数据');
    // Inline strings and shared strings alike, well past several 16 KiB chunks, at every byte offset.
    const expected: string[] = [];
    for (let i = 0; i < 4000; i++) {
      const text = `${WORDS.slice(i % WORDS.length)}${i}${WORDS.slice(0, i % 7)}`;
      expected.push(text);
      ws.addRow([text, `第${i}行`]);
    }
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const got: string[] = [];
    for await (const row of readRows(buf, '数据')) got.push(row.cells[1] as string);
    expect(got.filter((t) => t.includes('\uFFFD'))).toEqual([]);
    expect(got).toEqual(expected);
  });

  it('should read every sheet of the same workbook 1,000 times in a row, its workbook part stored last', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('说明').addRow(['填写说明']);
    const activities = wb.addWorksheet('活动');
    for (let i = 0; i < 200; i++) activities.addRow([`支部党员大会${i}`, i, new Date(Date.UTC(2026, 0, 1 + (i % 28)))]);
    wb.addWorksheet('出勤').addRow(['身份证号', '出勤']);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const failures: string[] = [];
    for (let n = 0; n < 1000; n++) {
      try {
        const seen = new Map<string, number>();
        for await (const row of readRows(buf, '活动')) seen.set(row.sheet, (seen.get(row.sheet) ?? 0) + 1);
        const got = [...seen].map(([sheet, rows]) => `${sheet}:${rows}`).join(' ');
        if (got !== '说明:1 活动:200 出勤:1') failures.push(got);
      } catch (err) {
        failures.push((err as Error).message);
      }
    }
    expect(failures).toEqual([]);
  }, 60_000);
});
