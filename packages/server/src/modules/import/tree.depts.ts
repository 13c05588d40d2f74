/**
 * The 科室 and 支部科室 sheets planned (reads only). Both are the hospital committee's to write, as
 * reference.writes.ts's createDepartment, updateDepartment and linkBranchDepartment are: a row whose hospital's
 * committee lies outside the importer's scope (a branch secretary's, always) is auth/out_of_scope.
 *
 * A department is its hospital and name: new ones created (under a parent department stored or in the sheet;
 * a cycle in the file is a problem on each row of it), a changed type updated, the rest unchanged; a different
 * parent is a problem (updateDepartment changes it), a closed department's name too. A link is its branch
 * (stored or a row of the 党组织 sheet), department (of the branch's hospital, stored or in the 科室 sheet) and
 * start: new ones checked as linkBranchDepartment checks them (a branch or joint branch, not dissolved by the
 * start day — a start before the branch's recorded founding is let be, as in tree.orgs.ts —, no overlap with the department's other links by the same rule: reference.writes.ts linksClash); an end
 * date ends a stored open link (endBranchDepartmentLink); a stored link that ended otherwise is a problem.
 */
import { BRANCH_KIND_VALUES } from '../../domain/enums.js';
import { EARLIEST_FACT, today } from '../../domain/dates.js';
import { Reason } from '../../errors.js';
import type { Queryable } from '../../indicators/cells.js';
import { linksClash, overlapMessage } from '../organization/reference.writes.js';
import { Checker, closeMatches, duplicateKeys, hospitals, nameKey, type Hospital } from './lookup.js';
import type { ParsedSheet, SheetRecord } from './rows.js';
import { lineTarget, type OrgLine } from './tree.orgs.js';
import {
  lineNamed,
  onCycles,
  parentsFirst,
  storedLinks,
  storedNamed,
  type StoredDept,
  type StoredLink,
  type StoredOrgs,
} from './tree.lookup.js';

export interface DeptLine {
  r: SheetRecord;
  nameKey: string;
  name: string;
  hospital: Hospital;
  parentLine: DeptLine | null;
  parentStored: StoredDept | null;
  existing: StoredDept | null;
}

export interface NewDept {
  key: string;
  hospital: number;
  parent: number | string | null;
  name: string;
  type: string;
}

export interface NewLink {
  branch: number | string;
  department: number | string;
  from: string;
  to: string | null;
  primary: boolean;
}

export interface RefSheetsPlan {
  depts: { create: NewDept[]; update: { id: number; name: string; type: string; parent: number | null }[]; unchanged: number };
  links: { create: NewLink[]; end: { id: number; to: string }[]; unchanged: number };
  orgIds: Set<number>;
  /** The earliest start of a link written. */
  from: string | null;
}

const deptKey = (hospital: number, name: string) => `dept:${hospital}|${nameKey(name)}`;
const deptTarget = (l: DeptLine): number | string => l.existing?.id ?? deptKey(l.hospital.id, l.name);

type Hospitals = Awaited<ReturnType<typeof hospitals>>;

const OUT_OF_SCOPE = {
  zh: '科室及支部—科室对应由医院党委维护：该医院的党委不在您的管辖范围内',
  en: 'departments and branch links are the hospital committee’s to keep: its committee is outside your scope',
};

/** The hospital of a 科室 row: named, else the only one in the scope (undefined after a problem). */
function hospitalOf(c: Checker, r: SheetRecord, hosps: Hospitals): Hospital | undefined {
  const all = [...hosps.values()].flat();
  const named = r.values.hospital !== undefined ? (hosps.get(nameKey(String(r.values.hospital))) ?? []) : all;
  const visible = named.filter((h) => h.inScope);
  if (visible.length === 1) return visible[0];
  if (named.length && !visible.length) c.add(r, 'hospital', Reason.authOutOfScope, OUT_OF_SCOPE.zh, OUT_OF_SCOPE.en);
  else if (visible.length > 1)
    c.add(r, 'hospital', Reason.inputRequired, '您管辖多家医院：请填写“医院”', 'you reach several hospitals: fill in the hospital');
  else c.add(r, 'hospital', Reason.idNotFound, '没有这家医院（按全称查找）', 'no such hospital (looked up by full name)');
  return undefined;
}

