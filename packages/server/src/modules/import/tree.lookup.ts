/**
 * What the organisation tree import reads once per file: the active organisations (with their hospital and
 * whether the importer reaches them), the departments and the branch–department links of the departments
 * named; and the small helpers its sheets share (a parent reference in the file or stored, cycles in a file,
 * a write's rule checked on a row).
 */
import { today } from '../../domain/dates.js';
import type { OrgKind } from '../../domain/enums.js';
import { Reason } from '../../errors.js';
import { Problems } from '../../graphql/problems.js';
import type { Queryable } from '../../indicators/cells.js';
import type { OrgRow } from '../organization/organization.rules.js';
import { closeMatches, nameKey, type Checker } from './lookup.js';
import type { SheetRecord } from './rows.js';

/** An active organisation as the tree import sees it. */
export interface StoredOrg extends OrgRow {
  term_start: string | null;
  term_years: number | null;
  /** The hospital whose committee lies on its path (null: none). */
  hospital: number | null;
  inScope: boolean;
}

const IN_SCOPE = (path: string, param: string) =>
  `(${param}::int[] is null or string_to_array(trim(both '/' from ${path}), '/')::int[] && ${param}::int[])`;

/** The active organisations, by folded code and by folded name. */
export interface StoredOrgs {
  all: readonly StoredOrg[];
  byCode: Map<string, StoredOrg[]>;
  byName: Map<string, StoredOrg[]>;
}

function grouped(rows: readonly StoredOrg[], by: (o: StoredOrg) => string | null): Map<string, StoredOrg[]> {
  const out = new Map<string, StoredOrg[]>();
  for (const o of rows) {
    const k = by(o);
    if (k != null) out.set(k, [...(out.get(k) ?? []), o]);
  }
  return out;
}

/** Every organisation active today. */
export async function activeOrgs(db: Queryable, roots: readonly number[] | null): Promise<StoredOrgs> {
  const { rows } = await db.query<StoredOrg>(
    `select o.id, o.parent_id, o.kind, o.name, o.code, o.category, o.path, o.founded_on::text, o.dissolved_on::text,
       o.term_start::text, o.term_years, ${IN_SCOPE('o.path', '$1')} as "inScope",
       (select h.id from hospital h where h.committee_id = any(string_to_array(trim(both '/' from o.path), '/')::int[]) order by h.id limit 1) as hospital
     from organization o where o.dissolved_on is null or o.dissolved_on > $2::date order by o.id`,
    [roots, today()],
  );
  return {
    all: rows,
    byCode: grouped(rows, (o) => (o.code ? nameKey(o.code) : null)),
    byName: grouped(rows, (o) => nameKey(o.name)),
  };
}

export interface StoredDept {
  id: number;
  hospital: number;
  name: string;
  type: string;
  parent_id: number | null;
  closed_on: string | null;
  /** The organisation it counts under: its branch, else its hospital's committee. */
  org: number;
}

export async function storedDepts(db: Queryable): Promise<StoredDept[]> {
  const { rows } = await db.query<StoredDept>(
    `select d.id, d.hospital_id as hospital, d.name, d.type, d.parent_id, d.closed_on::text, coalesce(d.branch_id, h.committee_id) as org
     from department d join hospital h on h.id = d.hospital_id order by d.id`,
  );
  return rows;
}

export interface StoredLink {
  id: number;
  branch: number;
  department: number;
  from: string;
  to: string | null;
  primary: boolean;
}

export async function storedLinks(db: Queryable, departments: readonly number[]): Promise<StoredLink[]> {
  const { rows } = await db.query<StoredLink>(
    `select id, branch_id as branch, department_id as department, valid_from::text as "from", valid_to::text as "to", is_primary as primary
     from branch_department where department_id = any($1::int[]) order by id`,
    [[...new Set(departments)]],
  );
  return rows;
}

