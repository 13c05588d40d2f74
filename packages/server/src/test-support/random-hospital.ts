/**
 * Small random hospitals for the indicator property test: a random tree (general branches, branches,
 * party groups; some dissolved), departments mapped or not, members at every stage and status, positions
 * with random flags and dates, meetings held, missed and cancelled with attendance, survey responses,
 * honors, model posts, ethics events, department figures, assessments. Written straight into the base
 * tables (the generator is not what is tested); dates fall in the two years before `lastMonth`.
 */
import type pg from 'pg';
import { Rng } from '../seed/random.js';

export interface RandomHospital {
  committee: number;
  hospital: number;
  orgs: number[];
  branches: number[];
  groups: number[];
  departments: number[];
  members: number[];
  surveys: number[];
  activities: number[];
}

const ACTIVITY_TYPES = [
  'branch_general_meeting',
  'branch_committee_meeting',
  'group_meeting',
  'party_lecture',
  'theme_party_day',
  'org_life_meeting',
  'democratic_review',
  'political_birthday',
  'central_group_study',
  'volunteer_service',
  'free_clinic',
  'health_lecture',
  'red_education',
];

export const STAGES = [
  'application_submitted',
  'activist_confirmed',
  'activist_review',
  'target_confirmed',
  'political_review',
  'branch_vote_admit',
  'committee_approved',
  'oath_taken',
  'conversion_requested',
  'conversion_approved',
];

export class DateSpace {
  constructor(
    readonly rng: Rng,
    readonly first: Date,
    readonly days: number,
  ) {}

  day(): string {
    return this.at(this.rng.int(0, this.days - 1));
  }

