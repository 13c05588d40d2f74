/**
 * Members: staff profiles by branch category, party groups (2–5 a branch, one per ten members),
 * department heads. About one person in six starts as an applicant (pipeline.ts takes them further).
 */
import { addYears, dayOf, isoDay, type Day } from '../dates.js';
import { chineseName, ethnicity, idCardNo, mobile } from '../people.js';
import type { Rng } from '../random.js';
import { clamp, YEAR, type Branch, type Dept, type Hospital, type Person } from './model.js';

export const TITLE_RANK: Record<string, number> = { senior_full: 4, senior_associate: 3, intermediate: 2, junior: 1, none: 0 };
const rank = (p: Person) => TITLE_RANK[p.title] ?? 0;

type Mix = ReadonlyArray<readonly [string, number]>;
/** Weights written as an object, drawn in the order written. */
const mix = (weights: Record<string, number>): Mix => Object.entries(weights);

/** Staff categories by the branch's category; clinical (and joint) branches are the default. Trainees are physicians. */
const STAFF_MIX: Record<string, Mix> = {
  nursing: mix({ nurse: 95, admin: 5 }),
  medtech: mix({ technician: 55, pharmacist: 20, physician: 20, researcher: 5 }),
  admin: mix({ admin: 75, logistics: 15, researcher: 10 }),
  retired: mix({ physician: 45, nurse: 30, technician: 10, admin: 15 }),
  clinical: mix({ physician: 78, nurse: 15, technician: 4, researcher: 3 }),
};

/** Professional titles of retired staff and of trainees. */
const TITLE_MIX: Record<string, Mix> = {
  retired: mix({ senior_full: 25, senior_associate: 35, intermediate: 30, junior: 10 }),
  trainee: mix({ junior: 70, none: 30 }),
};

/** Professional titles of serving staff by age: from 50, from 40, from 30, younger. */
const TITLES_BY_AGE: ReadonlyArray<{ from: number; mix: Mix }> = [
  { from: 50, mix: mix({ senior_full: 35, senior_associate: 40, intermediate: 20, junior: 5 }) },
  { from: 40, mix: mix({ senior_full: 10, senior_associate: 45, intermediate: 40, junior: 5 }) },
  { from: 30, mix: mix({ senior_associate: 10, intermediate: 55, junior: 35 }) },
  { from: 0, mix: mix({ intermediate: 10, junior: 75, none: 15 }) },
];

const NURSE_EDUCATION = mix({ master: 5, bachelor: 60, college: 35 });
const OTHER_EDUCATION = mix({ doctorate: 3, master: 30, bachelor: 55, college: 10, other: 2 });

const RETIRED_MEMBERSHIP = mix({ active: 96, deceased: 2, outflow: 2 });
const MEMBERSHIP = mix({ active: 975, transferred_out: 10, outflow: 7, abroad: 5, removed: 3 });

export function addMembers(h: Hospital): void {
  const totalWeight = h.branches.reduce((s, b) => s + b.weight, 0);
  const targetMembers = 1500 * h.input.size;
  for (const branch of h.branches) {
    const b = h.r(`members:${branch.id}`);
    const n = Math.max(6, Math.round(((targetMembers * branch.weight) / totalWeight) * (0.9 + b.float() * 0.2)));
    addPartyGroups(h, branch, clamp(Math.round(n / 10), 2, 5));
    for (let i = 0; i < n; i++) branch.people.push(makePerson(h, b, branch, i < n * 0.16));
    h.everyone.push(...branch.people);
  }
  appointDepartmentHeads(h);
}

function addPartyGroups({ sink, hospitalStamp }: Hospital, branch: Branch, count: number): void {
  for (let g = 0; g < count; g++) {
    const id = sink.id('organization');
    branch.groups.push(id);
    sink.add('organization', {
      id,
      parent_id: branch.id,
      name: `${branch.name.replace(/党支部$/, '')}第${'一二三四五'[g]}党小组`,
      code: `G${id}`,
      kind: 'party_group',
      category: branch.category,
      founded_on: isoDay(dayOf(2019, 7, 1)),
      created_at: hospitalStamp,
    });
  }
}

