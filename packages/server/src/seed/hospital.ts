/**
 * One demo hospital: its Party committee and organisation tree, departments and the branches built on
 * them, members moving through the development procedure, positions, three years of activities at the
 * official cadence (with the misses real branches have), honors, model posts, medical-ethics events,
 * monthly business figures, Party-building research projects, yearly assessments and the surveys whose
 * responses the set-based SQL expands later.
 */
import { GENERAL_BRANCHES, LECTURE_TOPICS, LOCATIONS, PARTNERS, RESEARCH_TOPICS, THEME_DAY_TOPICS, type DeptSpec } from './catalog.js';
import { addMonths, addYears, dayOf, isoDay, monthStart, workday, ymd, type Day } from './dates.js';
import { chineseName, ethnicity, idCardNo, mobile } from './people.js';
import type { Rng } from './random.js';
import type { Sink } from './tables.js';

export interface HospitalInput {
  rng: Rng;
  sink: Sink;
  name: string;
  level: 'tertiary_a' | 'tertiary_b' | 'secondary_a' | 'secondary_b';
  region: string;
  /** The upper body (province scale) or null (the committee is the root). */
  parentOrgId: number | null;
  /** 1 = a large hospital of ≈ 1,500 members; smaller hospitals keep fewer departments and members. */
  size: number;
  /** Survey responses to plan for this hospital over the whole window. */
  surveyResponses: number;
  start: Day;
  end: Day;
}

export interface HospitalSummary {
  hospitalId: number;
  committeeId: number;
  members: number;
  branches: number;
}

interface Person {
  id: number;
  gender: 'male' | 'female';
  birth: Day;
  title: string;
  category: string;
  deptId: number | null;
  isDeptHead: boolean;
  isBackbone: boolean;
  status: string;
  joined: Day | null;
  converted: Day | null;
  groupId: number | null;
  membership: string;
  pipeline: boolean;
  name: string;
  education: string;
  ethnicity: string;
  idCard: string;
  mobile: string;
}

interface Branch {
  id: number;
  name: string;
  category: string;
  generalId: number;
  deptIds: number[];
  surgical: boolean;
  weight: number;
  groups: number[];
  people: Person[];
  /** Share of required meetings actually held (strong ≈ 0.97, weak ≈ 0.75). */
  discipline: number;
  /** Share of members present at a meeting. */
  attend: number;
  termStart: Day;
  secretaryId: number;
  committee: number[];
}

const stamp = (day: Day, time = '09:00:00') => `${isoDay(day)} ${time}+08`;
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
const YEAR = 365;