  at(offset: number): string {
    return new Date(this.first.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
  }

  after(date: string, maxDays: number): string {
    const base = Math.round((Date.parse(`${date}T00:00:00Z`) - this.first.getTime()) / 86_400_000);
    return this.at(Math.min(this.days - 1, base + this.rng.int(0, maxDays)));
  }
}

/** Two years of days ending on the last day of `lastMonth` (YYYY-MM). */
export function dateSpace(rng: Rng, lastMonth: string): DateSpace {
  const end = new Date(Date.UTC(Number(lastMonth.slice(0, 4)), Number(lastMonth.slice(5, 7)), 0));
  const first = new Date(Date.UTC(end.getUTCFullYear() - 2, end.getUTCMonth() + 1, 1));
  return new DateSpace(rng, first, Math.round((end.getTime() - first.getTime()) / 86_400_000) + 1);
}

export async function randomHospital(db: pg.ClientBase, seed: number, lastMonth: string): Promise<RandomHospital> {
  const rng = new Rng(seed);
  const dates = dateSpace(rng, lastMonth);
  const one = async (text: string, values: unknown[]) => (await db.query(text, values)).rows[0].id as number;
  const org = (parent: number | null, kind: string, name: string, dissolved: string | null) =>
    one(
      `insert into organization (parent_id, kind, category, name, founded_on, dissolved_on, term_start, term_years)
       values ($1, $2, 'clinical', $3, $4, $5, $6, 3) returning id`,
      [parent, kind, name, '2015-01-01', dissolved, rng.chance(0.8) ? dates.at(rng.int(-1500, 300)) : null],
    );

  const committee = await org(null, 'committee', `随机医院${seed}党委`, null);
  const hospital = await one(`insert into hospital (name, level, committee_id) values ($1, 'tertiary_a', $2) returning id`, [
    `随机医院${seed}`,
    committee,
  ]);
  const orgs = [committee];
  const branches: number[] = [];
  const groups: number[] = [];
  for (let g = 0; g < rng.int(0, 2); g++) orgs.push(await org(committee, 'general_branch', `总支${g}`, null));
  for (let b = 0; b < rng.int(2, 6); b++) {
    const parent = rng.pick(orgs.filter((o) => o === committee || !branches.includes(o)));
    const id = await org(parent, rng.chance(0.15) ? 'joint_branch' : 'branch', `支部${b}`, rng.chance(0.2) ? dates.day() : null);
    branches.push(id);
    for (let k = 0; k < rng.int(0, 3); k++)
      groups.push(await org(id, 'party_group', `小组${b}-${k}`, rng.chance(0.1) ? dates.day() : null));
  }
  orgs.push(...branches, ...groups);

  const departments: number[] = [];
  for (let d = 0; d < rng.int(2, 6); d++) {
    const branch = rng.chance(0.8) ? rng.pick(branches) : null;
    const id = await one(`insert into department (hospital_id, name, type, branch_id) values ($1, $2, $3, $4) returning id`, [
      hospital,
      `科室${d}`,
      rng.pick(['clinical', 'medtech', 'nursing_unit', 'admin']),
      branch,
    ]);
    departments.push(id);
    if (branch) {
      await db.query(`insert into branch_department (branch_id, department_id, valid_from, valid_to) values ($1, $2, $3, $4)`, [
        branch,
        id,
        dates.at(rng.int(-400, 200)),
        rng.chance(0.15) ? dates.day() : null,
      ]);
    }
  }

  const members: number[] = [];
  for (let m = 0; m < rng.int(6, 30); m++) {
    const status = rng.weighted([
      ['full_member', 6],
      ['probationary', 2],
      ['activist', 1],
      ['development_target', 1],
      ['applicant', 1],
    ] as const);
    // The development record up to the member's stage, dates in order; joining and conversion follow it.
    const upTo = { applicant: 1, activist: 2, development_target: 5, probationary: 8, full_member: 10 }[status];
    const steps: [string, string][] = [];
    let day = dates.at(rng.int(-900, 100));
    for (const stage of STAGES.slice(0, upTo)) {
      steps.push([stage, day]);
      day = dates.after(day, 200);
    }
    // Party age starts with the branch's vote to admit (《发展党员工作细则》).
    const joined = steps.find(([st]) => st === 'branch_vote_admit')?.[1] ?? null;
    const converted = steps.find(([st]) => st === 'conversion_approved')?.[1] ?? null;
    const id = await one(
      `insert into member (hospital_id, name, gender, education, professional_title, staff_category, department_id, is_backbone,
         is_frontline, political_status, membership_status, organization_id, joined_on, converted_on, birth_date)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, '1970-01-01') returning id`,
      [
        hospital,
        `成员${m}`,
        rng.pick(['male', 'female']),
        rng.pick(['doctorate', 'master', 'bachelor', 'college']),
        rng.pick(['senior_full', 'senior_associate', 'intermediate', 'junior', 'none']),
        rng.pick(['physician', 'nurse', 'technician', 'admin']),
        rng.chance(0.9) ? rng.pick(departments) : null,
        rng.chance(0.3),
        rng.chance(0.5),
        status,
        rng.chance(0.9) ? 'active' : rng.pick(['transferred_out', 'deceased', 'removed']),
        rng.pick(branches),
        joined,
        converted,
      ],
    );
    for (const [stage, on] of steps) {
      await db.query(`insert into development_event (member_id, stage, event_date) values ($1, $2, $3)`, [id, stage, on]);
    }
    members.push(id);
  }

  for (const b of branches) {
    for (const role of ['secretary', 'deputy_secretary', 'organization_member', 'publicity_member']) {
      if (role !== 'secretary' && rng.chance(0.4)) continue;
      const start = dates.at(rng.int(-800, 300));
      await db.query(
        `insert into position (organization_id, member_id, role, start_on, end_on, is_dept_head, is_dual_leader, is_discipline_leader)
         values ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          b,
          rng.pick(members),
          role,
          start,
          rng.chance(0.2) ? dates.after(start, 400) : null,
          rng.chance(0.6),
          rng.chance(0.5),
          rng.chance(0.4),
        ],
      );
    }
  }

  const activities: number[] = [];
  for (let a = 0; a < rng.int(10, 60); a++) {
    const type = rng.pick(ACTIVITY_TYPES);
    const holder =
      type === 'group_meeting' && groups.length ? rng.pick(groups) : type === 'central_group_study' ? committee : rng.pick(branches);
    const id = await one(
      `insert into activity (organization_id, type, title, held_on, status, beneficiary_count) values ($1, $2, $3, $4, $5, $6) returning id`,
      [
        holder,
        type,
        `活动${a}`,
        dates.day(),
        rng.weighted([
          ['held', 8],
          ['cancelled', 1],
          ['planned', 1],
        ] as const),
        rng.chance(0.5) ? rng.int(0, 80) : null,
      ],
    );
    activities.push(id);
    const people = [...new Set(Array.from({ length: rng.int(0, 8) }, () => rng.pick(members)))];
    for (const person of people) {
      await db.query(`insert into attendance (activity_id, member_id, status) values ($1, $2, $3)`, [
        id,
        person,
        rng.pick(['present', 'present', 'leave', 'absent', 'exempt']),
      ]);
    }
    if (rng.chance(0.3)) await db.query(`insert into attendance (activity_id, member_id, status) values ($1, null, 'present')`, [id]);
  }

  const surveys: number[] = [];
  for (const kind of ['outpatient', 'inpatient', 'staff']) {
    const survey = await one(
      `insert into survey (hospital_id, title, kind, source, cadence, scale, satisfied_from) values ($1, $2, $3, 'internal', 'monthly', 'percent_satisfied', 60) returning id`,
      [hospital, `${kind}调查`, kind],
    );
    surveys.push(survey);
    for (let r = 0; r < rng.int(0, 25); r++) {
      await db.query(
        `insert into survey_response (survey_id, department_id, responded_on, overall_score, is_satisfied) values ($1, $2, $3, $4, $5)`,
        [survey, rng.chance(0.9) ? rng.pick(departments) : null, dates.day(), rng.int(40, 100), rng.chance(0.85)],
      );
    }
  }

  for (let h = 0; h < rng.int(0, 5); h++) {
    const type = rng.pick(['person', 'branch', 'department', 'hospital']);
    await db.query(
      `insert into honor (hospital_id, recipient_type, member_id, organization_id, department_id, title, category, level, awarded_on)
       values ($1, $2, $3, $4, $5, '荣誉', 'party', 'municipal', $6)`,
      [
        hospital,
        type,
        type === 'person' ? rng.pick(members) : null,
        type === 'branch' ? rng.pick(branches) : null,
        type === 'department' ? rng.pick(departments) : null,
        dates.day(),
      ],
    );
  }
  for (let p = 0; p < rng.int(0, 4); p++) {
    const established = dates.day();
    await db.query(
      `insert into model_post (type, title, member_id, department_id, organization_id, level, established_on, revoked_on)
       values ('model_post', '示范岗', $1, $2, $3, 'hospital', $4, $5)`,
      [
        rng.chance(0.3) ? rng.pick(members) : null,
        rng.chance(0.5) ? rng.pick(departments) : null,
        rng.chance(0.3) ? rng.pick(branches) : rng.pick(branches),
        established,
        rng.chance(0.3) ? dates.after(established, 300) : null,
      ],
    );
  }
  for (let e = 0; e < rng.int(0, 10); e++) {
    const type = rng.pick(['banner', 'thank_letter', 'refused_red_envelope', 'complaint']);
    await db.query(`insert into ethics_event (type, department_id, member_id, amount, occurred_on) values ($1, $2, $3, $4, $5)`, [
      type,
      rng.pick(departments),
      rng.chance(0.5) ? rng.pick(members) : null,
      type === 'refused_red_envelope' ? rng.int(100, 5000) : null,
      dates.day(),
    ]);
  }
  for (const dept of departments) {
    for (let k = 0; k < rng.int(0, 6); k++) {
      const month = `${dates.day().slice(0, 7)}-01`;
      await db.query(
        `insert into department_metric (department_id, month, code, value) select $1, $2, c, $3 from unnest(array['staff_count', 'senior_title_staff']) c
         on conflict do nothing`,
        [dept, month, rng.int(5, 80)],
      );
    }
  }
  for (const b of branches) {
    await db.query(`insert into assessment (subject_type, organization_id, year, grade) values ('branch', $1, $2, $3)`, [
      b,
      Number(lastMonth.slice(0, 4)) - rng.int(0, 1),
      rng.pick(['excellent', 'good', 'fair', 'poor']),
    ]);
  }
  for (let r = 0; r < rng.int(0, 2); r++) {
    await db.query(
      `insert into research_project (title, organization_id, level, approved_on, status) values ('课题', $1, 'hospital', $2, 'approved')`,
      [rng.pick(branches), dates.day()],
    );
  }
  return { committee, hospital, orgs, branches, groups, departments, members, surveys, activities };
}