/** A 科室 row's parent department: a row of the sheet in the same hospital, else a stored open one. */
function deptParent(c: Checker, l: DeptLine, lines: readonly DeptLine[], stored: readonly StoredDept[]): void {
  if (l.r.values.parent === undefined) return;
  const named = String(l.r.values.parent);
  const k = nameKey(named);
  l.parentLine = lines.find((x) => x !== l && x.hospital.id === l.hospital.id && x.nameKey === k) ?? null;
  if (l.parentLine) return;
  const mine = stored.filter((d) => d.hospital === l.hospital.id && d.closed_on == null);
  l.parentStored = mine.find((d) => nameKey(d.name) === k) ?? null;
  if (l.parentStored) return;
  const close = closeMatches(
    named,
    mine.map((d) => d.name),
  );
  c.add(
    l.r,
    'parent',
    Reason.idNotFound,
    `没有科室“${named}”（按完整名称查找，本表中和已有的）${close.length ? `；是否是：${close.join('、')}？` : ''}`,
    `no department “${named}” (by full name, in this sheet and stored)${close.length ? `; did you mean ${close.join(', ')}?` : ''}`,
  );
}

/** A stored department's row: open, the same parent when one is given; a new type an update. */
function checkStoredDept(c: Checker, l: DeptLine, plan: RefSheetsPlan): void {
  const d = l.existing!;
  if (d.closed_on) {
    c.add(l.r, 'name', Reason.departmentClosed, `该科室已于 ${d.closed_on} 撤销`, `this department closed on ${d.closed_on}`);
    return;
  }
  const parent = l.parentStored?.id ?? (l.parentLine ? deptTarget(l.parentLine) : undefined);
  if (parent !== undefined && parent !== d.parent_id)
    c.add(
      l.r,
      'parent',
      Reason.inputInconsistent,
      '已有科室的上级科室不同：导入不修改上级科室，请在科室页面或接口中修改（updateDepartment）',
      'the stored department has another parent: an import does not change it; change it in the departments page or API (updateDepartment)',
    );
  else if (String(l.r.values.type) !== d.type) {
    plan.depts.update.push({ id: d.id, name: d.name, type: String(l.r.values.type), parent: d.parent_id });
    plan.orgIds.add(d.org);
  } else plan.depts.unchanged++;
}

/** The 科室 sheet: departments to create (parents first), to update, left unchanged. */
export function planDeptSheet(
  c: Checker,
  sheet: ParsedSheet,
  stored: readonly StoredDept[],
  hosps: Hospitals,
  plan: RefSheetsPlan,
): DeptLine[] {
  const lines: DeptLine[] = [];
  for (const r of sheet.records) {
    const h = r.bad ? undefined : hospitalOf(c, r, hosps);
    if (!h) continue;
    const name = String(r.values.name);
    const existing = stored.find((d) => d.hospital === h.id && nameKey(d.name) === nameKey(name)) ?? null;
    lines.push({ r, nameKey: nameKey(name), name, hospital: h, parentLine: null, parentStored: null, existing });
  }
  const keys = new Map(lines.map((l) => [l.r, deptKey(l.hospital.id, l.name)]));
  duplicateKeys(c, sheet.records, 'name', (r) => keys.get(r) ?? null, {
    zh: '同一医院的同一科室',
    en: 'the same department of a hospital',
  });
  for (const l of lines) if (!l.r.bad) deptParent(c, l, lines, stored);
  for (const l of onCycles(lines, (x) => x.parentLine))
    c.add(l.r, 'parent', Reason.orgCycle, '上级科室在文件中构成循环', 'the parent departments in the file form a cycle');
  for (const l of lines) {
    if (l.r.bad) continue;
    if (l.existing) checkStoredDept(c, l, plan);
    else plan.orgIds.add(l.hospital.committee);
  }
  const fresh = lines.filter((l) => !l.r.bad && !l.existing);
  for (const l of parentsFirst(fresh, (x) => x.parentLine))
    plan.depts.create.push({
      key: deptKey(l.hospital.id, l.name),
      hospital: l.hospital.id,
      parent: l.parentStored?.id ?? (l.parentLine ? deptTarget(l.parentLine) : null),
      name: l.name,
      type: String(l.r.values.type),
    });
  for (const l of lines) if (!l.r.bad) plan.orgIds.add(l.hospital.committee);
  return lines;
}

