/**
 * The streamed .xlsx reader keeps every Chinese character whole: the inflated parts arrive in 16 KiB chunks,
 * and a three-byte character split across two of them came back as ��� (exceljs #2063, #2084; patched in
 * patches/exceljs@4.4.0.patch). Found by importing back an exported demo roll: one department of 1,700
 * people read as 神经���科.
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
});
