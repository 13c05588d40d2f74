/**
 * What the rows of the kinds after members name, looked up once per file: organisations by code or full name,
 * departments and hospitals by full name, people by hospital + ID-card number; and a write's own rules run on a
 * row (writeRules). Only what
 * exists is found (nothing is ever created from a name); a name that exists outside the importer's scope is
 * that row's auth/out_of_scope problem, an unknown one id/not_found with the closest names in the scope, an
 * ambiguous one input/inconsistent. Each problem carries the row's sheet, Excel row, column letter and header.
 */
import { addDays, EARLIEST_FACT, PLANNING_HORIZON_DAYS, today } from '../../domain/dates.js';
import { Reason, type ReasonCode } from '../../errors.js';
import { Problems } from '../../graphql/problems.js';
import type { Queryable } from '../../indicators/cells.js';
import { columnLetter, type KindSpec } from './columns.js';
import type { ParsedSheet, RowProblem, SheetRecord } from './rows.js';
import { normalise } from './values.js';

/** Problems of one parsed sheet's rows, each placed at its cell (column letter and header from the declaration). */
export class Checker {
  constructor(
    readonly spec: KindSpec,
    readonly sheet: ParsedSheet,
    readonly problems: RowProblem[],
  ) {}

  add(r: SheetRecord, field: string | null, reason: ReasonCode, zh: string, en: string, value?: string | null): void {
    const column = field ? this.spec.columns.find((c) => c.field === field) : undefined;
    const at = field ? this.sheet.at.get(field) : undefined;
    this.problems.push({
      sheet: r.sheet,
      row: r.row,
      column: at ? columnLetter(at) : null,
      header: column?.header ?? null,
      value: value !== undefined ? value : field ? (r.typed[field] ?? null) : null,
      reason,
      zh,
      en,
    });
    r.bad = true;
  }

  /**
   * Runs a GraphQL write's own rule (a function adding to a Problems) on a row: each problem it finds is placed
   * at the row's cell of that field (`fields` maps the input's field to the column's; the same name when absent).
   */
  rule(r: SheetRecord, check: (p: Problems) => void, fields: Record<string, string> = {}): boolean {
    const p = new Problems('row');
    check(p);
    for (const x of p.list) {
      const field = x.field.slice('row.'.length);
      this.add(r, fields[field] ?? field, x.reason, x.zh, x.en);
    }
    return p.ok;
  }
}

export const nameKey = (s: string) => normalise(s).toLowerCase().replace(/\s/g, '');

const inScopeSql = (path: string, param: string) =>
  `(${param}::int[] is null or string_to_array(trim(both '/' from ${path}), '/')::int[] && ${param}::int[])`;

export interface Org {
  id: number;
  code: string | null;
  name: string;
  kind: string;
  path: string;
  inScope: boolean;
  dissolved: boolean;
  /** The hospital whose committee the organisation lies under (null: none). */
  hospital: number | null;
  /** The path of the organisation whose members hold its positions: itself, or a party group's branch. */
  holderPath: string;
}

/** Levenshtein distance, stopping early past `limit`. */
function distance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

/** Up to three names of the list close to `named` (containing it, contained in it, or a few characters off). */
export function closeMatches(named: string, names: readonly string[]): string[] {
  const k = nameKey(named);
  const limit = Math.max(1, Math.floor(k.length / 4));
  return names
    .map((n) => ({ n, k: nameKey(n) }))
    .filter((x) => x.k.includes(k) || k.includes(x.k) || distance(k, x.k, limit) <= limit)
    .slice(0, 3)
    .map((x) => x.n);
}

const suggest = (close: string[]) =>
  close.length
    ? { zh: `；是否是：${close.map((c) => `“${c}”`).join('、')}？`, en: `; did you mean ${close.map((c) => `“${c}”`).join(', ')}?` }
    : { zh: '', en: '' };

/** Every organisation, found by code and by full name. */
export class Organisations {
  private constructor(
    private readonly byCode: Map<string, Org[]>,
    private readonly byName: Map<string, Org[]>,
    private readonly all: Org[],
  ) {}