/** What the link sheet looks its cells up in. */
export interface LinkLookups {
  orgLines: readonly OrgLine[];
  orgs: StoredOrgs;
  deptLines: readonly DeptLine[];
  depts: readonly StoredDept[];
  hospitalsById: Map<number, Hospital>;
}

/** A link's branch: a branch or joint branch, of a hospital the importer keeps, active on the start day. */
interface LinkBranch {
  target: number | string;
  hospital: Hospital;
  dissolved: string | null;
}

function linkBranch(c: Checker, r: SheetRecord, x: LinkLookups): LinkBranch | null {
  const line = lineNamed(x.orgLines, String(r.values.branch));
  if (line?.r.bad) return null;
  const o = line ? null : storedNamed(c, r, 'branch', x.orgs);
  if (!line && !o) return null;
  const kind = line?.kind ?? o!.kind;
  if (!BRANCH_KIND_VALUES.includes(kind)) {
    c.add(r, 'branch', Reason.orgKindNotAllowed, '须为党支部或联合党支部', 'must be a branch or a joint branch');
    return null;
  }
  const hospital = x.hospitalsById.get((line ? line.hospital : o!.hospital) ?? -1);
  if (!hospital) {
    c.add(r, 'branch', Reason.notInOrganization, '该支部不属于任何医院', 'this branch belongs to no hospital');
    return null;
  }
  if (!hospital.inScope) {
    c.add(r, 'department', Reason.authOutOfScope, OUT_OF_SCOPE.zh, OUT_OF_SCOPE.en);
    return null;
  }
  return { target: line ? lineTarget(line) : o!.id, hospital, dissolved: line?.existing?.dissolved_on ?? o?.dissolved_on ?? null };
}

/** A link's department in the branch's hospital: a row of the 科室 sheet or a stored open one. */
function linkDept(
  c: Checker,
  r: SheetRecord,
  b: LinkBranch,
  x: LinkLookups,
): { target: number | string; stored: StoredDept | null } | null {
  const k = nameKey(String(r.values.department));
  const line = x.deptLines.find((l) => l.hospital.id === b.hospital.id && l.nameKey === k);
  if (line) return line.r.bad ? null : { target: deptTarget(line), stored: line.existing };
  const d = x.depts.find((s) => s.hospital === b.hospital.id && nameKey(s.name) === k);
  if (d?.closed_on)
    c.add(r, 'department', Reason.departmentClosed, `该科室已于 ${d.closed_on} 撤销`, `this department closed on ${d.closed_on}`);
  else if (!d)
    c.add(
      r,
      'department',
      Reason.idNotFound,
      `${b.hospital.name}没有科室“${String(r.values.department)}”（按完整名称查找，“科室”表中和已有的）`,
      `${b.hospital.name} has no department “${String(r.values.department)}” (by full name, in the 科室 sheet and stored)`,
    );
  return d && !d.closed_on ? { target: d.id, stored: d } : null;
}

/** linkBranchDepartment's and endBranchDepartmentLink's date rules: plausible days, the branch not dissolved by the start, an end not before it. */
function linkDates(c: Checker, r: SheetRecord, b: LinkBranch): boolean {
  const from = String(r.values.validFrom);
  const to = r.values.validTo !== undefined ? String(r.values.validTo) : null;
  for (const [field, on] of [
    ['validFrom', from],
    ['validTo', to],
  ] as const)
    if (on != null && (on < EARLIEST_FACT || on > today()))
      c.add(
        r,
        field,
        Reason.dateOutOfRange,
        on < EARLIEST_FACT ? `日期不能早于 ${EARLIEST_FACT}` : '日期不能晚于今天',
        on < EARLIEST_FACT ? `a date cannot be before ${EARLIEST_FACT}` : 'the date cannot be after today',
      );
  if (to != null && to < from) c.add(r, 'validTo', Reason.dateOutOfRange, '截止日期不能早于起始日期', 'the end cannot be before the start');
  if (b.dissolved != null && b.dissolved <= from)
    c.add(r, 'branch', Reason.orgDissolved, `该支部已于 ${b.dissolved} 撤销`, `this branch was dissolved on ${b.dissolved}`);
  return !r.bad;
}

