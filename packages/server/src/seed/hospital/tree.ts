/**
 * The organisation tree: the committee, general branches, departments and the branches built on them
 * ("支部建在科室上"), with the dated branch ↔ department mapping. Smaller hospitals keep the larger departments.
 */
import { addMonths, dayOf, isoDay, ymd, type Day } from '../dates.js';
import type { Rng } from '../random.js';
import type { Sink } from '../tables.js';
import { clamp, type Branch, type Dept, type Hospital } from './model.js';
import { GENERAL_BRANCHES, type DeptSpec, type GeneralBranchSpec } from './shape.js';

/** A general branch being filled with its branches. */
interface General {
  h: Hospital;
  id: number;
  /** The tree's own random stream (founding years, terms, mapping dates). */
  treeRng: Rng;
  /** How much of the hospital shape a hospital of this size keeps. */
  keep: number;
}

/** What a new branch is founded with. */
type BranchSpec = Pick<Branch, 'name' | 'category' | 'deptIds' | 'weight' | 'surgical'>;

export function buildTree(h: Hospital): void {
  h.committeeId = addCommittee(h);
  h.hospitalId = addHospitalRecord(h);
  const treeRng = h.r('tree');
  const keep = clamp(0.35 + 0.65 * h.input.size, 0.3, 1);
  for (const spec of GENERAL_BRANCHES) addGeneralBranch(h, spec, treeRng, keep);
  for (const d of h.departments) d.branchId = h.branches.find((b) => b.deptIds.includes(d.id))?.id ?? null;
}

function addCommittee({ input, sink, end, r, hospitalStamp }: Hospital): number {
  const id = sink.id('organization');
  sink.add('organization', {
    id,
    parent_id: input.parentOrgId,
    name: `${input.name}党委`,
    code: `C${id}`,
    kind: 'committee',
    category: 'mixed',
    founded_on: isoDay(dayOf(1985 + r('c').int(0, 20), 7, 1)),
    term_start: isoDay(dayOf(ymd(end).y - r('ct').int(1, 4), 6, 28)),
    term_years: 5,
    created_at: hospitalStamp,
  });
  return id;
}

function addHospitalRecord({ input, sink, committeeId, hospitalStamp }: Hospital): number {
  const id = sink.id('hospital');
  sink.add('hospital', {
    id,
    name: input.name,
    level: input.level,
    type: input.name.includes('中医') ? '中医医院' : input.name.includes('妇幼') ? '妇幼保健院' : '综合医院',
    region: input.region,
    committee_id: committeeId,
    created_at: hospitalStamp,
  });
  return id;
}

/** A general branch with the departments this hospital keeps of it and the branches built on them. */
function addGeneralBranch(h: Hospital, spec: GeneralBranchSpec, treeRng: Rng, keep: number): void {
  // Smaller hospitals keep the larger departments of each general branch.
  const depts = spec.departments.filter((d, i) => i < Math.max(2, Math.round(spec.departments.length * keep)) || d.weight >= 1.3 / keep);
  const extras = (spec.extraBranches ?? []).filter((_, i) => i < Math.max(1, Math.round((spec.extraBranches?.length ?? 0) * keep)));
  if (!depts.length && !extras.length) return;
  const g: General = { h, id: addGeneralOrganization(h, spec, treeRng), treeRng, keep };
  const deptRows = depts.map((d) => addDepartment(h, d));
  if (spec.pooledBranches) addPooledBranches(g, spec.pooledBranches, deptRows);
  else addDepartmentBranches(g, deptRows);
  for (const e of extras) addBranch(g, { name: e.name, category: e.category, deptIds: [], weight: e.weight, surgical: false });
}

function addGeneralOrganization(
  { sink, end, committeeId, hospitalStamp, generals }: Hospital,
  spec: GeneralBranchSpec,
  treeRng: Rng,
): number {
  const id = sink.id('organization');
  generals.push({ id, name: spec.name });
  sink.add('organization', {
    id,
    parent_id: committeeId,
    name: spec.name,
    code: `G${id}`,
    kind: 'general_branch',
    category: spec.category,
    founded_on: isoDay(dayOf(2005 + treeRng.int(0, 10), 7, 1)),
    term_start: isoDay(addMonths(end, -treeRng.int(3, 40), 15)),
    term_years: 3,
    created_at: hospitalStamp,
  });
  return id;
}

function addDepartment({ sink, hospitalId, hospitalStamp, departments }: Hospital, d: DeptSpec): Dept {
  const id = sink.id('department');
  sink.add('department', { id, hospital_id: hospitalId, name: d.name, type: d.type, created_at: hospitalStamp });
  const row: Dept = { ...d, id, branchId: null };
  departments.push(row);
  return row;
}