  static async load(db: Queryable, roots: readonly number[] | null): Promise<Organisations> {
    const { rows } = await db.query<Org>(
      `select o.id, o.code, o.name, o.kind, o.path, ${inScopeSql('o.path', '$1')} as "inScope",
         (o.dissolved_on is not null and o.dissolved_on <= $2::date) as dissolved,
         (select h.id from hospital h where h.committee_id = any(string_to_array(trim(both '/' from o.path), '/')::int[]) order by h.id limit 1) as hospital,
         coalesce((select a.path from organization a where a.id = any(string_to_array(trim(both '/' from o.path), '/')::int[])
           and a.kind <> 'party_group' order by a.depth desc limit 1), o.path) as "holderPath"
       from organization o order by o.id`,
      [roots, today()],
    );
    const group = (by: (o: Org) => string | null) => {
      const out = new Map<string, Org[]>();
      for (const o of rows) {
        const k = by(o);
        if (k) out.set(k, [...(out.get(k) ?? []), o]);
      }
      return out;
    };
    return new Organisations(
      group((o) => (o.code ? nameKey(o.code) : null)),
      group((o) => nameKey(o.name)),
      rows,
    );
  }

  /** Whether the organisation of this id lies in the importer's scope. */
  inScope(id: number): boolean {
    return this.all.some((o) => o.id === id && o.inScope);
  }

  /** The one active organisation in the scope a name (code or full name) gives, or null (no problem added). */
  peek(named: string): Org | null {
    const visible = (this.byCode.get(nameKey(named)) ?? this.byName.get(nameKey(named)) ?? []).filter((o) => o.inScope && !o.dissolved);
    return visible.length === 1 ? visible[0] : null;
  }

  /**
   * The organisation a row's cell names (code first, then full name) among `kinds` (all when absent), or null after a
   * problem; a dissolved one only for a record of its past (`past`).
   */
  find(c: Checker, r: SheetRecord, field: string, kinds?: readonly string[], past = false): Org | null {
    const named = String(r.values[field]);
    const fits = (o: Org) => !kinds || kinds.includes(o.kind);
    const found = (this.byCode.get(nameKey(named)) ?? this.byName.get(nameKey(named)) ?? []).filter(fits);
    const visible = found.filter((o) => o.inScope);
    if (!visible.length && found.length) {
      c.add(r, field, Reason.authOutOfScope, `党组织“${named}”不在您的管辖范围内`, `organisation “${named}” is outside your scope`);
      return null;
    }
    if (!visible.length) {
      const s = suggest(
        closeMatches(
          named,
          this.all.filter((o) => o.inScope && fits(o)).map((o) => o.name),
        ),
      );
      c.add(
        r,
        field,
        Reason.idNotFound,
        `您的管辖范围内没有党组织“${named}”（按编码或完整名称查找；不会新建组织）${s.zh}`,
        `no organisation “${named}” in your scope (looked up by code or full name; none is created)${s.en}`,
      );
      return null;
    }
    if (visible.length > 1) {
      c.add(
        r,
        field,
        Reason.inputInconsistent,
        `有 ${visible.length} 个党组织叫“${named}”：请填写编码（${visible.map((o) => o.code ?? '无编码').join('、')}）`,
        `${visible.length} organisations are named “${named}”: give the code (${visible.map((o) => o.code ?? 'no code').join(', ')})`,
      );
      return null;
    }
    if (visible[0].dissolved && !past) {
      c.add(r, field, Reason.notEligible, `党组织“${named}”已撤销`, `organisation “${named}” is dissolved`);
      return null;
    }
    return visible[0];
  }
}

export interface Dept {
  id: number;
  name: string;
  hospital: number;
  hospitalName: string;
  /** The organisation its records count under: its branch, else its hospital's committee. */
  org: number;
  inScope: boolean;
}

/** Every department, found by full name (within a hospital when one is given). */
export class Departments {
  private constructor(
    private readonly byName: Map<string, Dept[]>,
    private readonly all: Dept[],
  ) {}

