/**
 * Small random hospitals for the indicator property test: a random tree (general branches, branches,
 * party groups; some dissolved), departments mapped or not, members at every stage and status, positions
 * with random flags and dates, meetings held, missed and cancelled with attendance, survey responses,
 * honors, model posts, ethics events, department figures, assessments. Written straight into the base
 * tables (the generator is not what is tested); facts fall in the two years before `lastMonth` and a few years
 * earlier (development steps, positions, terms), after the organisations' founding.
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

/**
 * What every step below shares. The steps run in a fixed order and draw from one random stream, so the
 * same seed gives the same hospital, ids included: a step must not reorder its draws or its inserts.
 * (Several loops re-draw their bound on every turn, `i < rng.int(…)`: that is part of the stream too.)
 */
interface Build {
  db: pg.ClientBase;
  rng: Rng;
  dates: DateSpace;
  /** Runs an `insert … returning id` and gives the id. */
  one: (text: string, values: unknown[]) => Promise<number>;
}

type Tree = Pick<RandomHospital, 'committee' | 'hospital' | 'orgs' | 'branches' | 'groups'>;

export async function randomHospital(db: pg.ClientBase, seed: number, lastMonth: string): Promise<RandomHospital> {
  const rng = new Rng(seed);
  const b: Build = {
    db,
    rng,
    dates: dateSpace(rng, lastMonth),
    one: async (text, values) => (await db.query(text, values)).rows[0].id as number,
  };
  const tree = await insertTree(b, seed);
  const departments = await insertDepartments(b, tree);
  const members = await insertMembers(b, tree, departments);
  await insertPositions(b, tree.branches, members);
  const activities = await insertActivities(b, tree, members);
  const surveys = await insertSurveys(b, tree.hospital, departments);
  await insertHonors(b, tree, departments, members);
  await insertModelPosts(b, tree.branches, departments, members);
  await insertEthicsEvents(b, departments, members);
  await insertDepartmentMetrics(b, departments);
  await insertAssessments(b, tree.branches, lastMonth);
  await insertResearch(b, tree.branches);
  return { ...tree, departments, members, surveys, activities };
}

/**
 * The organisations' founding: the earliest day the generator draws (a term's start, 1,500 days before the
 * data's window), and no later than 2021-01-01, so the tests' own fixed dates (from 2021 on) fall after it
 * whatever today's date. The cells then span ≈ 6 years, not the ten they spanned from a founding in 2015: each
 * of the many rebuilds and verifications the tests run computes every period of the range (213 periods, not
 * 355), and the periods before the facts held nothing but the same organisations.
 */
const FOUNDED = -1500;
const LATEST_FOUNDING = '2021-01-01';
const foundingDay = (dates: DateSpace): string => {
  const day = dates.at(FOUNDED);
  return day < LATEST_FOUNDING ? day : LATEST_FOUNDING;
};

/** An organisation; some have a term start, a random one from its founding to the data's window. */
function insertOrg(b: Build, parent: number | null, kind: string, name: string, dissolved: string | null): Promise<number> {
  return b.one(
    `insert into organization (parent_id, kind, category, name, founded_on, dissolved_on, term_start, term_years)
     values ($1, $2, 'clinical', $3, $4, $5, $6, 3) returning id`,
    [parent, kind, name, foundingDay(b.dates), dissolved, b.rng.chance(0.8) ? b.dates.at(b.rng.int(FOUNDED, 300)) : null],
  );
}

/** The committee and its hospital, 0–1 general branches, 2–5 branches (some dissolved) with 0–2 party groups each. */
async function insertTree(b: Build, seed: number): Promise<Tree> {
  const { rng, dates } = b;
  const committee = await insertOrg(b, null, 'committee', `随机医院${seed}党委`, null);
  const hospital = await b.one(`insert into hospital (name, level, committee_id) values ($1, 'tertiary_a', $2) returning id`, [
    `随机医院${seed}`,
    committee,
  ]);
  const orgs = [committee];
  const branches: number[] = [];
  const groups: number[] = [];
  for (let g = 0; g < rng.int(0, 2); g++) orgs.push(await insertOrg(b, committee, 'general_branch', `总支${g}`, null));
  for (let i = 0; i < rng.int(2, 6); i++) {
    const parent = rng.pick(orgs.filter((o) => o === committee || !branches.includes(o)));
    const id = await insertOrg(b, parent, rng.chance(0.15) ? 'joint_branch' : 'branch', `支部${i}`, rng.chance(0.2) ? dates.day() : null);
    branches.push(id);
    for (let k = 0; k < rng.int(0, 3); k++)
      groups.push(await insertOrg(b, id, 'party_group', `小组${i}-${k}`, rng.chance(0.1) ? dates.day() : null));
  }
  orgs.push(...branches, ...groups);
  return { committee, hospital, orgs, branches, groups };
}

