/**
 * A sheet's rows as records of a kind (columns.ts): the header row found by name among the first rows (in any
 * order; a title row above, or a header merged over two rows, tolerated), every data row's cells parsed by
 * its column's type, every problem kept with its sheet, Excel row number, column letter and header, value
 * and reason in Chinese and English. Checks that need the database come later (members.check.ts).
 */
import { Reason, type ReasonCode } from '../../errors.js';
import { columnLetter, headerMatches, parseCell, type Column, type KindSpec } from './columns.js';
import { readRows, sniff, type Row } from './read.js';
import { isBlank, isUncomputedFormula, normalise, resolved, shown, type Raw } from './values.js';

export interface RowProblem {
  sheet: string;
  /** The row as Excel numbers it (null: the file or its header as a whole). */
  row: number | null;
  /** Column letter and header (null when the problem is the row's, not a cell's). */
  column: string | null;
  header: string | null;
  value: string | null;
  reason: ReasonCode;
  zh: string;
  en: string;
}

export interface SheetRecord {
  sheet: string;
  row: number;
  /** Parsed values by field; a blank optional cell is absent. */
  values: Record<string, string | boolean | number>;
  /** Each non-blank cell as it was typed, by field (for problems found later). */
  typed: Record<string, string>;
  /** Whether any cell of the row has a problem (the record is then not checked further). */
  bad: boolean;
}

export interface ParsedSheet {
  sheet: string;
  headerRow: number;
  /** Column number of each field found. */
  at: Map<string, number>;
  records: SheetRecord[];
  problems: RowProblem[];
  /** The last column number of the header (the errors workbook adds its column after it). */
  lastColumn: number;
  /** Column numbers with a header (in the header row or the row above it). */
  labelled: Set<number>;
  /** Columns with data but no header, already reported (once each). */
  unlabelled: Set<number>;
}

/** Sheets that hold no data: the template's instructions and its hidden dropdown choices. */
const INSTRUCTIONS = /^(填写说明|说明|instructions?|选项)$/i;
const HEADER_SEARCH = 10;
const EXCEL_ERROR = /^#(N\/A|VALUE!|REF!|DIV\/0!|NUM!|NAME\?|NULL!)$/;

/** The columns a row names: column number of each field (its best header row, the row above filling merged gaps). */
function headerOf(spec: KindSpec, row: Row, above: Row | undefined): Map<string, number> {
  const at = new Map<string, number>();
  const width = Math.max(row.cells.length, above?.cells.length ?? 0);
  for (let c = 1; c < width; c++) {
    const text = normalise(shown(row.cells[c] ?? null)) || normalise(shown(above?.cells[c] ?? null));
    if (!text) continue;
    const column = spec.columns.find((col) => headerMatches(col, text));
    if (column && !at.has(column.field)) at.set(column.field, c);
  }
  return at;
}

/** The header among the first rows: the one naming the most columns (at least two). */
function findHeader(spec: KindSpec, rows: Row[]): { index: number; at: Map<string, number> } | null {
  let best: { index: number; at: Map<string, number> } | null = null;
  rows.forEach((row, index) => {
    const at = headerOf(spec, row, rows[index - 1]);
    if (at.size >= 2 && at.size > (best?.at.size ?? 0)) best = { index, at };
  });
  return best;
}

function cellProblem(
  sheet: string,
  row: number,
  c: number,
  column: Column,
  value: Raw,
  reason: ReasonCode,
  zh: string,
  en: string,
): RowProblem {
  return { sheet, row, column: columnLetter(c), header: column.header, value: shown(value) || null, reason, zh, en };
}

/**
 * Data in a column without a header (a header cell merged over two columns leaves the second without one):
 * one problem for the column at its first such row, never silently dropped.
 */