export function generateHospital(input: HospitalInput): HospitalSummary {
  const { rng, sink, start, end } = input;
  const r = (label: string) => rng.fork(label);
  const horizon = addMonths(end, 2) - 1; // planned activities reach into next month
  const hospitalStamp = stamp(dayOf(2015, 1, 1));

  // ── Organisation tree and departments ────────────────────────────────────────────────────────
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
  const departments: (DeptSpec & { id: number; branchId: number | null })[] = [];

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
      const termStart = b.chance(0.1) ? addMonths(end, -b.int(37, 46), b.int(1, 28)) : addMonths(end, -b.int(1, 35), b.int(1, 28));
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

  // ── Members: staff profiles, the development pipeline, party groups ─────────────────────────
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
    const rank = (p: Person) => ({ senior_full: 4, senior_associate: 3, intermediate: 2, junior: 1, none: 0 })[p.title as 'none'] ?? 0;
    const rngD = r(`head:${d.id}`);
    // About one department in five is headed by a non-member: then no member carries the flag.
    if (!candidates.length || rngD.chance(0.2)) continue;
    const best = candidates.reduce((a, c) => (rank(c) > rank(a) ? c : a));
    best.isDeptHead = true;
    best.isBackbone = true;
  }

  // ── The development pipeline: events, dated; status at the end date follows from them ───────
  const events: { member: Person; stage: string; day: Day; intro?: [number, number]; hours?: number }[] = [];
  for (const branch of branches) {
    const b = r(`pipeline:${branch.id}`);
    const full = branch.people.filter((p) => p.joined !== null);
    for (const p of branch.people) {
      if (!p.pipeline) continue;
      const intro: [number, number] =
        full.length >= 2 ? (b.sample(full, 2).map((x) => x.id) as [number, number]) : [full[0]?.id ?? p.id, full[0]?.id ?? p.id];
      let day = start - 2 * YEAR + b.int(0, 3 * YEAR + 300);
      day = Math.max(day, p.birth + 18 * YEAR + 30);
      const steps: { stage: string; day: Day; intro?: [number, number]; hours?: number }[] = [{ stage: 'application_submitted', day }];
      let status = 'applicant';
      const at = (stage: string, d: Day, extra: Partial<(typeof steps)[number]> = {}) => {
        steps.push({ stage, day: d, ...extra });
      };
      (() => {
        if (b.chance(0.12)) return; // still an applicant, or never taken further
        day += b.int(30, 180);
        at('activist_confirmed', day);
        status = 'activist';
        const activistSince = day;
        for (let k = 1; k <= 4 && activistSince + k * 182 < activistSince + YEAR + 200; k++) at('activist_review', activistSince + k * 182);
        if (b.chance(0.05)) {
          at('withdrawn', activistSince + b.int(200, 500));
          status = 'withdrawn';
          return;
        }
        day = activistSince + YEAR + b.int(0, 240);
        at('target_confirmed', day, { intro });
        status = 'development_target';
        at('political_review', (day += b.int(10, 40)));
        at('training_completed', (day += b.int(10, 60)), { hours: b.pick([24, 32, 40]) });
        at('public_notice', (day += b.int(5, 20)));
        day = workday(day + b.int(7, 30));
        at('branch_vote_admit', day, { intro });
        const joined = day;
        p.joined = joined;
        status = 'probationary';
        at('committee_approved', joined + b.int(14, 85));
        at('oath_taken', joined + b.int(20, 100));
        let expiry = addYears(joined, 1);
        if (b.chance(0.04)) {
          at('probation_extended', expiry - b.int(0, 10));
          expiry += b.int(183, 365);
        }
        at('conversion_requested', expiry - b.int(7, 30));
        const vote = workday(expiry + b.int(0, 30));
        at('branch_vote_convert', vote);
        at('conversion_approved', vote + b.int(14, 60));
        p.converted = vote;
        status = 'full_member';
      })();
      // Cut the story at the end date; the status is what had happened by then.
      const happened = steps.filter((s) => s.day <= end);
      const last = happened[happened.length - 1].stage;
      p.status =
        (
          {
            application_submitted: 'applicant',
            activist_confirmed: 'activist',
            activist_review: 'activist',
            withdrawn: 'masses',
            target_confirmed: 'development_target',
            political_review: 'development_target',
            training_completed: 'development_target',
            public_notice: 'development_target',
            branch_vote_admit: 'probationary',
            committee_approved: 'probationary',
            oath_taken: 'probationary',
            probation_extended: 'probationary',
            conversion_requested: 'probationary',
            branch_vote_convert: 'full_member',
            conversion_approved: 'full_member',
          } as Record<string, string>
        )[last] ?? status;
      if (p.joined !== null && p.joined > end) p.joined = null;
      if (p.converted !== null && p.converted > end) p.converted = null;
      for (const s of happened) events.push({ member: p, ...s });
    }
  }

  // ── Positions: secretaries (with the previous term), branch committees, group leaders ───────
  const positions: { org: number; member: Person; role: string; from: Day; to: Day | null }[] = [];
  for (const branch of branches) {
    const b = r(`positions:${branch.id}`);
    const fullMembers = branch.people.filter((p) => p.joined !== null && p.joined < branch.termStart - 30 && p.membership === 'active');
    if (!fullMembers.length) continue;
    const head = fullMembers.find((p) => p.isDeptHead);
    // The 2018 opinion: the secretary is generally a department head who is a member.
    const secretary =
      head && b.chance(0.72)
        ? head
        : (fullMembers.filter((p) => p.title.startsWith('senior') || p.title === 'intermediate').toSorted((x, y) => x.birth - y.birth)[0] ??
          fullMembers[0]);
    branch.secretaryId = secretary.id;
    positions.push({ org: branch.id, member: secretary, role: 'secretary', from: branch.termStart, to: null });
    const prevStart = branch.termStart - 3 * YEAR;
    if (prevStart < end) {
      const prev = b.chance(0.6) ? secretary : b.pick(fullMembers);
      positions.push({ org: branch.id, member: prev, role: 'secretary', from: prevStart, to: branch.termStart - 1 });
    }
    branch.committee = [secretary.id];
    // ≥ 7 full members: a branch committee of 3–5.
    if (fullMembers.length >= 7) {
      const others = b.sample(
        fullMembers.filter((p) => p !== secretary),
        b.int(2, 4),
      );
      const roles = ['organization_member', 'publicity_member', 'discipline_member', 'deputy_secretary'];
      others.forEach((p, i) => {
        positions.push({ org: branch.id, member: p, role: roles[i], from: branch.termStart, to: null });
        branch.committee.push(p.id);
      });
    }
    for (const g of branch.groups) {
      const inGroup = branch.people.filter((p) => p.groupId === g && p.joined !== null && p.membership === 'active');
      if (inGroup.length) positions.push({ org: g, member: b.pick(inGroup), role: 'group_leader', from: branch.termStart, to: null });
    }
  }
  const veterans = everyone.filter((p) => p.joined !== null && p.title === 'senior_full' && p.membership === 'active' && p.joined < start);
  const leadersRng = r('leaders');
  for (const g of generals) {
    const inGeneral = branches
      .filter((b) => b.generalId === g.id)
      .flatMap((b) => b.people.filter((p) => p.joined !== null && p.membership === 'active' && p.joined < start));
    if (inGeneral.length)
      positions.push({
        org: g.id,
        member: leadersRng.pick(inGeneral),
        role: 'general_branch_secretary',
        from: addMonths(end, -leadersRng.int(6, 34), 1),
        to: null,
      });
  }
  const committeeSecretary = veterans.length ? leadersRng.pick(veterans) : everyone.find((p) => p.joined !== null)!;
  positions.push({
    org: committeeId,
    member: committeeSecretary,
    role: 'committee_secretary',
    from: addMonths(end, -leadersRng.int(12, 50), 1),
    to: null,
  });

  // ── Write organisation members ───────────────────────────────────────────────────────────────
  for (const branch of branches) {
    for (const p of branch.people) {
      sink.add('member', {
        id: p.id,
        hospital_id: hospitalId,
        name: p.name,
        gender: p.gender,
        birth_date: isoDay(p.birth),
        ethnicity: p.ethnicity,
        education: p.education,
        professional_title: p.title,
        staff_category: p.category,
        department_id: p.deptId,
        is_dept_head: p.isDeptHead,
        is_backbone: p.isBackbone,
        is_frontline: branch.category === 'clinical' || branch.category === 'nursing',
        political_status: p.status,
        membership_status: p.membership,
        organization_id: branch.id,
        party_group_id: p.joined !== null ? p.groupId : null,
        joined_on: p.joined !== null ? isoDay(p.joined) : null,
        converted_on: p.converted !== null ? isoDay(p.converted) : null,
        id_card_no: p.idCard,
        mobile: p.mobile,
        created_at: stamp(Math.min(p.joined ?? start, start)),
      });
    }
  }
  events.sort((a, b) => a.member.id - b.member.id || a.day - b.day);
  for (const e of events) {
    sink.add('development_event', {
      id: sink.id('development_event'),
      member_id: e.member.id,
      stage: e.stage,
      event_date: isoDay(e.day),
      introducer1_id: e.intro?.[0] ?? null,
      introducer2_id: e.intro?.[1] ?? null,
      training_hours: e.hours ?? null,
      created_at: stamp(e.day, '16:00:00'),
    });
  }
  const posRng = r('position-flags');
  for (const p of positions) {
    const discipline = p.member.title.startsWith('senior') && p.member.isBackbone;
    sink.add('position', {
      id: sink.id('position'),
      organization_id: p.org,
      member_id: p.member.id,
      role: p.role,
      start_on: isoDay(p.from),
      end_on: p.to !== null ? isoDay(p.to) : null,
      is_dept_head: p.member.isDeptHead,
      is_discipline_leader: discipline,
      is_dual_leader: discipline && (p.member.isDeptHead || posRng.chance(0.3)),
      created_at: stamp(p.from),
    });
  }

  // ── Activities ───────────────────────────────────────────────────────────────────────────────
  const themeDay = r('theme-day').int(5, 25); // the hospital's fixed 主题党日 each month
  const actRng = r('activities');
  const partyMembersOn = (branch: Branch, day: Day) => branch.people.filter((p) => p.joined !== null && p.joined <= day).length;

  const addActivity = (a: {
    org: number;
    type: string;
    title: string;
    day: Day;
    audience: string;
    attend: number;
    time?: string;
    festival?: string | null;
    lecturer?: number | null;
    lecturerRole?: string | null;
    expected?: number | null;
    beneficiaries?: number | null;
    partner?: string | null;
    makeup?: boolean;
    cancelled?: boolean;
    quarter?: [number, number];
  }) => {
    if (a.day > horizon || a.day < start) return;
    const status = a.cancelled ? 'cancelled' : a.day > end ? 'planned' : 'held';
    const id = sink.id('activity');
    sink.add('activity', {
      id,
      organization_id: a.org,
      type: a.type,
      title: a.title,
      held_on: isoDay(a.day),
      start_at: stamp(a.day, a.time ?? '14:30:00'),
      location: actRng.pick(LOCATIONS),
      status,
      festival_tag: a.festival ?? null,
      lecturer_id: a.lecturer ?? null,
      lecturer_role: a.lecturerRole ?? null,
      expected_count: a.expected ?? null,
      beneficiary_count: a.beneficiaries ?? null,
      partner_org: a.partner ?? null,
      is_makeup: !!a.makeup,
      created_at: stamp(Math.min(a.day, end) - 7),
    });
    if (status === 'held') {
      sink.add('seed_attendance_plan', {
        activity_id: id,
        org_id: a.org,
        audience: a.audience,
        held_on: isoDay(a.day),
        attend: a.attend,
        lecturer_id: a.lecturer ?? null,
        first_month: a.quarter?.[0] ?? null,
        last_month: a.quarter?.[1] ?? null,
      });
    }
  };

  const months: Day[] = [];
  for (let m = monthStart(start); m <= horizon; m = addMonths(m, 1)) months.push(m);

  for (const branch of branches) {
    const b = r(`activities:${branch.id}`);
    const hasCommittee = branch.committee.length >= 3;
    const retired = branch.category === 'retired';
    let owedCommittee = false;
    for (const m of months) {
      const { y, m: mon } = ymd(m);
      // Misses cluster around the Spring Festival and the summer holidays.
      const season = mon === 1 || mon === 2 ? 0.07 : mon === 8 ? 0.03 : 0;
      const held = (base: number) => b.float() < clamp(base - season, 0.3, 0.995);
      const size = partyMembersOn(branch, m);
      const dom = (lo: number, hi: number) => workday(m + b.int(lo, hi) - 1);

      if (hasCommittee) {
        if (held(branch.discipline)) {
          addActivity({
            org: branch.id,
            type: 'branch_committee_meeting',
            title: `${mon}月支委会`,
            day: dom(1, 20),
            audience: 'committee',
            attend: 0.95,
            expected: branch.committee.length,
            time: '12:00:00',
          });
          if (owedCommittee) owedCommittee = false;
        } else if (b.chance(0.15)) {
          addActivity({
            org: branch.id,
            type: 'branch_committee_meeting',
            title: `${mon}月支委会`,
            day: dom(10, 20),
            audience: 'committee',
            attend: 0.9,
            cancelled: true,
          });
        } else owedCommittee = b.chance(0.4);
        if (owedCommittee && mon !== 12) {
          addActivity({
            org: branch.id,
            type: 'branch_committee_meeting',
            title: `补开${mon}月支委会`,
            day: addMonths(m, 1, 3),
            audience: 'committee',
            attend: 0.9,
            makeup: true,
            time: '12:00:00',
          });
          owedCommittee = false;
        }
      }
      for (const g of branch.groups) {
        if (held(branch.discipline - 0.03)) {
          addActivity({
            org: g,
            type: 'group_meeting',
            title: `${mon}月党小组会`,
            day: dom(3, 26),
            audience: 'group',
            attend: branch.attend,
            time: '17:30:00',
          });
        }
      }
      const themeDate = workday(m + themeDay - 1);
      if (held(branch.discipline + 0.02)) {
        const festival =
          mon === 3
            ? '学雷锋'
            : mon === 4
              ? '清明'
              : mon === 7
                ? '七一'
                : mon === 10
                  ? '重阳'
                  : mon === 5 && branch.category === 'nursing'
                    ? '护士节'
                    : mon === 8 && branch.category === 'clinical'
                      ? '医师节'
                      : null;
        addActivity({
          org: branch.id,
          type: 'theme_party_day',
          title: `${mon}月主题党日：${b.pick(THEME_DAY_TOPICS)}`,
          day: themeDate,
          audience: 'branch',
          attend: branch.attend,
          festival,
          expected: size,
        });
      }
      if ((mon - 1) % 3 === 0) {
        // Quarterly: one general meeting and one Party lecture, in any month of the quarter.
        const q = Math.floor((mon - 1) / 3);
        if (held(branch.discipline + 0.02)) {
          addActivity({
            org: branch.id,
            type: 'branch_general_meeting',
            title: `${y}年第${q + 1}季度支部党员大会`,
            day: addMonths(m, b.int(0, 2), b.int(5, 26)),
            audience: 'branch',
            attend: branch.attend,
            expected: size,
          });
        }
        if (held(branch.discipline)) {
          const byCommitteeSecretary = b.chance(0.08);
          const lecturer = byCommitteeSecretary ? committeeSecretary.id : branch.secretaryId || null;
          addActivity({
            org: branch.id,
            type: 'party_lecture',
            title: `专题党课：${b.pick(LECTURE_TOPICS)}`,
            day: addMonths(m, b.int(0, 2), b.int(5, 26)),
            audience: 'branch',
            attend: branch.attend,
            lecturer,
            lecturerRole: byCommitteeSecretary ? '党委书记' : '支部书记',
            expected: size,
          });
        }
        if (b.chance(0.6)) {
          addActivity({
            org: branch.id,
            type: 'political_birthday',
            title: `第${q + 1}季度党员政治生日`,
            day: addMonths(m, 2, b.int(10, 25)),
            audience: 'birthday',
            attend: branch.attend,
            quarter: [mon, mon + 2],
          });
        }
      }
      // 组织生活会 and 民主评议: once a year, usually December, sometimes the January after.
      if (mon === 12 ? !b.chance(0.2) : mon === 1 && b.chance(0.2)) {
        addActivity({
          org: branch.id,
          type: 'org_life_meeting',
          title: `${mon === 12 ? y : y - 1}年度组织生活会`,
          day: dom(8, 25),
          audience: 'branch',
          attend: branch.attend + 0.03,
          expected: size,
        });
        addActivity({
          org: branch.id,
          type: 'democratic_review',
          title: `${mon === 12 ? y : y - 1}年度民主评议党员`,
          day: dom(8, 25) + 1,
          audience: 'branch',
          attend: branch.attend + 0.03,
          expected: size,
        });
      }
      if (m === monthStart(branch.termStart)) {
        addActivity({
          org: branch.id,
          type: 'election',
          title: '支部委员会换届选举',
          day: workday(branch.termStart),
          audience: 'branch',
          attend: 0.95,
          expected: size,
        });
      }
      // Service to the public: more around 学雷锋 (March), 医师节 (August) and 重阳 (October).
      const serviceRate = (retired ? 0.25 : branch.category === 'admin' ? 0.35 : 0.75) * (mon === 3 || mon === 8 || mon === 10 ? 1.8 : 1);
      for (let k = b.poisson(serviceRate); k > 0; k--) {
        const type = retired
          ? b.pick(['volunteer_service', 'publicity_talk', 'home_visit'])
          : b.weighted([
              ['volunteer_service', 30],
              ['free_clinic', 22],
              ['health_lecture', 20],
              ['home_visit', 6],
              ['first_aid_training', 6],
              ['health_checkup', 4],
              ['blood_donation', 3],
              ['co_building', 5],
              ['paired_assistance', 2],
              ['poverty_relief', 2],
            ] as const);
        const beneficiaries =
          type === 'free_clinic'
            ? b.int(40, 320)
            : type === 'health_lecture'
              ? b.int(30, 200)
              : type === 'home_visit'
                ? b.int(3, 25)
                : type === 'first_aid_training'
                  ? b.int(20, 120)
                  : type === 'blood_donation'
                    ? null
                    : b.int(15, 160);
        const partner =
          type === 'co_building' || type === 'paired_assistance' || type === 'poverty_relief' || b.chance(0.2) ? b.pick(PARTNERS) : null;
        addActivity({
          org: branch.id,
          type,
          title: `${branch.name.replace(/党支部$/, '')}${labelOf(type)}`,
          day: workday(m + b.int(0, 27)),
          audience: 'service',
          attend: 0.25,
          beneficiaries,
          partner,
          expected: Math.max(3, Math.round(size * 0.25)),
          time: '09:00:00',
          festival: mon === 3 ? '学雷锋' : mon === 10 && type !== 'blood_donation' ? '重阳' : null,
        });
      }
      for (let k = b.poisson(0.22); k > 0; k--) {
        const type = b.pick([
          'red_education',
          'integrity_education',
          'publicity_talk',
          'quiz',
          'skills_contest',
          'member_experience_day',
          'study_session',
        ]);
        addActivity({
          org: branch.id,
          type,
          title: `${labelOf(type)}活动`,
          day: workday(m + b.int(0, 27)),
          audience: 'branch',
          attend: branch.attend - 0.05,
          expected: size,
        });
      }
    }
  }
  // Committee and general-branch level: central-group study monthly, general-branch study quarterly.
  const top = r('committee-activities');
  for (const m of months) {
    const mon = ymd(m).m;
    if (top.chance(mon === 2 ? 0.7 : 0.95)) {
      addActivity({
        org: committeeId,
        type: 'central_group_study',
        title: `党委理论学习中心组${mon}月集体学习`,
        day: workday(m + top.int(2, 20)),
        audience: 'leaders',
        attend: 0.92,
        time: '08:30:00',
      });
    }
    if (mon === 7)
      addActivity({
        org: committeeId,
        type: 'study_session',
        title: '庆祝建党节暨“两优一先”表彰大会',
        day: workday(m - 2),
        audience: 'leaders',
        attend: 0.95,
        festival: '七一',
      });
    if ((mon - 1) % 3 === 0) {
      for (const g of generals) {
        if (top.chance(0.85))
          addActivity({
            org: g.id,
            type: 'study_session',
            title: `${g.name}季度集中学习`,
            day: addMonths(m, top.int(0, 2), top.int(5, 25)),
            audience: 'leaders',
            attend: 0.9,
          });
      }
    }
  }

  // ── Honors, model posts, ethics events ───────────────────────────────────────────────────────
  const hon = r('honors');
  const activeMembers = everyone.filter((p) => p.joined !== null && p.membership === 'active');
  const partyIssuer: Record<string, string> = {
    national: '中共中央组织部',
    provincial: '中共江南省委',
    municipal: '中共江城市委',
    county: '中共江城市江北区委',
    sector: '江城市卫生健康委员会党委',
    hospital: `${input.name}党委`,
  };
  const govIssuer: Record<string, string> = {
    national: '国家卫生健康委员会',
    provincial: '江南省人民政府',
    municipal: '江城市人民政府',
    county: '江城市江北区人民政府',
    sector: '江城市卫生健康委员会',
    hospital: input.name,
  };
  const honor = (h: {
    type: string;
    member?: Person;
    org?: number;
    dept?: number;
    title: string;
    category: string;
    level: string;
    day: Day;
  }) =>
    sink.add('honor', {
      id: sink.id('honor'),
      hospital_id: hospitalId,
      recipient_type: h.type,
      member_id: h.member?.id ?? null,
      organization_id: h.org ?? null,
      department_id: h.dept ?? null,
      title: h.title,
      category: h.category,
      level: h.level,
      issuer: (h.category === 'party' ? partyIssuer : govIssuer)[h.level],
      awarded_on: isoDay(h.day),
      created_at: stamp(h.day),
    });
  for (let y = ymd(start).y - 1; y <= ymd(end).y; y++) {
    const july = dayOf(y, 6, 28);
    if (july > end) break;
    const n = Math.round(activeMembers.length * 0.025);
    for (const p of hon.sample(activeMembers, n)) {
      honor({
        type: 'person',
        member: p,
        title: '优秀共产党员',
        category: 'party',
        level: hon.weighted([
          ['hospital', 85],
          ['sector', 8],
          ['municipal', 5],
          ['provincial', 1.6],
          ['national', 0.4],
        ] as const),
        day: july,
      });
    }
    for (const b of hon.sample(
      branches.filter((x) => x.secretaryId),
      Math.max(1, Math.round(branches.length * 0.12)),
    )) {
      honor({
        type: 'person',
        member: everyone.find((p) => p.id === b.secretaryId),
        title: '优秀党务工作者',
        category: 'party',
        level: hon.weighted([
          ['hospital', 80],
          ['sector', 12],
          ['municipal', 8],
        ] as const),
        day: july,
      });
    }
    for (const b of hon.sample(branches, Math.max(1, Math.round(branches.length * 0.1)))) {
      honor({
        type: 'branch',
        org: b.id,
        title: '先进基层党组织',
        category: 'party',
        level: hon.weighted([
          ['hospital', 70],
          ['sector', 15],
          ['municipal', 12],
          ['provincial', 3],
        ] as const),
        day: july,
      });
    }
    if (hon.chance(0.4))
      honor({
        type: 'branch',
        org: hon.pick(branches).id,
        title: '标准化规范化建设示范党支部',
        category: 'party',
        level: hon.pick(['sector', 'municipal', 'provincial']),
        day: dayOf(y, 11, 20),
      });
    if (hon.chance(0.3 * input.size))
      honor({
        type: 'committee',
        org: committeeId,
        title: '先进基层党组织',
        category: 'party',
        level: hon.pick(['municipal', 'provincial']),
        day: july,
      });
    if (hon.chance(0.05))
      honor({
        type: 'branch',
        org: hon.pick(branches).id,
        title: '全国党建工作样板支部',
        category: 'party',
        level: 'national',
        day: dayOf(y, 12, 15),
      });
    for (const p of hon.sample(
      activeMembers.filter((x) => x.category === 'nurse'),
      Math.round(activeMembers.length * 0.006),
    )) {
      honor({
        type: 'person',
        member: p,
        title: '优秀护士',
        category: 'administrative',
        level: hon.pick(['hospital', 'hospital', 'municipal']),
        day: dayOf(y, 5, 12),
      });
    }
    for (const p of hon.sample(
      activeMembers.filter((x) => x.category === 'physician'),
      Math.round(activeMembers.length * 0.008),
    )) {
      honor({
        type: 'person',
        member: p,
        title: '优秀医师',
        category: 'administrative',
        level: hon.pick(['hospital', 'hospital', 'municipal', 'provincial']),
        day: dayOf(y, 8, 19),
      });
    }
    for (const p of hon.sample(
      activeMembers.filter((x) => x.gender === 'female'),
      Math.round(activeMembers.length * 0.003),
    )) {
      honor({
        type: 'person',
        member: p,
        title: '三八红旗手',
        category: 'union_league',
        level: hon.pick(['municipal', 'sector']),
        day: dayOf(y, 3, 8),
      });
    }
    for (const d of hon.sample(departments, Math.max(1, Math.round(departments.length * 0.05)))) {
      honor({
        type: 'department',
        dept: d.id,
        title: hon.pick(['青年文明号', '巾帼文明岗', '工人先锋号']),
        category: 'union_league',
        level: hon.pick(['municipal', 'provincial', 'sector']),
        day: dayOf(y, 5, 4),
      });
    }
    if (hon.chance(0.3))
      honor({
        type: 'hospital',
        title: '文明单位',
        category: 'civilization',
        level: hon.pick(['municipal', 'provincial']),
        day: dayOf(y, 12, 20),
      });
    if (hon.chance(0.5))
      honor({
        type: 'team',
        title: '科学技术进步奖',
        category: 'research',
        level: hon.pick(['municipal', 'provincial']),
        day: dayOf(y, 10, 15),
      });
  }

  const mp = r('model-posts');
  for (const branch of branches) {
    const k = branch.category === 'retired' ? (mp.chance(0.3) ? 1 : 0) : mp.poisson(0.9);
    for (let i = 0; i < k; i++) {
      const type = mp.weighted([
        ['model_post', 40],
        ['vanguard_post', 25],
        ['service_desk', 15],
        ['commando_team', 10],
        ['responsibility_area', 10],
      ] as const);
      const holder = branch.people.filter((p) => p.joined !== null && p.membership === 'active');
      const established = start - 2 * YEAR + mp.int(0, 3 * YEAR);
      const byMember = (type === 'model_post' || type === 'responsibility_area') && holder.length > 0;
      const dept = branch.deptIds.length ? mp.pick(branch.deptIds) : null;
      const deptName = departments.find((d) => d.id === dept)?.name ?? branch.name.replace(/党支部$/, '');
      sink.add('model_post', {
        id: sink.id('model_post'),
        type,
        title: `${deptName}${labelOf(type)}`,
        member_id: byMember ? mp.pick(holder).id : null,
        department_id: type === 'vanguard_post' ? dept : null,
        organization_id: byMember || (type === 'vanguard_post' && dept) ? null : branch.id,
        level: mp.weighted([
          ['hospital', 80],
          ['sector', 10],
          ['municipal', 8],
          ['provincial', 2],
        ] as const),
        established_on: isoDay(established),
        revoked_on: mp.chance(0.1) ? isoDay(Math.min(end, established + mp.int(180, 700))) : null,
        created_at: stamp(Math.min(established, end)),
      });
    }
  }

  // Ethics events and business figures per department and month. A few departments are weaker:
  // more complaints, fewer banners, lower satisfaction (the survey plan below uses the same factor).
  const weakness = new Map(departments.map((d) => [d.id, r(`weak:${d.id}`).chance(0.15) ? 1 : 0]));
  const eth = r('ethics');
  const met = r('metrics');
  const lastFullMonth = addMonths(end, -1); // the month before the end date's month
  for (const d of departments) {
    const clinical = d.type === 'clinical';
    const weak = weakness.get(d.id)!;
    const staffMembers = everyone.filter((p) => p.deptId === d.id && p.membership === 'active');
    const staff = Math.max(8, Math.round(staffMembers.length * (2.2 + met.float())));
    const senior = Math.max(1, Math.round(staff * (clinical ? 0.3 : 0.15)));
    for (const m of months) {
      if (m > end) break;
      const { m: mon } = ymd(m);
      const dim = m === monthStart(end) ? ymd(end).d : new Date(Date.UTC(ymd(m).y, mon, 0)).getUTCDate();
      const counts: [string, number][] = clinical
        ? [
            ['banner', eth.poisson(d.weight * (weak ? 0.4 : 0.9))],
            ['thank_letter', eth.poisson(d.weight * (weak ? 0.5 : 1.1))],
            ['refused_red_envelope', eth.poisson(d.weight * 0.12)],
            ['complaint', eth.poisson(d.weight * (weak ? 1.1 : 0.3))],
            ['dispute', eth.poisson(weak ? 0.08 : 0.02)],
          ]
        : [
            ['thank_letter', eth.poisson(0.2)],
            ['complaint', eth.poisson(0.08)],
          ];
      let complaints = 0;
      for (const [type, n] of counts) {
        for (let i = 0; i < n; i++) {
          const day = m + eth.int(0, dim - 1);
          if (type === 'complaint') complaints++;
          sink.add('ethics_event', {
            id: sink.id('ethics_event'),
            type,
            department_id: d.id,
            member_id: staffMembers.length && eth.chance(0.6) ? eth.pick(staffMembers).id : null,
            amount: type === 'refused_red_envelope' ? (eth.int(2, 50) * 100).toFixed(2) : null,
            occurred_on: isoDay(day),
            created_at: stamp(day, '17:00:00'),
          });
        }
      }
      if (m > lastFullMonth) continue; // business figures arrive after the month closes
      const seasonal = 1 + 0.12 * Math.cos(((mon - 1) / 12) * 2 * Math.PI) - (mon === 2 ? 0.18 : 0);
      const metric = (code: string, value: number) =>
        sink.add('department_metric', {
          id: sink.id('department_metric'),
          department_id: d.id,
          month: isoDay(m),
          code,
          value: value.toFixed(2),
          created_at: stamp(addMonths(m, 1, 5)),
        });
      metric('staff_count', staff);
      metric('senior_title_staff', senior);
      if (clinical) {
        metric('outpatient_visits', Math.round(d.weight * 6500 * seasonal * (0.93 + met.float() * 0.14)));
        metric('discharges', Math.round(d.weight * 320 * seasonal * (0.93 + met.float() * 0.14)));
        if (d.surgical) metric('surgeries', Math.round(d.weight * 210 * seasonal * (0.92 + met.float() * 0.16)));
        metric('new_techniques', met.poisson(0.15 * d.weight));
      }
      if (clinical || d.type === 'medtech' || d.type === 'research') {
        metric('papers', met.poisson((clinical ? 0.9 : 0.5) * d.weight));
        if (mon % 3 === 0) metric('research_grants', met.poisson(0.8 * d.weight));
      }
      metric('complaints', complaints);
    }
  }

  // ── Party-building research projects and yearly assessments ──────────────────────────────────
  const rp = r('research');
  for (let i = 0, n = Math.max(2, Math.round(10 * input.size)); i < n; i++) {
    const approved = start - YEAR + rp.int(0, 3 * YEAR);
    if (approved > end) continue;
    const age = end - approved;
    sink.add('research_project', {
      id: sink.id('research_project'),
      title: rp.pick(RESEARCH_TOPICS),
      organization_id: rp.chance(0.8) ? rp.pick(branches).id : committeeId,
      level: rp.weighted([
        ['hospital', 50],
        ['sector', 20],
        ['municipal', 20],
        ['provincial', 10],
      ] as const),
      approved_on: isoDay(approved),
      status:
        age < 120
          ? 'approved'
          : age < 600
            ? rp.chance(0.05)
              ? 'terminated'
              : 'in_progress'
            : rp.chance(0.85)
              ? 'completed'
              : 'in_progress',
      created_at: stamp(approved),
    });
  }
  const as = r('assessments');
  for (let y = ymd(start).y; dayOf(y, 12, 31) <= end; y++) {
    const at = stamp(dayOf(y + 1, 1, 15));
    for (const branch of branches) {
      const score = clamp(Math.round((72 + branch.discipline * 20 + as.normal(0, 3)) * 100) / 100, 55, 99);
      sink.add('assessment', {
        id: sink.id('assessment'),
        subject_type: 'branch',
        organization_id: branch.id,
        year: y,
        score: score.toFixed(2),
        grade: gradeOf(score),
        created_at: at,
      });
      if (branch.secretaryId) {
        const s2 = clamp(score + as.normal(1, 2), 55, 99);
        sink.add('assessment', {
          id: sink.id('assessment'),
          subject_type: 'branch_secretary',
          member_id: branch.secretaryId,
          organization_id: branch.id,
          year: y,
          score: s2.toFixed(2),
          grade: gradeOf(s2),
          created_at: at,
        });
      }
      // 民主评议党员: 优秀 at most a third of the branch.
      const reviewed = branch.people.filter((p) => p.converted !== null && p.converted <= dayOf(y, 12, 1) && p.membership === 'active');
      const excellentCap = Math.floor(reviewed.length / 3);
      let excellent = 0;
      for (const p of reviewed) {
        let grade = as.weighted([
          ['excellent', 28],
          ['good', 68],
          ['fair', 3.5],
          ['poor', 0.5],
        ] as const);
        if (grade === 'excellent' && ++excellent > excellentCap) grade = 'good';
        sink.add('assessment', {
          id: sink.id('assessment'),
          subject_type: 'member',
          member_id: p.id,
          organization_id: branch.id,
          year: y,
          grade,
          created_at: at,
        });
      }
    }
    for (const p of positions.filter((x) => x.role === 'general_branch_secretary')) {
      const s = clamp(88 + as.normal(0, 4), 60, 99);
      sink.add('assessment', {
        id: sink.id('assessment'),
        subject_type: 'general_branch_secretary',
        member_id: p.member.id,
        organization_id: p.org,
        year: y,
        score: s.toFixed(2),
        grade: gradeOf(s),
        created_at: at,
      });
    }
  }

  // ── Surveys and the plan of their responses ──────────────────────────────────────────────────
  const sv = r('surveys');
  const clinicalDepts = departments.filter((d) => d.type === 'clinical');
  const surveys = [
    {
      title: '门诊患者满意度调查（院内）',
      kind: 'outpatient',
      source: 'internal',
      cadence: 'weekly',
      scale: 'percent_satisfied',
      share: 0.42,
      depts: clinicalDepts,
      mean: 90,
      sd: 7,
      unsat: 0.035,
    },
    {
      title: '住院患者满意度调查（院内）',
      kind: 'inpatient',
      source: 'internal',
      cadence: 'continuous',
      scale: 'percent_satisfied',
      share: 0.34,
      depts: clinicalDepts,
      mean: 92,
      sd: 6,
      unsat: 0.025,
    },
    {
      title: '国家公立医院满意度调查（门诊）',
      kind: 'outpatient',
      source: 'national_platform',
      cadence: 'monthly',
      scale: 'score_0_100',
      share: 0.12,
      depts: clinicalDepts,
      mean: 86,
      sd: 9,
      unsat: 0,
    },
    {
      title: '国家公立医院满意度调查（住院）',
      kind: 'inpatient',
      source: 'national_platform',
      cadence: 'monthly',
      scale: 'score_0_100',
      share: 0.1,
      depts: clinicalDepts,
      mean: 89,
      sd: 8,
      unsat: 0,
    },
    {
      title: '医务人员满意度调查',
      kind: 'staff',
      source: 'national_platform',
      cadence: 'quarterly',
      scale: 'likert_5',
      share: 0.02,
      depts: departments,
      mean: 4.1,
      sd: 0.8,
      unsat: 0,
    },
  ];
  const days = end - start + 1;
  for (const s of surveys) {
    if (!s.depts.length) continue;
    const surveyId = sink.id('survey');
    sink.add('survey', {
      id: surveyId,
      hospital_id: hospitalId,
      title: s.title,
      kind: s.kind,
      source: s.source,
      cadence: s.cadence,
      scale: s.scale,
      started_on: isoDay(dayOf(2019, 1, 1)),
      created_at: hospitalStamp,
    });
    const weightSum = s.depts.reduce((t, d) => t + d.weight, 0);
    const quarterEndOnly = s.kind === 'staff';
    // Staff surveys run only in the last month of each quarter: a third of the days carry the volume.
    const activeDays = quarterEndOnly ? days / 3 : days;
    for (const d of s.depts) {
      const weak = weakness.get(d.id)!;
      const daily = (input.surveyResponses * s.share * d.weight) / weightSum / activeDays;
      const offset = (weak ? -1 : 0) * (s.scale === 'likert_5' ? 0.35 : 4.5) + sv.normal(0, s.scale === 'likert_5' ? 0.1 : 1.2);
      sink.add('seed_survey_plan', {
        plan_id: sink.id('seed_survey_plan'),
        survey_id: surveyId,
        department_id: d.id,
        scale: s.scale,
        first_day: isoDay(start),
        last_day: isoDay(end),
        daily,
        mean: s.mean + offset,
        sd: s.sd,
        unsat: s.unsat * (weak ? 2.5 : 1),
        quarter_end_only: quarterEndOnly,
      });
    }
  }

  return { hospitalId, committeeId, members: everyone.length, branches: branches.length };
}

const LABELS: Record<string, string> = {
  volunteer_service: '志愿服务',
  free_clinic: '义诊',
  health_lecture: '健康讲座',
  home_visit: '入户服务',
  first_aid_training: '急救培训',
  health_checkup: '免费体检',
  blood_donation: '无偿献血',
  co_building: '共驻共建',
  paired_assistance: '对口帮扶',
  poverty_relief: '扶贫慰问',
  publicity_talk: '宣讲',
  red_education: '红色教育',
  integrity_education: '廉政教育',
  quiz: '知识竞赛',
  skills_contest: '技能大赛',
  member_experience_day: '党员体验日',
  study_session: '集中学习',
  model_post: '党员示范岗',
  vanguard_post: '党员先锋岗',
  service_desk: '党员服务台',
  commando_team: '党员突击队',
  responsibility_area: '党员责任区',
};
const labelOf = (type: string) => LABELS[type] ?? type;
const gradeOf = (score: number) => (score >= 90 ? 'excellent' : score >= 80 ? 'good' : score >= 65 ? 'fair' : 'poor');