  static async load(db: Queryable, roots: readonly number[] | null): Promise<Departments> {
    const { rows } = await db.query<Dept>(
      `select d.id, d.name, d.hospital_id as hospital, h.name as "hospitalName", o.id as org, ${inScopeSql('o.path', '$1')} as "inScope"
       from department d join hospital h on h.id = d.hospital_id join organization o on o.id = coalesce(d.branch_id, h.committee_id)
       order by d.id`,
      [roots],
    );
    const byName = new Map<string, Dept[]>();
    for (const d of rows) byName.set(nameKey(d.name), [...(byName.get(nameKey(d.name)) ?? []), d]);
    return new Departments(byName, rows);
  }

  /** The department a row's cell names, in `hospital` when given, or null after a problem. */
  find(c: Checker, r: SheetRecord, field: string, hospital: number | null): Dept | null {
    const named = String(r.values[field]);
    const found = (this.byName.get(nameKey(named)) ?? []).filter((d) => hospital == null || d.hospital === hospital);
    const visible = found.filter((d) => d.inScope);
    if (!visible.length && found.length) {
      c.add(r, field, Reason.authOutOfScope, `科室“${named}”不在您的管辖范围内`, `department “${named}” is outside your scope`);
      return null;
    }
    if (!visible.length) {
      const s = suggest(
        closeMatches(
          named,
          this.all.filter((d) => d.inScope && (hospital == null || d.hospital === hospital)).map((d) => d.name),
        ),
      );
      c.add(
        r,
        field,
        Reason.idNotFound,
        `没有科室“${named}”（按完整名称查找）${s.zh}`,
        `no department “${named}” (looked up by full name)${s.en}`,
      );
      return null;
    }
    if (visible.length > 1) {
      c.add(
        r,
        field,
        Reason.inputInconsistent,
        `有 ${visible.length} 个科室叫“${named}”（${visible.map((d) => d.hospitalName).join('、')}）：请填写“医院”列`,
        `${visible.length} departments are named “${named}” (${visible.map((d) => d.hospitalName).join(', ')}): fill in the hospital column`,
      );
      return null;
    }
    return visible[0];
  }
}

export interface Hospital {
  id: number;
  name: string;
  committee: number;
  inScope: boolean;
}

/**
 * Runs a GraphQL write's own rule functions (they add to a Problems) on a row: each problem placed at the
 * row's cell of its field (a write's field renamed to the column's by `fields`). What `rules` returned when the
 * row passed, else null.
 */
export function writeRules<T>(c: Checker, r: SheetRecord, rules: (p: Problems) => T, fields: Record<string, string> = {}): T | null {
  const p = new Problems('row');
  const out = rules(p);
  for (const x of p.list) {
    const f = x.field.slice('row.'.length);
    c.add(r, fields[f] ?? f, x.reason, x.zh, x.en);
  }
  return p.ok ? out : null;
}

/** Every hospital, by full name. */
export async function hospitals(db: Queryable, roots: readonly number[] | null): Promise<Map<string, Hospital[]>> {
  const { rows } = await db.query<Hospital>(
    `select h.id, h.name, h.committee_id as committee, ${inScopeSql('o.path', '$1')} as "inScope"
     from hospital h join organization o on o.id = h.committee_id order by h.id`,
    [roots],
  );
  const out = new Map<string, Hospital[]>();
  for (const h of rows) out.set(nameKey(h.name), [...(out.get(nameKey(h.name)) ?? []), h]);
  return out;
}

export interface Person {
  id: number;
  hospital: number;
  idCardNo: string | null;
  staffNo: string | null;
  org: number;
  path: string;
  inScope: boolean;
}

/** A person's key in `people`'s answer: by ID-card number, or by staff number. */
const cardKey = (hospital: number, idCard: string) => `${hospital}|${idCard}`;
const staffKey = (hospital: number, staffNo: string) => `${hospital}|staff:${staffNo}`;

/**
 * The people with these ID-card numbers (or staff numbers), by `hospital|idCardNo` and `hospital|staff:staffNo`
 * (several with one number: the key holds them all).
 */