function unlabelledData(into: ParsedSheet, row: Row): void {
  row.cells.forEach((cell, c) => {
    if (c < 1 || into.labelled.has(c) || into.unlabelled.has(c) || isBlank(resolved(cell ?? null))) return;
    into.unlabelled.add(c);
    const letter = columnLetter(c);
    into.problems.push({
      sheet: into.sheet,
      row: row.number,
      column: letter,
      header: null,
      value: shown(resolved(cell ?? null)) || null,
      reason: Reason.importColumnMissing,
      zh: `第 ${letter} 列有数据却没有表头（表头单元格可能被合并了）：请取消合并，给这一列填上模板中的列名，或删除这一列`,
      en: `column ${letter} has data but no header (header cells may be merged): unmerge them and give the column its name from the template, or delete it`,
    });
  });
}

/** One data row's record: each column's cell parsed, problems added. */
function parseRow(spec: KindSpec, into: ParsedSheet, row: Row): SheetRecord {
  const { at, problems, sheet } = into;
  const record: SheetRecord = { sheet, row: row.number, values: {}, typed: {}, bad: false };
  const add = (c: number, column: Column, value: Raw, reason: ReasonCode, zh: string, en: string) => {
    problems.push(cellProblem(sheet, row.number, c, column, value, reason, zh, en));
    record.bad = true;
  };
  unlabelledData(into, row);
  for (const column of spec.columns) {
    const c = at.get(column.field);
    if (c == null) continue;
    const cell = row.cells[c] ?? null;
    if (isUncomputedFormula(cell)) {
      add(
        c,
        column,
        cell,
        Reason.importFormula,
        '公式没有计算结果：请在 Excel 中打开并保存，或改为填写数值',
        'a formula without a computed result: open and save the file in Excel, or type the value',
      );
      continue;
    }
    const value = resolved(cell);
    if (typeof value === 'string' && EXCEL_ERROR.test(value.trim())) {
      add(c, column, value, Reason.inputInvalidCharacter, `单元格是 Excel 错误值 ${value}`, `the cell holds the Excel error ${value}`);
      continue;
    }
    if (isBlank(value)) {
      if (column.required) add(c, column, value, Reason.inputRequired, `“${column.header}”必填`, `“${column.header}” is required`);
      continue;
    }
    record.typed[column.field] = shown(value);
    const parsed = parseCell(column, value);
    if (parsed.ok) record.values[column.field] = parsed.value;
    else add(c, column, value, Reason.inputOutOfRange, parsed.zh, parsed.en);
  }
  return record;
}

/** A required column the header lacks: one problem for the whole sheet. */
function missingColumns(spec: KindSpec, sheet: string, headerRow: number, at: Map<string, number>): RowProblem[] {
  return spec.columns
    .filter((c) => c.required && !at.has(c.field))
    .map((c) => ({
      sheet,
      row: headerRow,
      column: null,
      header: c.header,
      value: null,
      reason: Reason.importColumnMissing,
      zh: `缺少必填列“${c.header}”（表头可在任意位置，名称须一致）`,
      en: `the required column “${c.header}” is missing (headers may be in any order, but named as in the template)`,
    }));
}

const noHeader = (spec: KindSpec, sheet: string): RowProblem => ({
  sheet,
  row: null,
  column: null,
  header: null,
  value: null,
  reason: Reason.importColumnMissing,
  zh: `前 ${HEADER_SEARCH} 行中找不到表头（应有 ${spec.columns
    .filter((c) => c.required)
    .map((c) => c.header)
    .join('、')} 等列）：请使用导入模板`,
  en: `no header row in the first ${HEADER_SEARCH} rows (expected columns such as ${spec.columns
    .filter((c) => c.required)
    .map((c) => c.header)
    .join(', ')}): use the import template`,
});

const rowBlank = (row: Row) => row.cells.every((c) => isBlank(resolved(c ?? null)));

/**
 * The data sheet of a file (the first sheet that is not an instructions sheet) as records of the kind.
 */
export async function parseSheet(spec: KindSpec, buf: Buffer): Promise<ParsedSheet> {
  return (await parseSheets([spec], buf))[0]!;
}

