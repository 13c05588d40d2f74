/**
 * A spreadsheet file's rows, one at a time: .xlsx through exceljs's streaming WorkbookReader (never the whole
 * workbook in memory), or .csv in UTF-8 (with or without a BOM) or GB18030/GBK (whatever is not valid UTF-8).
 * Refused before anything is read, each with a coded bilingual error: over 10 MB; a zip whose declared
 * sizes unpack to over 100 MB (a zip bomb); an old .xls renamed (an OLE file); a sheet over 20,000 rows.
 */
import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import { ErrorCode, HubError, Reason } from '../../errors.js';
import type { Raw } from './values.js';

export const LIMITS = { bytes: 10 * 1024 * 1024, unzipped: 100 * 1024 * 1024, rowsPerSheet: 20_000 } as const;

export interface Row {
  sheet: string;
  /** The row's number as Excel shows it (1-based; a CSV's line of record). */
  number: number;
  /** Cells by 1-based column number (index 0 unused). */
  cells: Raw[];
}

export type FileKind = 'xlsx' | 'csv';

export const fileRefused = (zh: string, en: string) =>
  new HubError({
    code: ErrorCode.badInput,
    reason: Reason.importFile,
    field: ['file'],
    zh: `${zh}；未写入任何数据`,
    en: `${en}; nothing was written`,
  });

const startsWith = (buf: Buffer, bytes: number[]) => bytes.every((b, i) => buf[i] === b);

/** What the file is, from its first bytes (never its name); refuses the ones that cannot be read. */
export function sniff(buf: Buffer): FileKind {
  if (buf.length > LIMITS.bytes)
    throw fileRefused(
      `文件 ${(buf.length / 1048576).toFixed(1)} MB，超过 10 MB 上限`,
      `the file is ${(buf.length / 1048576).toFixed(1)} MB, over the 10 MB limit`,
    );
  if (!buf.length) throw fileRefused('文件是空的', 'the file is empty');
  if (startsWith(buf, [0xd0, 0xcf, 0x11, 0xe0]))
    throw fileRefused(
      '这是旧版 Excel 97-2003 (.xls) 文件（可能只是改了扩展名）：请在 Excel 中“另存为 Excel 工作簿 (.xlsx)”后再导入',
      'this is an old Excel 97-2003 (.xls) file (perhaps only renamed): save it as an Excel Workbook (.xlsx) and import that',
    );
  if (startsWith(buf, [0x50, 0x4b, 0x03, 0x04])) return 'xlsx';
  if (buf.subarray(0, 4096).includes(0))
    throw fileRefused('无法识别的文件：请上传 .xlsx 或 .csv', 'an unknown kind of file: upload .xlsx or .csv');
  return 'csv';
}

/**
 * The sum of the sizes a zip's central directory declares for its entries, refused over 100 MB (or when
 * the directory cannot be found, or uses ZIP64, which no 10 MB spreadsheet needs).
 */
export function checkZip(buf: Buffer): number {
  const broken = () => fileRefused('.xlsx 文件已损坏（不是完整的 zip）', 'the .xlsx file is damaged (not a complete zip)');
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65_535); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw broken();
  const entries = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== 0x02014b50) throw broken();
    const size = buf.readUInt32LE(at + 24);
    if (size === 0xffffffff) total = Infinity;
    else total += size;
    at += 46 + buf.readUInt16LE(at + 28) + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
  }
  if (total > LIMITS.unzipped)
    throw fileRefused(
      '该 .xlsx 解压后超过 100 MB（可能是压缩炸弹），拒绝读取',
      'this .xlsx unpacks to over 100 MB (perhaps a zip bomb); it was not read',
    );
  return total;
}

const tooManyRows = (sheet: string) =>
  fileRefused(`工作表“${sheet}”超过 20,000 行：请分成几个文件导入`, `sheet “${sheet}” has over 20,000 rows: split it into several files`);

/** An exceljs cell value as the parser's Raw: rich text and hyperlinks as their text, formulas with their cached result. */
function raw(v: unknown): Raw {
  if (v == null || typeof v !== 'object' || v instanceof Date) return v as Raw;
  const o = v as Record<string, unknown>;
  if (Array.isArray(o.richText)) return (o.richText as { text: string }[]).map((t) => t.text).join('');
  if ('formula' in o || 'sharedFormula' in o) return { formula: String(o.formula ?? o.sharedFormula), result: raw(o.result) ?? undefined };
  if (typeof o.error === 'string') return o.error;
  if ('text' in o) return raw(o.text);
  return JSON.stringify(v);
}

/** The rows of every worksheet of an .xlsx, streamed. */
async function* xlsxRows(buf: Buffer): AsyncGenerator<Row> {
  checkZip(buf);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([buf]), {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  try {
    for await (const sheet of reader as AsyncIterable<AsyncIterable<ExcelJS.Row> & { name: string }>) {
      for await (const row of sheet) {
        if (row.number > LIMITS.rowsPerSheet + 10) throw tooManyRows(sheet.name);
        yield { sheet: sheet.name, number: row.number, cells: (row.values as unknown[]).map(raw) };
      }
    }
  } catch (err) {
    if (err instanceof HubError) throw err;
    throw fileRefused(`无法读取该 .xlsx 文件（${(err as Error).message}）`, `the .xlsx file could not be read (${(err as Error).message})`);
  }
}

/** The text of a CSV: UTF-8 (a BOM dropped) when it is valid UTF-8, GB18030 (which includes GBK) otherwise. */
export function decodeCsv(buf: Buffer): { text: string; encoding: 'utf-8' | 'gb18030' } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(buf), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(buf), encoding: 'gb18030' };
  }
}

/** RFC 4180 records (quotes, doubled quotes, line breaks inside quotes), comma- or tab-separated. */
export function* csvRecords(text: string): Generator<string[]> {
  const firstLine = text.slice(0, text.indexOf('\n') >>> 0);
  const sep = !firstLine.includes(',') && firstLine.includes('\t') ? '\t' : ',';
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === sep) {
      record.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      yield record;
      record = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || record.length) yield [...record, field];
}

function* csvRows(buf: Buffer, sheet: string): Generator<Row> {
  let number = 0;
  for (const record of csvRecords(decodeCsv(buf).text)) {
    if (++number > LIMITS.rowsPerSheet + 10) throw tooManyRows(sheet);
    yield { sheet, number, cells: [undefined, ...record] };
  }
}

/** Every row of the file, sheet by sheet (a CSV is one sheet, named after the kind's). */
export async function* readRows(buf: Buffer, csvSheet: string): AsyncGenerator<Row> {
  if (sniff(buf) === 'xlsx') yield* xlsxRows(buf);
  else yield* csvRows(buf, csvSheet);
}