/** Up to one stored organisation a name (code first, then full name) gives, or null after a problem on the row. */
export function storedNamed(c: Checker, r: SheetRecord, field: string, orgs: StoredOrgs): StoredOrg | null {
  const named = String(r.values[field]);
  const k = nameKey(named);
  const found = orgs.byCode.get(k) ?? orgs.byName.get(k) ?? [];
  const visible = found.filter((o) => o.inScope);
  if (visible.length === 1) return visible[0];
  if (found.length && !visible.length)
    c.add(r, field, Reason.authOutOfScope, `党组织“${named}”不在您的管辖范围内`, `organisation “${named}” is outside your scope`);
  else if (visible.length > 1)
    c.add(
      r,
      field,
      Reason.inputInconsistent,
      `有 ${visible.length} 个党组织叫“${named}”：请填写编码`,
      `${visible.length} organisations are named “${named}”: give the code`,
    );
  else {
    const close = closeMatches(
      named,
      orgs.all.filter((o) => o.inScope).map((o) => o.name),
    );
    const s = close.length ? { zh: `；是否是：${close.join('、')}？`, en: `; did you mean ${close.join(', ')}?` } : { zh: '', en: '' };
    c.add(
      r,
      field,
      Reason.idNotFound,
      `没有党组织“${named}”（按编码或完整名称查找，文件中和已有的；不会按名称新建组织）${s.zh}`,
      `no organisation “${named}” (looked up by code or full name, in the file and stored; none is created from a name)${s.en}`,
    );
  }
  return null;
}

/** The file rows among `lines` that a reference names: by key first, then by name; one or none. */
export function lineNamed<L extends { key: string; nameKey: string }>(lines: readonly L[], named: string, self?: L): L | null {
  const k = nameKey(named);
  const byKey = lines.filter((l) => l !== self && l.key === k);
  if (byKey.length) return byKey[0];
  const byName = lines.filter((l) => l !== self && l.nameKey === k);
  return byName.length === 1 ? byName[0] : null;
}

/** The lines on a cycle of `parentOf` (each line's parent among the lines, or null). */
export function onCycles<L>(lines: readonly L[], parentOf: (l: L) => L | null): Set<L> {
  const out = new Set<L>();
  for (const start of lines) {
    const seen = new Set<L>();
    let at: L | null = start;
    while (at && !seen.has(at)) {
      seen.add(at);
      at = parentOf(at);
    }
    if (at === start) for (const l of seen) out.add(l);
  }
  return out;
}

/** Lines ordered so that each comes after its parent among them (no cycles: onCycles removed them). */
export function parentsFirst<L>(lines: readonly L[], parentOf: (l: L) => L | null): L[] {
  const out: L[] = [];
  const placed = new Set<L>();
  const place = (l: L) => {
    if (placed.has(l)) return;
    placed.add(l);
    const p = parentOf(l);
    if (p && lines.includes(p)) place(p);
    out.push(l);
  };
  for (const l of lines) place(l);
  return out;
}

/** Runs a write's rule (one taking `Problems`) and puts what it finds on the row, each field at its column. */
export async function ruleOnRow(
  c: Checker,
  r: SheetRecord,
  fields: Record<string, string>,
  rule: (p: Problems) => void | Promise<void>,
): Promise<void> {
  const p = new Problems('row');
  await rule(p);
  for (const x of p.list) {
    const f = x.field.replace(/^row\./, '');
    c.add(r, fields[f] ?? f, x.reason, x.zh, x.en);
  }
}

/** A parent not yet founded (a row of the file) as organization.rules.ts's checks take an organisation. */
export const asOrgRow = (o: { kind: OrgKind; name: string; code: string; founded_on: string | null }): OrgRow => ({
  id: 0,
  parent_id: null,
  kind: o.kind,
  name: o.name,
  code: o.code,
  category: null,
  path: '',
  founded_on: o.founded_on,
  dissolved_on: null,
});