const sheetKey = (s: string) => normalise(s).toLowerCase().replace(/\s/g, '');

/** Which of the kind's sheets a file's sheet is: by its name, else the one its header names most columns of (null: none). */
function whichSpec(specs: readonly KindSpec[], taken: readonly (ParsedSheet | null)[], name: string, first: Row[]): number | null {
  if (specs.length === 1) return taken[0] ? null : 0;
  const named = specs.findIndex(
    (s) => !taken[specs.indexOf(s)] && [s.sheet, ...(s.sheetAliases ?? [])].some((n) => sheetKey(n) === sheetKey(name)),
  );
  if (named >= 0) return named;
  let best: { index: number; size: number } | null = null;
  specs.forEach((s, index) => {
    const size = taken[index] ? 0 : (findHeader(s, first)?.at.size ?? 0);
    if (size >= 2 && size > (best?.size ?? 0)) best = { index, size };
  });
  return (best as { index: number } | null)?.index ?? null;
}

/**
 * The sheets of a file as records of a kind's sheets (in the order of `specs`; null for one the file lacks).
 * A kind of one sheet reads the first sheet that is not an instructions sheet (a CSV is that sheet); a kind
 * of several finds each by its name, else by its header. The file is read once, row by row.
 */
export async function parseSheets(specs: readonly KindSpec[], buf: Buffer): Promise<(ParsedSheet | null)[]> {
  const out: (ParsedSheet | null)[] = specs.map(() => null);
  type Current = { name: string; first: Row[]; index: number | null; parsed: ParsedSheet | null };
  let current = null as Current | null;
  // A CSV is one sheet without a name: which of the kind's it is, its header says; it takes that sheet's name.
  const csv = sniff(buf) === 'csv';
  const settle = () => {
    if (!current || current.parsed || current.index === -1) return;
    const index = whichSpec(specs, out, current.name, current.first);
    if (index == null) {
      current.index = -1;
      return;
    }
    current.index = index;
    current.parsed = out[index] = begin(specs[index], csv ? specs[index].sheet : current.name, current.first);
  };
  for await (const row of readRows(buf, '')) {
    if (INSTRUCTIONS.test(row.sheet.trim())) continue;
    if (current?.name !== row.sheet) {
      settle();
      current = { name: row.sheet, first: [], index: null, parsed: null };
    }
    if (current.index === -1) continue;
    if (!current.parsed) {
      current.first.push(row);
      if (current.first.length >= HEADER_SEARCH) settle();
      continue;
    }
    if (!rowBlank(row)) current.parsed.records.push(parseRow(specs[current.index!], current.parsed, row));
  }
  settle();
  if (!out.some(Boolean)) out[0] = begin(specs[0], specs[0].sheet, []);
  return out;
}

/** The sheet's header from its first rows, and the records of the rows after it among them. */
function begin(spec: KindSpec, sheet: string, first: Row[]): ParsedSheet {
  const header = findHeader(spec, first);
  if (!header)
    return {
      sheet,
      headerRow: 0,
      at: new Map(),
      records: [],
      problems: [noHeader(spec, sheet)],
      lastColumn: 0,
      labelled: new Set(),
      unlabelled: new Set(),
    };
  const headerRow = first[header.index].number;
  const labelled = new Set<number>();
  for (const r of [first[header.index], first[header.index - 1]])
    r?.cells.forEach((cell, c) => void (normalise(shown(cell ?? null)) && labelled.add(c)));
  const parsed: ParsedSheet = {
    sheet,
    headerRow,
    at: header.at,
    records: [],
    problems: missingColumns(spec, sheet, headerRow, header.at),
    lastColumn: Math.max(first[header.index].cells.length - 1, ...header.at.values()),
    labelled,
    unlabelled: new Set(),
  };
  for (const row of first.slice(header.index + 1)) if (!rowBlank(row)) parsed.records.push(parseRow(spec, parsed, row));
  return parsed;
}
