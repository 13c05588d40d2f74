/**
 * Members rolls for import tests and the bench: rows of plausible people (valid ID-card numbers, gender from
 * the ID's 17th digit, dates that follow the rules), written as .xlsx (exceljs, ID and mobile columns as text)
 * or as CSV text.
 */
import ExcelJS from 'exceljs';
import { idCheckDigit } from '../modules/import/values.js';

/** A valid ID-card number: area 110101, born `birth` (YYYYMMDD), sequence `seq` (3 digits; odd last digit: male). */
export function idCard(birth: string, seq: number): string {
  const first = `110101${birth}${String(seq % 1000).padStart(3, '0')}`;
  return first + idCheckDigit(first);
}

export const ROLL_HEADERS = [
  '姓名',
  '身份证号',
  '性别',
  '所在党支部',
  '政治面貌',
  '入党日期',
  '转正日期',
  '学历',
  '职称',
  '人员类别',
  '手机号',
];

/** The i-th person of a roll for `branch` (a code or name): a full member born in 1970–1999. */
export function rollRow(i: number, branch: string): (string | number)[] {
  const year = 1970 + (i % 30);
  const birth = `${year}${String(1 + (i % 12)).padStart(2, '0')}${String(1 + (i % 28)).padStart(2, '0')}`;
  // Distinct numbers: the sequence carries i (its last digit the gender), the birth date the rest.
  const id = idCard(birth, i % 1000);
  const male = Number(id[16]) % 2 === 1;
  return [
    `测试${i}`,
    id,
    male ? '男' : '女',
    branch,
    '正式党员',
    `${year + 25}-07-01`,
    `${year + 26}-07-01`,
    '大学本科',
    '中级',
    i % 2 ? '护士' : '医师',
    `139${String(i).padStart(8, '0')}`,
  ];
}

/** Rows of `n` people, spread over the branches. */
export const roll = (n: number, branches: readonly string[], from = 0) =>
  Array.from({ length: n }, (_, k) => rollRow(from + k, branches[(from + k) % branches.length]));

/** A workbook with one data sheet (ID-card and mobile columns as text). */
export async function rollXlsx(rows: unknown[][], headers: readonly string[] = ROLL_HEADERS, sheet = '党员名册'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  ws.addRow([...headers]);
  for (const r of rows) ws.addRow(r);
  ws.getColumn(2).numFmt = '@';
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The same roll as CSV text (quoted where needed). */
export const rollCsv = (rows: unknown[][], headers: readonly string[] = ROLL_HEADERS) =>
  [headers, ...rows]
    .map((r) => r.map((v) => (/[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v))).join(','))
    .join('\r\n') + '\r\n';

/**
 * A workbook of several sheets, each given as its header and rows (ID-card columns as text: a header
 * naming 身份证号 makes its column text, as the template does).
 */
export async function sheetsXlsx(sheets: Record<string, { headers: readonly string[]; rows: readonly unknown[][] }>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const [name, { headers, rows }] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    ws.addRow([...headers]);
    for (const r of rows) ws.addRow([...r]);
    headers.forEach((h, i) => {
      if (h.startsWith('身份证号')) ws.getColumn(i + 1).numFmt = '@';
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