export async function people(
  db: Queryable,
  idCards: readonly string[],
  roots: readonly number[] | null,
  staffNos: readonly string[] = [],
): Promise<Map<string, Person[]>> {
  const { rows } = await db.query<Person>(
    `select m.id, m.hospital_id as hospital, m.id_card_no as "idCardNo", m.staff_no as "staffNo", m.organization_id as org, o.path,
       ${inScopeSql('o.path', '$2')} as "inScope"
     from member m join organization o on o.id = m.organization_id
     where m.id_card_no = any($1::text[]) or m.staff_no = any($3::text[]) order by m.id`,
    [[...new Set(idCards)], roots, [...new Set(staffNos)]],
  );
  const out = new Map<string, Person[]>();
  const add = (k: string, m: Person) => out.set(k, [...(out.get(k) ?? []), m]);
  for (const m of rows) {
    if (m.idCardNo) add(cardKey(m.hospital, m.idCardNo), m);
    if (m.staffNo) add(staffKey(m.hospital, m.staffNo), m);
  }
  return out;
}

/** The person a row's ID-card cell names in `hospital`, or null after a problem (the number itself is never in a message). */
export function personOf(c: Checker, r: SheetRecord, field: string, hospital: number, all: Map<string, Person[]>): Person | null {
  return onePerson(c, r, field, all.get(cardKey(hospital, String(r.values[field]))) ?? [], {
    zh: '本院没有身份证号为此的人员：请先导入党员名册',
    en: 'no person of the hospital has this ID-card number: import the members roll first',
    severalZh: '库中已有多名人员使用该身份证号，请先更正',
    severalEn: 'several stored people have this ID-card number: correct them first',
  });
}

interface NotOne {
  zh: string;
  en: string;
  severalZh: string;
  severalEn: string;
}

/** The one person found, or null after a problem: none, several, or one outside the scope. */
function onePerson(c: Checker, r: SheetRecord, field: string, found: Person[], none: NotOne): Person | null {
  if (!found.length) {
    c.add(r, field, Reason.idNotFound, none.zh, none.en);
    return null;
  }
  if (found.length > 1) {
    c.add(r, field, Reason.duplicate, none.severalZh, none.severalEn);
    return null;
  }
  if (!found[0].inScope) {
    c.add(r, field, Reason.authOutOfScope, '该人员属于您管辖范围外的党组织', 'this person belongs to an organisation outside your scope');
    return null;
  }
  return found[0];
}

/** The hospital a row's cell names by full name (null: none named; undefined: a problem). */
export function hospitalNamed(c: Checker, r: SheetRecord, field: string, hosps: Map<string, Hospital[]>): Hospital | null | undefined {
  if (r.values[field] === undefined) return null;
  const found = hosps.get(nameKey(String(r.values[field]))) ?? [];
  const visible = found.filter((h) => h.inScope);
  if (visible.length === 1) return visible[0];
  if (found.length && !visible.length)
    c.add(r, field, Reason.authOutOfScope, '这家医院不在您的管辖范围内', 'this hospital is outside your scope');
  else
    c.add(
      r,
      field,
      Reason.idNotFound,
      '您的管辖范围内没有这家医院（按全称查找）',
      'no such hospital in your scope (looked up by full name)',
    );
  return undefined;
}

/**
 * The person a row's ID-card cell names, in `hospital` when given, else in any hospital (the one in the scope
 * with that number), or null after a problem (the number itself is never in a message).
 */