/** One person of the branch: a member since long before the window, or (`pipeline`) an applicant to be. */
function makePerson(h: Hospital, b: Rng, branch: Branch, pipeline: boolean): Person {
  const id = h.sink.id('member');
  const retired = branch.category === 'retired';
  const trainee = branch.category === 'trainee';
  const category = trainee ? 'physician' : b.weighted(STAFF_MIX[branch.category] ?? STAFF_MIX.clinical);
  const gender = b.chance(category === 'nurse' ? 0.95 : 0.52) ? 'female' : 'male';
  const age = retired ? b.int(60, 88) : trainee ? b.int(23, 30) : clamp(Math.round(b.normal(pipeline ? 31 : 41, pipeline ? 5 : 9)), 23, 59);
  const birth = h.end - age * YEAR - b.int(0, 364);
  const title = b.weighted(TITLE_MIX[branch.category] ?? TITLES_BY_AGE.find((t) => age >= t.from)!.mix);
  const education = drawEducation(b, category, trainee);
  const deptId = drawDepartment(b, branch, h.departments);
  const history = pipeline ? { joined: null, converted: null } : drawHistory(b, h.start, birth, age, retired);
  const membership = b.weighted(retired ? RETIRED_MEMBERSHIP : MEMBERSHIP);
  return {
    id,
    gender,
    birth,
    title,
    category,
    deptId,
    isDeptHead: false,
    isBackbone: !retired && !trainee && b.chance(title.startsWith('senior') ? 0.55 : 0.2),
    status: 'full_member',
    ...history,
    groupId: b.pick(branch.groups),
    membership: pipeline ? 'active' : membership,
    pipeline,
    name: chineseName(b, gender),
    education,
    ethnicity: ethnicity(b),
    idCard: idCardNo(b, birth, gender),
    mobile: mobile(b),
  };
}

function drawEducation(b: Rng, category: string, trainee: boolean): string {
  if (category === 'physician' || category === 'researcher')
    return b.weighted([
      ['doctorate', trainee ? 45 : 30],
      ['master', 45],
      ['bachelor', 25],
    ] as const);
  return b.weighted(category === 'nurse' ? NURSE_EDUCATION : OTHER_EDUCATION);
}

/** A department of the branch; trainees rotate through the clinical departments; retired staff have none. */
function drawDepartment(b: Rng, branch: Branch, departments: Dept[]): number | null {
  if (branch.deptIds.length) return b.pick(branch.deptIds);
  return branch.category === 'trainee' ? b.pick(departments.filter((d) => d.type === 'clinical')).id : null;
}

/** Admission (at least a year before the window, at 18 or older) and conversion after the year of probation. */
function drawHistory(b: Rng, start: Day, birth: Day, age: number, retired: boolean): { joined: Day; converted: Day } {
  const joinAge = clamp(Math.round(b.normal(retired ? 32 : 26, 5)), 18, Math.max(18, age - 2));
  let joined = birth + joinAge * YEAR + b.int(0, 300);
  if (joined > start - YEAR) joined = start - YEAR - b.int(30, 900);
  if (joined < birth + 18 * YEAR + 10) joined = birth + 18 * YEAR + 10; // 18 years, leap days included
  const converted = addYears(joined, 1) + b.int(0, 40); // the vote comes on or after the probation expires
  return { joined, converted };
}

/** Department heads: the most senior member of each department, and its head nurse. */
function appointDepartmentHeads({ r, departments, everyone }: Hospital): void {
  for (const d of departments) {
    const candidates = everyone.filter((p) => p.deptId === d.id && !p.pipeline && p.membership === 'active');
    const rngD = r(`head:${d.id}`);
    // After the reform few departments are headed by a non-member (then no member carries the flag).
    if (!candidates.length || rngD.chance(0.06)) continue;
    const best = candidates.reduce((a, c) => (rank(c) > rank(a) ? c : a));
    best.isDeptHead = true;
    best.isBackbone = true;
    // The head nurse (护士长) heads the nursing unit: also a 内设机构负责人, usually the nursing branch's secretary.
    const nurses = candidates.filter((p) => p.category === 'nurse' && p !== best);
    if (nurses.length) nurses.reduce((a, c) => (rank(c) > rank(a) ? c : a)).isDeptHead = true;
  }
}