/** 2–5 departments, most mapped to a branch from some day (and some mapping ended). */
async function insertDepartments(b: Build, tree: Tree): Promise<number[]> {
  const { rng, dates } = b;
  const departments: number[] = [];
  for (let d = 0; d < rng.int(2, 6); d++) {
    const branch = rng.chance(0.8) ? rng.pick(tree.branches) : null;
    const id = await b.one(`insert into department (hospital_id, name, type, branch_id) values ($1, $2, $3, $4) returning id`, [
      tree.hospital,
      `科室${d}`,
      rng.pick(['clinical', 'medtech', 'nursing_unit', 'admin']),
      branch,
    ]);
    departments.push(id);
    if (branch) {
      await b.db.query(`insert into branch_department (branch_id, department_id, valid_from, valid_to) values ($1, $2, $3, $4)`, [
        branch,
        id,
        dates.at(rng.int(-400, 200)),
        rng.chance(0.15) ? dates.day() : null,
      ]);
    }
  }
  return departments;
}

type MemberStatus = 'full_member' | 'probationary' | 'activist' | 'development_target' | 'applicant';

/** The development record up to a member's stage: stages in order, each day after the one before. */
function developmentSteps(b: Build, status: MemberStatus): [stage: string, on: string][] {
  const upTo = { applicant: 1, activist: 2, development_target: 5, probationary: 8, full_member: 10 }[status];
  const steps: [string, string][] = [];
  let day = b.dates.at(b.rng.int(-900, 100));
  for (const stage of STAGES.slice(0, upTo)) {
    steps.push([stage, day]);
    day = b.dates.after(day, 200);
  }
  return steps;
}

/** 6–29 people at every stage and membership status, each with their development record. */
async function insertMembers(b: Build, tree: Tree, departments: number[]): Promise<number[]> {
  const members: number[] = [];
  for (let m = 0; m < b.rng.int(6, 30); m++) {
    const status = b.rng.weighted<MemberStatus>([
      ['full_member', 6],
      ['probationary', 2],
      ['activist', 1],
      ['development_target', 1],
      ['applicant', 1],
    ]);
    const steps = developmentSteps(b, status);
    const id = await insertMember(b, tree, departments, m, status, steps);
    for (const [stage, on] of steps) {
      await b.db.query(`insert into development_event (member_id, stage, event_date) values ($1, $2, $3)`, [id, stage, on]);
    }
    members.push(id);
  }
  return members;
}

/** One person; joining and conversion follow the development record. */
function insertMember(b: Build, tree: Tree, departments: number[], m: number, status: MemberStatus, steps: [string, string][]) {
  const { rng } = b;
  // Party age starts with the branch's vote to admit (《发展党员工作细则》).
  const joined = steps.find(([st]) => st === 'branch_vote_admit')?.[1] ?? null;
  const converted = steps.find(([st]) => st === 'conversion_approved')?.[1] ?? null;
  return b.one(
    `insert into member (hospital_id, name, gender, education, professional_title, staff_category, department_id, is_backbone,
       is_frontline, political_status, membership_status, organization_id, joined_on, converted_on, birth_date)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, '1970-01-01') returning id`,
    [
      tree.hospital,
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
      rng.pick(tree.branches),
      joined,
      converted,
    ],
  );
}

