/**
 * One column declaration per kind of import: the template (template.ts) and the parser (rows.ts) are both
 * made from it, so the header a template writes is the header the parser looks for, and a dropdown offers
 * exactly the labels the parser accepts. A kind (members.columns.ts; activities, figures, honours later)
 * lists its columns and names its natural key.
 */
import * as labels from '@party-hub/schema/labels';
import {
  bad,
  normalise,
  ok,
  parseBoolean,
  parseDate,
  parseIdCard,
  parseMobile,
  parseMonth,
  parseNumber,
  shown,
  type Parsed,
  type Raw,
} from './values.js';

export type ColumnType = 'text' | 'date' | 'month' | 'integer' | 'number' | 'enum' | 'idCard' | 'mobile' | 'boolean';

export interface Column {
  /** The record's field the column fills. */
  field: string;
  /** The header the template writes (Chinese). */
  header: string;
  /** Other headers accepted for it (English, common variants). */
  aliases: readonly string[];
  type: ColumnType;
  required: boolean;
  /** enum: the GraphQL enum's name (its labels come from the SDL descriptions) and its stored values by GraphQL name. */
  enumName?: string;
  enumValues?: Readonly<Record<string, string>>;
  /** enum: other words clerks write for a value (e.g. 免出勤), by the GraphQL name. */
  enumAliases?: Readonly<Record<string, readonly string[]>>;
  /** text: the longest value. */
  maxLength?: number;
  /**
   * text: kept as typed but for spaces (a title's full-width punctuation，（）： stays Chinese); otherwise
   * full-width letters and digits are made half-width too (names and codes that are looked up).
   */
  verbatim?: boolean;
  /** integer, number: the bounds (inclusive). */
  min?: number;
  max?: number;
  /** Personal data (audited by field name when written). */
  personal?: boolean;
  /** What the instructions sheet says about the column (zh). */
  note: string;
}

export interface KindSpec {
  /** The GraphQL ImportKind value and the template's file name. */
  kind: string;
  /** The data sheet's name in the template. */
  sheet: string;
  /** Other names of the sheet (a kind of several sheets finds each by its name, else by its header). */
  sheetAliases?: readonly string[];
  title: string;
  columns: readonly Column[];
  /** The fields whose values identify a record (the natural key), described for the instructions sheet. */
  naturalKey: { fields: readonly string[]; zh: string; en: string };
}

export interface EnumChoice {
  value: string;
  zh: string;
  en: string;
}

type LabelTable = Record<string, { zh: string; en: string }>;

/** An enum column's choices: the stored value, its Chinese and English labels from the SDL. */
export function enumChoices(column: Column): EnumChoice[] {
  const table = (labels as unknown as Record<string, LabelTable | undefined>)[`${column.enumName}Labels`];
  if (!table || !column.enumValues) throw new Error(`${column.field}: no labels for enum ${column.enumName}`);
  return Object.entries(column.enumValues).map(([name, value]) => ({ value, zh: table[name].zh, en: table[name].en }));
}

const folded = (s: string) => normalise(s).toLowerCase().replace(/[\s_]/g, '');

/** Each enum column's accepted spellings (folded) to the stored value; the first choice naming a spelling wins. */
const spellings = new WeakMap<Column, Map<string, string>>();

function spellingsOf(column: Column): Map<string, string> {
  let out = spellings.get(column);
  if (out) return out;
  out = new Map();
  for (const c of enumChoices(column)) {
    const names = [
      c.zh,
      // A label without its parenthesis (支部党员大会 for 支部党员大会（三会一课）).
      c.zh.replace(/[（(].*[)）]$/, ''),
      c.en,
      c.value,
      ...Object.entries(column.enumValues!)
        .filter(([, v]) => v === c.value)
        .flatMap(([k]) => [k, ...(column.enumAliases?.[k] ?? [])]),
    ];
    for (const n of names) if (!out.has(folded(n))) out.set(folded(n), c.value);
  }
  spellings.set(column, out);
  return out;
}

/** A label (Chinese or English, any case), a GraphQL name or a stored value, as the stored value. */
function parseEnum(column: Column, raw: Raw): Parsed<string> {
  const text = folded(shown(raw));
  // A label with a note in brackets a clerk added or copied (支部党员大会（三会一课）): the label before it.
  const value = spellingsOf(column).get(text) ?? spellingsOf(column).get(text.replace(/\(.*\)$/, ''));
  if (value !== undefined) return ok(value);
  const allowed = enumChoices(column);
  return bad(
    `“${normalise(shown(raw))}” 不是可选值；可填：${allowed.map((c) => c.zh).join('、')}`,
    `“${normalise(shown(raw))}” is not allowed; allowed: ${allowed.map((c) => c.en).join(', ')}`,
  );
}

function parseText(column: Column, raw: Raw): Parsed<string> {
  const text = column.verbatim
    ? shown(raw)
        .replace(/[\u3000\u00a0\t\r\n]/g, ' ')
        .replace(/ {2,}/g, ' ')
        .trim()
    : normalise(shown(raw));
  if (column.maxLength && [...text].length > column.maxLength)
    return bad(`不能超过 ${column.maxLength} 个字`, `at most ${column.maxLength} characters`);
  return ok(text);
}

/** A non-blank cell's value for its column, or why not. */
export function parseCell(column: Column, raw: Raw): Parsed<string | boolean | number> {
  switch (column.type) {
    case 'text':
      return parseText(column, raw);
    case 'date':
      return parseDate(raw);
    case 'month':
      return parseMonth(raw);
    case 'integer':
    case 'number':
      return parseNumber(raw, column.type === 'integer', column.min ?? 0, column.max ?? Number.MAX_SAFE_INTEGER);
    case 'enum':
      return parseEnum(column, raw);
    case 'idCard':
      return parseIdCard(raw);
    case 'mobile':
      return parseMobile(raw);
    case 'boolean':
      return parseBoolean(raw);
  }
}

/** Whether a header cell names this column (its header or an alias; case, spaces, full-width and a trailing * ignored). */
export function headerMatches(column: Column, header: string): boolean {
  const h = folded(header)
    .replace(/[*＊]$/, '')
    .replace(/[（(].*[)）]$/, '');
  return [column.header, ...column.aliases].some((name) => folded(name) === h);
}

/** The column letter of a 1-based column number (1 → A, 27 → AA). */
export function columnLetter(n: number): string {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}
