/**
 * The 党组织 sheet planned (reads only): each row an organisation by its code. A row's parent is a row of the
 * sheet (by code, then by name) or an active organisation (by code, then by full name) — never created from a
 * name. A new organisation is checked as foundOrganization checks it (organization.rules.ts: the kind the
 * parent may have, a parent not dissolved by the founding day, a name and code unique among the siblings, a
 * term not before the founding) — but for the order of foundings: a tree loaded from a hospital's records
 * (or exported from another hub, the demo's included) has branches recorded before their general branch and
 * a committee founded in the new hub after all of them, so a parent founded later than its child is let be
 * (foundOrganization refuses it); a stored one (same code, same hospital) with another name is renamed, as
 * renameOrganization does, and one with another parent is a problem: the import never moves an organisation
 * (that is moveOrganization's succession). Kind, category, founding and term are fixed once founded: a row
 * that differs there is a problem, a blank keeps the stored value. A committee (or an upper body) row is only
 * matched with the existing one (by code, else by name), never founded: a hub's committee comes first, with
 * its hospital (createHospital). Parents come before their children in the plan; a cycle in the file is a
 * problem on each of its rows.
 */
import { today } from '../../domain/dates.js';
import { OrgKind, type OrgCategory } from '../../domain/enums.js';
import { Reason } from '../../errors.js';
import { checkKind, checkSiblings, type OrgRow } from '../organization/organization.rules.js';
import type { Queryable } from '../../indicators/cells.js';
import { Checker, duplicateKeys, nameKey } from './lookup.js';
import type { ParsedSheet, SheetRecord } from './rows.js';
import { asOrgRow, lineNamed, onCycles, parentsFirst, ruleOnRow, storedNamed, type StoredOrg, type StoredOrgs } from './tree.lookup.js';

/** Kinds the import only matches with an existing organisation. */
const MATCH_ONLY: readonly string[] = [OrgKind.COMMITTEE, OrgKind.UPPER_BODY];

export interface OrgLine {
  r: SheetRecord;
  /** The code, folded (the natural key). */
  key: string;
  nameKey: string;
  code: string;
  name: string;
  kind: OrgKind;
  parentLine: OrgLine | null;
  parentStored: StoredOrg | null;
  existing: StoredOrg | null;
  hospital: number | null;
}

/** An organisation to found: its parent a stored id or a new one's key. */
export interface NewOrg {
  key: string;
  parent: number | string;
  input: {
    kind: OrgKind;
    category: OrgCategory | null;
    name: string;
    code: string;
    foundedOn: string;
    termStart: string | null;
    termYears: number | null;
  };
}

export interface OrgSheetPlan {
  lines: OrgLine[];
  create: NewOrg[];
  renames: { id: number; before: string; name: string }[];
  unchanged: number;
  orgIds: Set<number>;
  /** The earliest founding of a new organisation. */
  from: string | null;
}

const FIELDS = { parentId: 'parent', foundedOn: 'foundedOn', termStart: 'termStart', kind: 'kind', name: 'name', code: 'code' };

const lineOf = (r: SheetRecord): OrgLine => ({
  r,
  key: nameKey(String(r.values.code)),
  nameKey: nameKey(String(r.values.name)),
  code: String(r.values.code),
  name: String(r.values.name),
  kind: r.values.kind as OrgKind,
  parentLine: null,
  parentStored: null,
  existing: null,
  hospital: null,
});

/** A committee (upper body) row: the stored one of its code, else of its name. */
function matchCommittee(c: Checker, l: OrgLine, stored: StoredOrgs): void {
  const fits = (o: StoredOrg) => o.kind === l.kind && (l.kind !== OrgKind.COMMITTEE || o.hospital != null);
  const byCode = (stored.byCode.get(l.key) ?? []).filter(fits);
  const found = byCode.length ? byCode : (stored.byName.get(l.nameKey) ?? []).filter(fits);
  const visible = found.filter((o) => o.inScope);
  if (visible.length === 1) {
    l.existing = visible[0];
    l.hospital = visible[0].hospital;
  } else if (found.length && !visible.length)
    c.add(l.r, 'code', Reason.authOutOfScope, '该党委不在您的管辖范围内', 'this committee is outside your scope');
  else if (visible.length > 1)
    c.add(l.r, 'code', Reason.inputInconsistent, '有多个党委与此行对应：请填写编码', 'several committees match this row: give the code');
  else
    c.add(
      l.r,
      'code',
      Reason.idNotFound,
      '没有这个党委（按编码或名称查找）：党委不会通过导入新建，请先成立党委并新建其医院',
      'no such committee (by code or name): a committee is never founded by an import; found it and create its hospital first',
    );
}