/** Every branch's secretary, and some other committee roles, with random flags; some ended. */
async function insertPositions(b: Build, branches: number[], members: number[]): Promise<void> {
  const { rng, dates } = b;
  for (const branch of branches) {
    for (const role of ['secretary', 'deputy_secretary', 'organization_member', 'publicity_member']) {
      if (role !== 'secretary' && rng.chance(0.4)) continue;
      const start = dates.at(rng.int(-800, 300));
      await b.db.query(
        `insert into position (organization_id, member_id, role, start_on, end_on, is_dept_head, is_dual_leader, is_discipline_leader)
         values ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          branch,
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
}

/** 10–59 activities of every type, held, cancelled or planned, with attendance (and some of people not on the books). */
async function insertActivities(b: Build, tree: Tree, members: number[]): Promise<number[]> {
  const { rng, dates } = b;
  const activities: number[] = [];
  for (let a = 0; a < rng.int(10, 60); a++) {
    const type = rng.pick(ACTIVITY_TYPES);
    const holder =
      type === 'group_meeting' && tree.groups.length
        ? rng.pick(tree.groups)
        : type === 'central_group_study'
          ? tree.committee
          : rng.pick(tree.branches);
    const id = await b.one(
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
    await insertAttendance(b, id, members);
  }
  return activities;
}

async function insertAttendance(b: Build, activity: number, members: number[]): Promise<void> {
  const { rng } = b;
  const people = [...new Set(Array.from({ length: rng.int(0, 8) }, () => rng.pick(members)))];
  for (const person of people) {
    await b.db.query(`insert into attendance (activity_id, member_id, status) values ($1, $2, $3)`, [
      activity,
      person,
      rng.pick(['present', 'present', 'leave', 'absent', 'exempt']),
    ]);
  }
  if (rng.chance(0.3)) await b.db.query(`insert into attendance (activity_id, member_id, status) values ($1, null, 'present')`, [activity]);
}

/** An outpatient, an inpatient and a staff survey with 0–24 responses each. */
async function insertSurveys(b: Build, hospital: number, departments: number[]): Promise<number[]> {
  const { rng, dates } = b;
  const surveys: number[] = [];
  for (const kind of ['outpatient', 'inpatient', 'staff']) {
    const survey = await b.one(
      `insert into survey (hospital_id, title, kind, source, cadence, scale, satisfied_from) values ($1, $2, $3, 'internal', 'monthly', 'percent_satisfied', 60) returning id`,
      [hospital, `${kind}调查`, kind],
    );
    surveys.push(survey);
    for (let r = 0; r < rng.int(0, 25); r++) {
      await b.db.query(
        `insert into survey_response (survey_id, hospital_id, department_id, responded_on, overall_score, is_satisfied) values ($1, (select hospital_id from survey where id = $1), $2, $3, $4, $5)`,
        [survey, rng.chance(0.9) ? rng.pick(departments) : null, dates.day(), rng.int(40, 100), rng.chance(0.85)],
      );
    }
  }
  return surveys;
}

async function insertHonors(b: Build, tree: Tree, departments: number[], members: number[]): Promise<void> {
  const { rng, dates } = b;
  for (let h = 0; h < rng.int(0, 5); h++) {
    const type = rng.pick(['person', 'branch', 'department', 'hospital']);
    await b.db.query(
      `insert into honor (hospital_id, recipient_type, member_id, organization_id, department_id, title, category, level, awarded_on)
       values ($1, $2, $3, $4, $5, '荣誉', 'party', 'municipal', $6)`,
      [
        tree.hospital,
        type,
        type === 'person' ? rng.pick(members) : null,
        type === 'branch' ? rng.pick(tree.branches) : null,
        type === 'department' ? rng.pick(departments) : null,
        dates.day(),
      ],
    );
  }
}

async function insertModelPosts(b: Build, branches: number[], departments: number[], members: number[]): Promise<void> {
  const { rng, dates } = b;
  for (let p = 0; p < rng.int(0, 4); p++) {
    const established = dates.day();
    await b.db.query(
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
}

async function insertEthicsEvents(b: Build, departments: number[], members: number[]): Promise<void> {
  const { rng, dates } = b;
  for (let e = 0; e < rng.int(0, 10); e++) {
    const type = rng.pick(['banner', 'thank_letter', 'refused_red_envelope', 'complaint']);
    await b.db.query(`insert into ethics_event (type, department_id, member_id, amount, occurred_on) values ($1, $2, $3, $4, $5)`, [
      type,
      rng.pick(departments),
      rng.chance(0.5) ? rng.pick(members) : null,
      type === 'refused_red_envelope' ? rng.int(100, 5000) : null,
      dates.day(),
    ]);
  }
}

async function insertDepartmentMetrics(b: Build, departments: number[]): Promise<void> {
  const { rng, dates } = b;
  for (const dept of departments) {
    for (let k = 0; k < rng.int(0, 6); k++) {
      const month = `${dates.day().slice(0, 7)}-01`;
      await b.db.query(
        `insert into department_metric (department_id, month, code, value) select $1, $2, c, $3 from unnest(array['staff_count', 'senior_title_staff']) c
         on conflict do nothing`,
        [dept, month, rng.int(5, 80)],
      );
    }
  }
}

/** Every branch graded, this year or last. */
async function insertAssessments(b: Build, branches: number[], lastMonth: string): Promise<void> {
  for (const branch of branches) {
    await b.db.query(`insert into assessment (subject_type, organization_id, year, grade) values ('branch', $1, $2, $3)`, [
      branch,
      Number(lastMonth.slice(0, 4)) - b.rng.int(0, 1),
      b.rng.pick(['excellent', 'good', 'fair', 'poor']),
    ]);
  }
}

async function insertResearch(b: Build, branches: number[]): Promise<void> {
  for (let r = 0; r < b.rng.int(0, 2); r++) {
    await b.db.query(
      `insert into research_project (title, organization_id, level, approved_on, status) values ('课题', $1, 'hospital', $2, 'approved')`,
      [b.rng.pick(branches), b.dates.day()],
    );
  }
}

/** `n` random hospitals under one upper body (a provincial tree's shape): the upper body's id and the hospitals. */
export async function randomHospitalsUnder(
  db: pg.ClientBase,
  n: number,
  seed: number,
  lastMonth: string,
): Promise<{ upper: number; hospitals: RandomHospital[] }> {
  const upper = (
    await db.query<{ id: number }>(
      `insert into organization (parent_id, kind, category, name, founded_on, term_start, term_years)
       values (null, 'upper_body', 'mixed', '某省卫生健康工委', $1, '2024-01-01', 5) returning id`,
      [foundingDay(dateSpace(new Rng(seed), lastMonth))],
    )
  ).rows[0]!.id;
  const hospitals: RandomHospital[] = [];
  for (let h = 0; h < n; h++) {
    const r = await randomHospital(db, seed + h, lastMonth);
    await db.query(`update organization set parent_id = $1 where id = $2`, [upper, r.committee]);
    hospitals.push(r);
  }
  return { upper, hospitals };
}