interface LinkLine {
  r: SheetRecord;
  link: NewLink;
  stored: StoredDept | null;
  branchStored: number | null;
  hospital: Hospital;
}

/** The 支部科室 sheet's rows with their branch, department and dates found and fitting. */
function linkLines(c: Checker, sheet: ParsedSheet, x: LinkLookups): LinkLine[] {
  const out: LinkLine[] = [];
  for (const r of sheet.records) {
    const b = r.bad ? null : linkBranch(c, r, x);
    const d = b ? linkDept(c, r, b, x) : null;
    if (!b || !d || !linkDates(c, r, b)) continue;
    const v = r.values;
    const link: NewLink = {
      branch: b.target,
      department: d.target,
      from: String(v.validFrom),
      to: v.validTo !== undefined ? String(v.validTo) : null,
      primary: v.isPrimary !== undefined ? Boolean(v.isPrimary) : true,
    };
    out.push({ r, link, stored: d.stored, branchStored: typeof b.target === 'number' ? b.target : null, hospital: b.hospital });
  }
  return out;
}

/** A row naming a stored link: unchanged, or an end date that ends it while open; otherwise a problem. */
function storedLinkRow(c: Checker, l: LinkLine, s: StoredLink, plan: RefSheetsPlan): void {
  const v = l.r.values;
  if (v.isPrimary !== undefined && Boolean(v.isPrimary) !== s.primary)
    c.add(
      l.r,
      'isPrimary',
      Reason.inputInconsistent,
      '已有对应关系的“主要对应”不能通过导入修改',
      'an existing link’s primary flag cannot be changed by an import',
    );
  else if (l.link.to == null || l.link.to === s.to) plan.links.unchanged++;
  else if (s.to != null)
    c.add(l.r, 'validTo', Reason.inputInconsistent, `该对应关系已于 ${s.to} 结束`, `this link ended on ${s.to} already`);
  else {
    plan.links.end.push({ id: s.id, to: l.link.to });
    s.to = l.link.to;
    for (const o of [s.branch, l.stored!.org, l.hospital.committee]) plan.orgIds.add(o);
    if (!plan.from || l.link.to < plan.from) plan.from = l.link.to;
  }
}

const keyOf = (l: NewLink) => `${l.branch}|${l.department}|${l.from}`;

/** The 支部科室 sheet: links to create, to end, left unchanged; overlaps by reference.writes.ts's rule. */
export async function planLinkSheet(c: Checker, db: Queryable, sheet: ParsedSheet, x: LinkLookups, plan: RefSheetsPlan): Promise<void> {
  const lines = linkLines(c, sheet, x);
  const keys = new Map(lines.map((l) => [l.r, keyOf(l.link)]));
  duplicateKeys(c, sheet.records, 'validFrom', (r) => keys.get(r) ?? null, {
    zh: '同一支部、科室和起始日期',
    en: 'the same branch, department and start',
  });
  const stored = await storedLinks(
    db,
    lines.flatMap((l) => (l.stored ? [l.stored.id] : [])),
  );
  const fresh: LinkLine[] = [];
  for (const l of lines) {
    if (l.r.bad) continue;
    const s = stored.find((k) => k.branch === l.link.branch && k.department === l.link.department && k.from === l.link.from);
    if (s) storedLinkRow(c, l, s, plan);
    else fresh.push(l);
  }
  for (const [i, l] of fresh.entries()) {
    if (l.r.bad) continue;
    const clash = stored.find((s) => s.department === l.link.department && linksClash(l.link, s));
    const inFile = fresh.slice(0, i).find((o) => !o.r.bad && o.link.department === l.link.department && linksClash(l.link, o.link));
    if (clash) c.add(l.r, 'validFrom', Reason.linkOverlap, ...overlapMessage(clash.id));
    else if (inFile)
      c.add(
        l.r,
        'validFrom',
        Reason.linkOverlap,
        `与第 ${inFile.r.row} 行的对应关系有效期重叠`,
        `overlaps the validity of the link of row ${inFile.r.row}`,
      );
    else {
      plan.links.create.push(l.link);
      for (const o of [l.branchStored, l.stored?.org, l.hospital.committee]) if (o != null) plan.orgIds.add(o);
      if (!plan.from || l.link.from < plan.from) plan.from = l.link.from;
    }
  }
}