/** The row's parent: a row of the sheet, else a stored organisation (a problem when neither). */
function resolveParent(c: Checker, l: OrgLine, lines: readonly OrgLine[], stored: StoredOrgs): void {
  if (l.r.values.parent === undefined) {
    c.add(l.r, 'parent', Reason.inputRequired, '须填写上级组织（编码或完整名称）', 'the parent is required (code or full name)');
    return;
  }
  l.parentLine = lineNamed(lines, String(l.r.values.parent), l);
  if (!l.parentLine) l.parentStored = storedNamed(c, l.r, 'parent', stored);
}

/** The hospital a row lies in (its parent's), once the parents are known. */
function hospitalOf(l: OrgLine, seen = new Set<OrgLine>()): number | null {
  if (l.hospital != null || seen.has(l)) return l.hospital;
  seen.add(l);
  l.hospital = l.parentStored?.hospital ?? (l.parentLine ? hospitalOf(l.parentLine, seen) : null);
  return l.hospital;
}

/** What a link row's branch cell names when it is a row of the sheet: its stored id, or the new one's key. */
export const lineTarget = (l: OrgLine): number | string => l.existing?.id ?? `new:${l.key}`;

/** The parent a row names: a stored id, or a new row's key (undefined: not known). */
const parentTarget = (l: OrgLine): number | string | undefined =>
  l.parentStored?.id ?? (l.parentLine ? lineTarget(l.parentLine) : undefined);

/** The parent as the founding rules see it. */
function parentRow(l: OrgLine): OrgRow | null {
  if (l.parentStored) return l.parentStored;
  const p = l.parentLine;
  if (!p) return null;
  if (p.existing) return p.existing;
  const v = p.r.values;
  return asOrgRow({ kind: p.kind, name: p.name, code: p.code, founded_on: v.foundedOn !== undefined ? String(v.foundedOn) : null });
}

/** The stored organisation of a row's code in its hospital. */
function matchStored(c: Checker, l: OrgLine, stored: StoredOrgs): void {
  const h = hospitalOf(l);
  if (h == null) return;
  const found = (stored.byCode.get(l.key) ?? []).filter((o) => o.hospital === h && !MATCH_ONLY.includes(o.kind));
  if (found.length === 1) l.existing = found[0];
  else if (found.length > 1)
    c.add(
      l.r,
      'code',
      Reason.inputInconsistent,
      `本院有 ${found.length} 个党组织使用该编码：请先更正`,
      `${found.length} organisations of the hospital have this code: correct them first`,
    );
}

/** Checks a new organisation's row as foundOrganization checks its input. */
async function checkNew(c: Checker, db: Queryable, l: OrgLine): Promise<void> {
  const v = l.r.values;
  if (v.foundedOn === undefined) {
    c.add(l.r, 'foundedOn', Reason.inputRequired, '新建组织须填写成立日期', 'a new organisation needs its founding date');
    return;
  }
  const on = String(v.foundedOn);
  const parent = parentRow(l);
  const target = parentTarget(l);
  await ruleOnRow(c, l.r, FIELDS, async (p) => {
    if (!p.plausibleDate('foundedOn', on)) return;
    if (v.termStart !== undefined && String(v.termStart) < on)
      p.add('termStart', Reason.dateOutOfRange, '任期不能早于成立日期', 'a term cannot start before the founding');
    checkKind(p, 'kind', l.kind, parent);
    // Not checkActive: records loaded from the past disagree on founding days (see the header).
    if (parent?.dissolved_on != null && parent.dissolved_on <= on)
      p.add(
        'parentId',
        Reason.orgDissolved,
        `上级组织已于 ${parent.dissolved_on} 撤销`,
        `the parent was dissolved on ${parent.dissolved_on}`,
      );
    if (typeof target === 'number') await checkSiblings(db, p, { name: l.name, code: l.code }, target, on);
  });
}

/** Fields fixed once founded: a row that gives another value is a problem (a blank keeps the stored one). */
const FIXED = [
  { field: 'category', column: 'category', zh: '类别' },
  { field: 'foundedOn', column: 'founded_on', zh: '成立日期' },
  { field: 'termStart', column: 'term_start', zh: '本届任期开始' },
  { field: 'termYears', column: 'term_years', zh: '任期年限' },
] as const;

