/**
 * The organisation tree: the committee, general branches, departments and the branches built on them
 * ("支部建在科室上"), with the dated branch ↔ department mapping. Smaller hospitals keep the larger departments.
 */
import { GENERAL_BRANCHES } from './shape.js';
import { addMonths, dayOf, isoDay, ymd, type Day } from '../dates.js';
import { clamp, type Branch, type Dept, type Hospital } from './model.js';

export function buildTree(h: Hospital): void {
  const { input, sink, end, r, hospitalStamp } = h;
  const committeeId = sink.id('organization');
  sink.add('organization', {
    id: committeeId,
    parent_id: input.parentOrgId,
    name: `${input.name}党委`,
    code: `C${committeeId}`,
    kind: 'committee',
    category: 'mixed',
    founded_on: isoDay(dayOf(1985 + r('c').int(0, 20), 7, 1)),
    term_start: isoDay(dayOf(ymd(end).y - r('ct').int(1, 4), 6, 28)),
    term_years: 5,
    created_at: hospitalStamp,
  });
  const hospitalId = sink.id('hospital');
  sink.add('hospital', {
    id: hospitalId,
    name: input.name,
    level: input.level,
    type: input.name.includes('中医') ? '中医医院' : input.name.includes('妇幼') ? '妇幼保健院' : '综合医院',
    region: input.region,
    committee_id: committeeId,
    created_at: hospitalStamp,
  });

  const treeRng = r('tree');
  const keep = clamp(0.35 + 0.65 * input.size, 0.3, 1);
  const branches: Branch[] = [];
  const generals: { id: number; name: string }[] = [];
  const departments: Dept[] = [];

  for (const spec of GENERAL_BRANCHES) {
    // Smaller hospitals keep the larger departments of each general branch.
    const depts = spec.departments.filter((d, i) => i < Math.max(2, Math.round(spec.departments.length * keep)) || d.weight >= 1.3 / keep);
    const extras = (spec.extraBranches ?? []).filter((_, i) => i < Math.max(1, Math.round((spec.extraBranches?.length ?? 0) * keep)));
    if (!depts.length && !extras.length) continue;
    const generalId = sink.id('organization');
    generals.push({ id: generalId, name: spec.name });
    sink.add('organization', {
      id: generalId,
      parent_id: committeeId,
      name: spec.name,
      code: `G${generalId}`,
      kind: 'general_branch',
      category: spec.category,
      founded_on: isoDay(dayOf(2005 + treeRng.int(0, 10), 7, 1)),
      term_start: isoDay(addMonths(end, -treeRng.int(3, 40), 15)),
      term_years: 3,
      created_at: hospitalStamp,
    });

    const deptRows = depts.map((d) => {
      const id = sink.id('department');
      sink.add('department', { id, hospital_id: hospitalId, name: d.name, type: d.type, created_at: hospitalStamp });
      const row = { ...d, id, branchId: null as number | null };
      departments.push(row);
      return row;
    });

    const newBranch = (name: string, category: string, deptIds: number[], weight: number, surgical: boolean): Branch => {
      const id = sink.id('organization');
      const b = r(`branch:${id}`);
      const profile = b.weighted([
        ['strong', 50],
        ['normal', 35],
        ['weak', 15],
      ] as const);
      const discipline = profile === 'strong' ? 0.975 : profile === 'normal' ? 0.92 : 0.74;
      // Most terms are current; about one branch in ten is overdue for re-election.
      // One branch in ten is past its 3-year term; a few of those past the 12 months an overdue election may take.
      const termStart = b.chance(0.1) ? addMonths(end, -b.int(37, 54), b.int(1, 28)) : addMonths(end, -b.int(1, 35), b.int(1, 28));
      const branch: Branch = {
        id,
        name,
        category,
        generalId,
        deptIds,
        surgical,
        weight,
        groups: [],
        people: [],
        discipline,
        attend: clamp(discipline - 0.06 + b.normal(0, 0.02), 0.6, 0.97),
        termStart,
        secretaryId: 0,
        committee: [],
      };
      sink.add('organization', {
        id,
        parent_id: generalId,
        name,
        code: `B${id}`,
        kind: deptIds.length > 1 && category !== 'admin' ? 'joint_branch' : 'branch',
        category,
        founded_on: isoDay(dayOf(2012 + b.int(0, 7), b.int(1, 12), 1)),
        term_start: isoDay(termStart),
        term_years: 3,
        created_at: hospitalStamp,
      });
      branches.push(branch);
      return branch;
    };

    const link = (branch: Branch, deptId: number, from: Day, primary: boolean) =>
      sink.add('branch_department', {
        id: sink.id('branch_department'),
        branch_id: branch.id,
        department_id: deptId,
        valid_from: isoDay(from),
        is_primary: primary,
      });

    if (spec.pooledBranches) {
      const n = Math.max(1, Math.round(spec.pooledBranches * keep));
      const pools: (typeof deptRows)[] = Array.from({ length: n }, () => []);
      deptRows.forEach((d, i) => pools[i % n].push(d));
      pools.forEach((pool, i) => {
        if (!pool.length) return;
        const branch = newBranch(
          `机关第${'一二三四五六'[i]}党支部`,
          'admin',
          pool.map((d) => d.id),
          pool.reduce((s, d) => s + d.weight, 0),
          false,
        );
        for (const d of pool) link(branch, d.id, dayOf(2016, 1, 1), true);
      });
    } else {
      const joints = new Map<string, typeof deptRows>();
      for (const d of deptRows) {
        if (d.joint) {
          joints.set(d.joint, [...(joints.get(d.joint) ?? []), d]);
          continue;
        }
        const category = d.type === 'medtech' ? 'medtech' : 'clinical';
        if (d.split && input.size >= 0.6) {
          const med = newBranch(`${d.name}医疗党支部`, category, [d.id], d.weight * 0.6, !!d.surgical);
          const nurse = newBranch(`${d.name}护理党支部`, 'nursing', [d.id], d.weight * 0.45, false);
          // "支部建在科室上": the split came with the 2019 reform; the history keeps the earlier mapping.
          link(med, d.id, dayOf(2019, 7, 1), true);
          link(nurse, d.id, dayOf(2019, 7, 1), false);
        } else {
          const b = newBranch(`${d.name}党支部`, category, [d.id], d.weight, !!d.surgical);
          link(b, d.id, dayOf(2017 + treeRng.int(0, 2), 7, 1), true);
        }
      }
      for (const [key, ds] of joints) {
        if (ds.length === 1) {
          const b = newBranch(
            `${ds[0].name}党支部`,
            ds[0].type === 'medtech' ? 'medtech' : 'clinical',
            [ds[0].id],
            ds[0].weight,
            !!ds[0].surgical,
          );
          link(b, ds[0].id, dayOf(2018, 7, 1), true);
          continue;
        }
        const b = newBranch(
          `${key}联合党支部`,
          ds[0].type === 'medtech' ? 'medtech' : 'clinical',
          ds.map((d) => d.id),
          ds.reduce((s, d) => s + d.weight, 0),
          ds.some((d) => d.surgical),
        );
        for (const d of ds) link(b, d.id, dayOf(2018, 7, 1), true);
      }
    }
    for (const e of extras) newBranch(e.name, e.category, [], e.weight, false);
  }
  for (const d of departments) d.branchId = branches.find((b) => b.deptIds.includes(d.id))?.id ?? null;
  h.branches = branches;
  h.committeeId = committeeId;
  h.departments = departments;
  h.generals = generals;
  h.hospitalId = hospitalId;
}
