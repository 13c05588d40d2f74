/**
 * Members: staff profiles by branch category, party groups (3–5 a branch), department heads.
 */
import { addYears, dayOf, isoDay, type Day } from '../dates.js';
import { chineseName, ethnicity, idCardNo, mobile } from '../people.js';
import type { Rng } from '../random.js';
import { clamp, YEAR, type Hospital, type Person, type Branch } from './model.js';

export const TITLE_RANK: Record<string, number> = { senior_full: 4, senior_associate: 3, intermediate: 2, junior: 1, none: 0 };
const rank = (p: Person) => TITLE_RANK[p.title] ?? 0;

export function addMembers(h: Hospital): void {
  const { input, sink, start, end, r, hospitalStamp, branches, departments } = h;
  const totalWeight = branches.reduce((s, b) => s + b.weight, 0);
  const targetMembers = 1500 * input.size;
  const everyone: Person[] = [];

  for (const branch of branches) {
    const b = r(`members:${branch.id}`);
    const n = Math.max(6, Math.round(((targetMembers * branch.weight) / totalWeight) * (0.9 + b.float() * 0.2)));
    const groupCount = clamp(Math.round(n / 10), 2, 5);
    for (let g = 0; g < groupCount; g++) {
      const gid = sink.id('organization');
      branch.groups.push(gid);
      sink.add('organization', {
        id: gid,
        parent_id: branch.id,
        name: `${branch.name.replace(/党支部$/, '')}第${'一二三四五'[g]}党小组`,
        code: `G${gid}`,
        kind: 'party_group',
        category: branch.category,
        founded_on: isoDay(dayOf(2019, 7, 1)),
        created_at: hospitalStamp,
      });
    }
    for (let i = 0; i < n; i++) branch.people.push(makePerson(b, branch, i < n * 0.16));
    everyone.push(...branch.people);
  }

  function makePerson(b: Rng, branch: Branch, pipeline: boolean): Person {
    const id = sink.id('member');
    const retired = branch.category === 'retired';
    const trainee = branch.category === 'trainee';
    const category =
      branch.category === 'nursing'
        ? b.weighted([
            ['nurse', 95],
            ['admin', 5],
          ] as const)
        : branch.category === 'medtech'
          ? b.weighted([
              ['technician', 55],
              ['pharmacist', 20],
              ['physician', 20],
              ['researcher', 5],
            ] as const)
          : branch.category === 'admin'
            ? b.weighted([
                ['admin', 75],
                ['logistics', 15],
                ['researcher', 10],
              ] as const)
            : trainee
              ? 'physician'
              : retired
                ? b.weighted([
                    ['physician', 45],
                    ['nurse', 30],
                    ['technician', 10],
                    ['admin', 15],
                  ] as const)
                : b.weighted([
                    ['physician', 78],
                    ['nurse', 15],
                    ['technician', 4],
                    ['researcher', 3],
                  ] as const);
    const gender = category === 'nurse' ? (b.chance(0.95) ? 'female' : 'male') : b.chance(0.52) ? 'female' : 'male';
    const age = retired
      ? b.int(60, 88)
      : trainee
        ? b.int(23, 30)
        : clamp(Math.round(b.normal(pipeline ? 31 : 41, pipeline ? 5 : 9)), 23, 59);
    const birth = end - age * YEAR - b.int(0, 364);
    const title = retired
      ? b.weighted([
          ['senior_full', 25],
          ['senior_associate', 35],
          ['intermediate', 30],
          ['junior', 10],
        ] as const)
      : trainee
        ? b.weighted([
            ['junior', 70],
            ['none', 30],
          ] as const)
        : age >= 50
          ? b.weighted([
              ['senior_full', 35],
              ['senior_associate', 40],
              ['intermediate', 20],
              ['junior', 5],
            ] as const)
          : age >= 40
            ? b.weighted([
                ['senior_full', 10],
                ['senior_associate', 45],
                ['intermediate', 40],
                ['junior', 5],
              ] as const)
            : age >= 30
              ? b.weighted([
                  ['senior_associate', 10],
                  ['intermediate', 55],
                  ['junior', 35],
                ] as const)
              : b.weighted([
                  ['intermediate', 10],
                  ['junior', 75],
                  ['none', 15],
                ] as const);
    const education =
      category === 'physician' || category === 'researcher'
        ? b.weighted([
            ['doctorate', trainee ? 45 : 30],
            ['master', 45],
            ['bachelor', 25],
          ] as const)
        : category === 'nurse'
          ? b.weighted([
              ['master', 5],
              ['bachelor', 60],
              ['college', 35],
            ] as const)
          : b.weighted([
              ['doctorate', 3],
              ['master', 30],
              ['bachelor', 55],
              ['college', 10],
              ['other', 2],
            ] as const);
    const deptId = branch.deptIds.length
      ? b.pick(branch.deptIds)
      : trainee
        ? b.pick(departments.filter((d) => d.type === 'clinical')).id
        : null;

    let status = 'full_member';
    let joined: Day | null = null;
    let converted: Day | null = null;
    if (!pipeline) {
      const joinAge = clamp(Math.round(b.normal(retired ? 32 : 26, 5)), 18, Math.max(18, age - 2));
      joined = birth + joinAge * YEAR + b.int(0, 300);
      if (joined > start - YEAR) joined = start - YEAR - b.int(30, 900);
      if (joined < birth + 18 * YEAR + 10) joined = birth + 18 * YEAR + 10; // 18 years, leap days included
      converted = addYears(joined, 1) + b.int(0, 40); // the vote comes on or after the probation expires
    }
    const membership = retired
      ? b.weighted([
          ['active', 96],
          ['deceased', 2],
          ['outflow', 2],
        ] as const)
      : b.weighted([
          ['active', 975],
          ['transferred_out', 10],
          ['outflow', 7],
          ['abroad', 5],
          ['removed', 3],
        ] as const);
    return {
      id,
      gender,
      birth,
      title,
      category,
      deptId,
      isDeptHead: false,
      isBackbone: !retired && !trainee && b.chance(title.startsWith('senior') ? 0.55 : 0.2),
      status,
      joined,
      converted,
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

  // Department heads: the most senior physician (or staff) of each department who is in its branch.
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
  h.everyone = everyone;
}