/** Checks a stored organisation's row: in scope, the same kind, parent and fixed fields; a new name a rename. */
async function checkExisting(c: Checker, db: Queryable, l: OrgLine, plan: OrgSheetPlan): Promise<void> {
  const o = l.existing!;
  if (!o.inScope) {
    c.add(l.r, 'code', Reason.authOutOfScope, `党组织“${o.name}”不在您的管辖范围内`, `organisation “${o.name}” is outside your scope`);
    return;
  }
  if (o.kind !== l.kind)
    c.add(
      l.r,
      'kind',
      Reason.inputInconsistent,
      '已有组织的类型不能通过导入修改',
      'an existing organisation’s kind cannot be changed by an import',
    );
  const target = parentTarget(l);
  if (!MATCH_ONLY.includes(o.kind) && target !== undefined && target !== o.parent_id)
    c.add(
      l.r,
      'parent',
      Reason.inputInconsistent,
      `已有组织“${o.name}”的上级不同：导入不会迁移组织，请在组织架构页面或接口中使用“迁移”（moveOrganization）`,
      `organisation “${o.name}” has another parent: an import never moves an organisation; use 迁移 (moveOrganization) in the tree page or API`,
    );
  for (const f of MATCH_ONLY.includes(o.kind) ? [] : FIXED) {
    const given = l.r.values[f.field];
    if (given !== undefined && given !== o[f.column])
      c.add(
        l.r,
        f.field,
        Reason.inputInconsistent,
        `已有组织的${f.zh}不能通过导入修改（现为 ${o[f.column] ?? '空'}）`,
        `an existing organisation’s ${f.field} cannot be changed by an import (stored: ${o[f.column] ?? 'blank'})`,
      );
  }
  if (l.r.bad || o.name === l.name) return;
  await ruleOnRow(c, l.r, FIELDS, (p) => checkSiblings(db, p, { name: l.name, code: null }, o.parent_id, today(), [o.id]));
  if (!l.r.bad) plan.renames.push({ id: o.id, before: o.name, name: l.name });
}

/** Two rows of the file giving one parent two children of one name (founded or renamed). */
function sameNames(c: Checker, lines: readonly OrgLine[]): void {
  const first = new Map<string, number>();
  for (const l of lines) {
    if (l.r.bad || (l.existing && l.existing.name === l.name)) continue;
    const k = `${String(parentTarget(l) ?? l.existing?.parent_id)}|${l.nameKey}`;
    const seen = first.get(k);
    if (seen == null) first.set(k, l.r.row);
    else c.add(l.r, 'name', Reason.inputDuplicate, `与第 ${seen} 行同一上级下重名`, `the same name under the same parent as row ${seen}`);
  }
}

/** The 党组织 sheet: organisations to found (parents first), to rename, left unchanged; every problem on its row. */
export async function planOrgSheet(c: Checker, db: Queryable, sheet: ParsedSheet, stored: StoredOrgs): Promise<OrgSheetPlan> {
  const plan: OrgSheetPlan = { lines: [], create: [], renames: [], unchanged: 0, orgIds: new Set(), from: null };
  duplicateKeys(c, sheet.records, 'code', (r) => (r.bad ? null : nameKey(String(r.values.code))), {
    zh: '同一组织代码',
    en: 'the same code',
  });
  const lines = sheet.records.filter((r) => !r.bad).map(lineOf);
  plan.lines = lines;
  for (const l of lines) {
    if (MATCH_ONLY.includes(l.kind)) matchCommittee(c, l, stored);
    else resolveParent(c, l, lines, stored);
  }
  for (const l of onCycles(lines, (x) => x.parentLine))
    c.add(l.r, 'parent', Reason.orgCycle, '上级组织在文件中构成循环', 'the parents in the file form a cycle');
  for (const l of lines) if (!l.r.bad && !MATCH_ONLY.includes(l.kind)) matchStored(c, l, stored);
  for (const l of lines) {
    if (l.r.bad) continue;
    if (l.existing) await checkExisting(c, db, l, plan);
    else if (!MATCH_ONLY.includes(l.kind)) await checkNew(c, db, l);
  }
  sameNames(c, lines);
  finishOrgs(plan, lines);
  return plan;
}

/** The new organisations parents first, the organisations to lock, the counts. */
function finishOrgs(plan: OrgSheetPlan, lines: readonly OrgLine[]): void {
  const fresh = lines.filter((l) => !l.r.bad && !l.existing);
  for (const l of parentsFirst(fresh, (x) => x.parentLine)) {
    const v = l.r.values;
    const parent = parentTarget(l)!;
    if (typeof parent === 'number') plan.orgIds.add(parent);
    const foundedOn = String(v.foundedOn);
    plan.create.push({
      key: `new:${l.key}`,
      parent,
      input: {
        kind: l.kind,
        category: v.category !== undefined ? (v.category as OrgCategory) : null,
        name: l.name,
        code: l.code,
        foundedOn,
        termStart: v.termStart !== undefined ? String(v.termStart) : null,
        termYears: v.termYears !== undefined ? Number(v.termYears) : null,
      },
    });
    if (!plan.from || foundedOn < plan.from) plan.from = foundedOn;
  }
  for (const x of plan.renames) plan.orgIds.add(x.id);
  plan.unchanged = lines.filter((l) => !l.r.bad && l.existing).length - plan.renames.length;
}
