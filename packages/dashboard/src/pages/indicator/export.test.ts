import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { xlsxBlob } from './export.ts';

describe('dashboard/indicator export', () => {
  it('should write a formula-looking title into Excel as text, not as a formula', async () => {
    const blob = await xlsxBlob(
      [
        ['标题', '值'],
        ['=1+1', 2],
        ['=HYPERLINK("http://evil.example/","详情")', 3],
      ],
      '2026-10',
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await blob.arrayBuffer());
    const ws = wb.worksheets[0]!;
    for (const row of [2, 3]) {
      const cell = ws.getRow(row).getCell(1);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.formula).toBeUndefined();
      expect(cell.value as string).toMatch(/^'=/);
    }
    expect(ws.getRow(2).getCell(2).value).toBe(2);
  });
});