export function personNamed(c: Checker, r: SheetRecord, field: string, all: Map<string, Person[]>, hospital: number | null): Person | null {
  const id = String(r.values[field]);
  const found =
    hospital != null
      ? (all.get(cardKey(hospital, id)) ?? [])
      : [...all.entries()].filter(([k]) => !k.includes('|staff:')).flatMap(([, ps]) => ps.filter((p) => p.idCardNo === id));
  const visible = found.filter((p) => p.inScope);
  if (visible.length === 1) return visible[0];
  if (found.length && !visible.length)
    c.add(r, field, Reason.authOutOfScope, '该人员属于您管辖范围外的党组织', 'this person belongs to an organisation outside your scope');
  else if (visible.length > 1)
    c.add(
      r,
      field,
      Reason.duplicate,
      '有多名人员使用该身份证号：请填写“医院”列，或先更正',
      'several people have this ID-card number: fill in the hospital, or correct them first',
    );
  else
    c.add(
      r,
      field,
      Reason.idNotFound,
      '没有身份证号为此的人员：请先导入党员名册',
      'no person has this ID-card number: import the members roll first',
    );
  return null;
}

/**
 * The person a row names in `hospital` by its ID-card cell (`card`) or its staff-number cell (`staff`): one of
 * them is needed; when both are given they must name the same person. Null after a problem.
 */
export function personByCardOrStaff(
  c: Checker,
  r: SheetRecord,
  fields: { card: string; staff: string },
  hospital: number,
  all: Map<string, Person[]>,
): Person | null {
  const card = r.values[fields.card];
  const staff = r.values[fields.staff];
  if (card === undefined && staff === undefined) {
    c.add(r, fields.card, Reason.inputRequired, '须填写身份证号或工号', 'give the ID-card number or the staff number');
    return null;
  }
  const byStaff = () =>
    onePerson(c, r, fields.staff, all.get(staffKey(hospital, String(staff))) ?? [], {
      zh: '本院没有工号为此的人员：请先在党员名册中填写工号',
      en: 'no person of the hospital has this staff number: give it in the members roll first',
      severalZh: '库中已有多名人员使用该工号，请先更正',
      severalEn: 'several stored people have this staff number: correct them first',
    });
  if (card === undefined) return byStaff();
  const person = personOf(c, r, fields.card, hospital, all);
  if (!person || staff === undefined) return person;
  const other = byStaff();
  if (other && other.id !== person.id)
    c.add(
      r,
      fields.staff,
      Reason.inputInconsistent,
      '身份证号与工号分别属于两名不同的人员：请核对',
      'the ID-card number and the staff number belong to two different people: check them',
    );
  return other && other.id === person.id ? person : null;
}

/** Rows whose key was seen earlier in the sheet: each a problem naming the first row. */
export function duplicateKeys(
  c: Checker,
  records: readonly SheetRecord[],
  field: string | ((r: SheetRecord) => string),
  keyOf: (r: SheetRecord) => string | null,
  what: { zh: string; en: string },
): void {
  const first = new Map<string, number>();
  for (const r of records) {
    const k = keyOf(r);
    if (k == null) continue;
    const seen = first.get(k);
    if (seen == null) first.set(k, r.row);
    else
      c.add(
        r,
        typeof field === 'string' ? field : field(r),
        Reason.inputDuplicate,
        `与第 ${seen} 行重复（${what.zh}）`,
        `the same as row ${seen} (${what.en})`,
      );
  }
}

/**
 * A date as the writes take it (Problems.plausibleDate): not before the earliest fact; not after today for a
 * fact that happened ('past'), a year ahead for a planned one ('planned').
 */
export function plausibleDate(c: Checker, r: SheetRecord, field: string, when: 'past' | 'planned' = 'past'): boolean {
  const on = String(r.values[field]);
  const latest = when === 'past' ? today() : addDays(today(), PLANNING_HORIZON_DAYS);
  if (on >= EARLIEST_FACT && on <= latest) return true;
  c.add(
    r,
    field,
    Reason.dateOutOfRange,
    on < EARLIEST_FACT
      ? `日期不能早于 ${EARLIEST_FACT}`
      : when === 'past'
        ? '已发生的事实日期不能晚于今天'
        : `日期不能晚于 ${latest}（一年内）`,
    on < EARLIEST_FACT
      ? `a date cannot be before ${EARLIEST_FACT}`
      : when === 'past'
        ? 'a fact that happened cannot be dated after today'
        : `a date cannot be after ${latest} (a year ahead)`,
  );
  return false;
}