/** Admin departments share a few 机关党支部, dealt out in turn. */
function addPooledBranches(g: General, pooled: number, depts: Dept[]): void {
  const n = Math.max(1, Math.round(pooled * g.keep));
  const pools: Dept[][] = Array.from({ length: n }, () => []);
  depts.forEach((d, i) => pools[i % n].push(d));
  pools.forEach((pool, i) => {
    if (!pool.length) return;
    const branch = addBranch(g, {
      name: `机关第${'一二三四五六'[i]}党支部`,
      category: 'admin',
      deptIds: pool.map((d) => d.id),
      weight: pool.reduce((s, d) => s + d.weight, 0),
      surgical: false,
    });
    for (const d of pool) linkDepartment(g.h.sink, branch, d.id, dayOf(2016, 1, 1), true);
  });
}

/** A branch on each department (two on a large one, in a large hospital), then the joint branches. */
function addDepartmentBranches(g: General, depts: Dept[]): void {
  const joints = new Map<string, Dept[]>();
  for (const d of depts) {
    if (d.joint) joints.set(d.joint, [...(joints.get(d.joint) ?? []), d]);
    else if (d.split && g.h.input.size >= 0.6) addSplitBranches(g, d);
    else addOwnBranch(g, d);
  }
  for (const [key, ds] of joints) addJointBranch(g, key, ds);
}

const branchCategory = (d: Dept) => (d.type === 'medtech' ? 'medtech' : 'clinical');

/** 医疗党支部 + 护理党支部 on one large department (in a large hospital). */
function addSplitBranches(g: General, d: Dept): void {
  const med = addBranch(g, {
    name: `${d.name}医疗党支部`,
    category: branchCategory(d),
    deptIds: [d.id],
    weight: d.weight * 0.6,
    surgical: !!d.surgical,
  });
  const nurse = addBranch(g, {
    name: `${d.name}护理党支部`,
    category: 'nursing',
    deptIds: [d.id],
    weight: d.weight * 0.45,
    surgical: false,
  });
  // "支部建在科室上": the split came with the 2019 reform, so both map to the department from then on.
  linkDepartment(g.h.sink, med, d.id, dayOf(2019, 7, 1), true);
  linkDepartment(g.h.sink, nurse, d.id, dayOf(2019, 7, 1), false);
}

function addOwnBranch(g: General, d: Dept): void {
  const branch = addBranch(g, {
    name: `${d.name}党支部`,
    category: branchCategory(d),
    deptIds: [d.id],
    weight: d.weight,
    surgical: !!d.surgical,
  });
  linkDepartment(g.h.sink, branch, d.id, dayOf(2017 + g.treeRng.int(0, 2), 7, 1), true);
}

/** One 联合党支部 for the departments of a joint key; a department whose partner was not kept gets its own branch. */
function addJointBranch(g: General, key: string, ds: Dept[]): void {
  const branch = addBranch(g, {
    name: ds.length === 1 ? `${ds[0].name}党支部` : `${key}联合党支部`,
    category: branchCategory(ds[0]),
    deptIds: ds.map((d) => d.id),
    weight: ds.reduce((s, d) => s + d.weight, 0),
    surgical: ds.some((d) => d.surgical),
  });
  for (const d of ds) linkDepartment(g.h.sink, branch, d.id, dayOf(2018, 7, 1), true);
}

function linkDepartment(sink: Sink, branch: Branch, deptId: number, from: Day, primary: boolean): void {
  sink.add('branch_department', {
    id: sink.id('branch_department'),
    branch_id: branch.id,
    department_id: deptId,
    valid_from: isoDay(from),
    is_primary: primary,
  });
}

/** Founds a branch under the general branch, with a random stream of its own for its standing. */
function addBranch(g: General, spec: BranchSpec): Branch {
  const { sink, hospitalStamp, branches } = g.h;
  const id = sink.id('organization');
  const b = g.h.r(`branch:${id}`);
  const branch: Branch = {
    id,
    generalId: g.id,
    ...spec,
    groups: [],
    people: [],
    ...drawStanding(b, g.h.end),
    secretaryId: 0,
    committee: [],
  };
  sink.add('organization', {
    id,
    parent_id: g.id,
    name: spec.name,
    code: `B${id}`,
    kind: spec.deptIds.length > 1 && spec.category !== 'admin' ? 'joint_branch' : 'branch',
    category: spec.category,
    founded_on: isoDay(dayOf(2012 + b.int(0, 7), b.int(1, 12), 1)),
    term_start: isoDay(branch.termStart),
    term_years: 3,
    created_at: hospitalStamp,
  });
  branches.push(branch);
  return branch;
}

/** How well a branch keeps its meetings, how many of its members attend, and when its term began. */
function drawStanding(b: Rng, end: Day): Pick<Branch, 'discipline' | 'attend' | 'termStart'> {
  const profile = b.weighted([
    ['strong', 50],
    ['normal', 35],
    ['weak', 15],
  ] as const);
  const discipline = profile === 'strong' ? 0.975 : profile === 'normal' ? 0.92 : 0.74;
  // Most terms are current; one branch in ten is past its 3-year term, a few of those past the 12
  // months an overdue election may take.
  const termStart = b.chance(0.1) ? addMonths(end, -b.int(37, 54), b.int(1, 28)) : addMonths(end, -b.int(1, 35), b.int(1, 28));
  return { discipline, attend: clamp(discipline - 0.06 + b.normal(0, 0.02), 0.6, 0.97), termStart };
}
