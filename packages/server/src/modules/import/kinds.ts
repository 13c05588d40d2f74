/** The kinds of import, by their GraphQL name's lower-case form (each declared in its own files). */
import { storedRange } from '../../indicators/cells.js';
import type { WriteTx } from '../../indicators/writes.js';
import { today } from '../../domain/dates.js';
import { ACTIVITIES, ATTENDANCE } from './activities.columns.js';
import { planActivityFile, type ActivitiesPlan } from './activities.plan.js';
import { writeActivities } from './activities.write.js';
import { ASSESSMENTS } from './assessments.columns.js';
import { planAssessments, writeAssessments, type AssessmentsPlan } from './assessments.plan.js';
import { ETHICS } from './ethics.columns.js';
import { planEthics, writeEthics, type EthicsPlan } from './ethics.plan.js';
import { FIGURES } from './figures.columns.js';
import { planFigures, writeFigures, type FiguresPlan } from './figures.plan.js';
import { HONORS } from './honors.columns.js';
import { planHonors, writeHonors, type HonorsPlan } from './honors.plan.js';
import { HOSPITAL_OF_O, orgName } from './exporter.js';
import { countOf, type ImportKindDef, type KindPlan } from './kind.js';
import { MEMBERS } from './members.columns.js';
import { REPORTS } from './reports.columns.js';
import { planReports, writeReports, type ReportsPlan } from './reports.plan.js';
import { planMembers, type MemberPlan, type MemberRow } from './members.plan.js';
import { writeMembers } from './members.write.js';

type MembersPlan = MemberPlan & KindPlan;

/**
 * The first day a members commit's changes reach. A changed person may have facts (attendance, steps, honours)
 * in any period, and their attributes count there: every stored period. New people have no other facts yet:
 * they count from their joining or conversion date on (indicators/sql.ts: members at a period's end); people
 * without either (not yet members) are taken to reach every stored period, to be safe.
 */
async function membersFirstDay(tx: WriteTx, plan: MemberPlan): Promise<string> {
  const range = await storedRange(tx.client);
  const start = range?.first.start ?? `${new Date().getUTCFullYear() - 1}-01-01`;
  if (plan.update.length) return start;
  const dates = plan.create.flatMap((m) => [m.joined_on, m.converted_on]).filter((x): x is string => !!x);
  if (plan.create.some((m) => !m.joined_on)) return start;
  const first = dates.toSorted()[0];
  return first && first > start ? first : start;
}

/** The member fields the commit writes (names only, never values: the audit entry of personal data). */
function fieldsWritten(plan: MemberPlan): string[] {
  const fields = new Set<string>();
  if (plan.create.length) for (const k of Object.keys(plan.create[0]) as (keyof MemberRow)[]) fields.add(k);
  for (const u of plan.update) for (const f of u.fields) fields.add(f);
  return [...fields].toSorted();
}

const members: ImportKindDef<MembersPlan> = {
  name: 'members',
  sheets: [MEMBERS],
  tables: ['member'],
  audit: { action: 'import.members', entity: 'member' },
  async plan({ db, sheets, roots }) {
    const sheet = sheets[0]!;
    const plan = await planMembers({ db, sheet, roots });
    return { ...plan, counts: countOf(sheet, plan.create.length, plan.update.length, plan.unchanged) };
  },
  firstDay: membersFirstDay,
  write: writeMembers,
  auditAfter: (plan) => ({ fields: fieldsWritten(plan) }),
  exports: [
    {
      from: 'member m join organization o on o.id = m.organization_id left join department d on d.id = m.department_id',
      key: 'm.id',
      hospital: 'm.hospital_id',
      source: {
        name: 'm.name',
        idCardNo: 'm.id_card_no',
        gender: 'm.gender',
        birthDate: 'm.birth_date::text',
        ethnicity: 'm.ethnicity',
        branch: 'coalesce(o.code, o.name)',
        department: 'd.name',
        politicalStatus: 'm.political_status',
        membershipStatus: 'm.membership_status',
        joinedOn: 'm.joined_on::text',
        convertedOn: 'm.converted_on::text',
        education: 'm.education',
        professionalTitle: 'm.professional_title',
        staffCategory: 'm.staff_category',
        isDeptHead: 'm.is_dept_head',
        isBackbone: 'm.is_backbone',
        isFrontline: 'm.is_frontline',
        mobile: 'm.mobile',
      },
    },
  ],
};

const activities: ImportKindDef<ActivitiesPlan> = {
  name: 'activities',
  sheets: [ACTIVITIES, ATTENDANCE],
  tables: ['activity', 'attendance'],
  audit: { action: 'import.activities', entity: 'activity' },
  plan: planActivityFile,
  firstDay: async (_tx, plan) => plan.from ?? today(),
  write: writeActivities,
  exports: [
    {
      from: 'activity a join organization o on o.id = a.organization_id',
      key: 'a.id',
      hospital: HOSPITAL_OF_O,
      date: 'a.held_on',
      source: {
        organization: orgName('o'),
        type: 'a.type',
        heldOn: 'a.held_on::text',
        title: 'a.title',
        status: 'a.status',
        location: 'a.location',
        expectedCount: 'a.expected_count',
        beneficiaryCount: 'a.beneficiary_count',
        festivalTag: 'a.festival_tag',
      },
    },
    {
      // Attendance of people on the hub's roll (a guest without a member record has no ID-card number to name).
      from: `attendance t join activity a on a.id = t.activity_id join organization o on o.id = a.organization_id
        join member m on m.id = t.member_id`,
      key: 't.id',
      hospital: HOSPITAL_OF_O,
      date: 'a.held_on',
      source: {
        organization: orgName('o'),
        type: 'a.type',
        heldOn: 'a.held_on::text',
        title: 'a.title',
        idCardNo: 'm.id_card_no',
        attendance: 't.status',
        role: 't.role',
        hours: 't.hours',
      },
    },
  ],
};

const figures: ImportKindDef<FiguresPlan> = {
  name: 'figures',
  sheets: [FIGURES],
  tables: ['department_metric'],
  audit: { action: 'import.figures', entity: 'department_metric' },
  plan: planFigures,
  firstDay: async (_tx, plan) => plan.from ?? today(),
  write: writeFigures,
  exports: [
    {
      from: `department_metric f join department d on d.id = f.department_id join hospital h on h.id = d.hospital_id
        join organization o on o.id = coalesce(d.branch_id, h.committee_id)`,
      key: 'f.id',
      hospital: 'h.id',
      date: 'f.month',
      source: {
        department: 'd.name',
        month: `to_char(f.month, 'YYYY-MM')`,
        code: 'f.code',
        value: 'f.value::text',
        hospital: 'h.name',
      },
    },
  ],
};

const honors: ImportKindDef<HonorsPlan> = {
  name: 'honors',
  sheets: [HONORS],
  tables: ['honor'],
  audit: { action: 'import.honors', entity: 'honor' },
  plan: planHonors,
  firstDay: async (_tx, plan) => plan.from ?? today(),
  write: writeHonors,
  exports: [
    {
      // Counted under the recipient organisation, the person's branch, the department's branch, else the committee.
      from: `honor x join hospital h on h.id = x.hospital_id left join member m on m.id = x.member_id
        left join department d on d.id = x.department_id left join organization r on r.id = x.organization_id
        join organization o on o.id = coalesce(x.organization_id, m.organization_id, d.branch_id, h.committee_id)`,
      key: 'x.id',
      hospital: 'x.hospital_id',
      date: 'x.awarded_on',
      source: {
        recipientType: 'x.recipient_type',
        idCardNo: 'm.id_card_no',
        organization: orgName('r'),
        department: 'd.name',
        hospital: `case when x.recipient_type in ('team', 'hospital') then h.name end`,
        title: 'x.title',
        category: 'x.category',
        level: 'x.level',
        awardedOn: 'x.awarded_on::text',
        issuer: 'x.issuer',
        issuerKind: 'x.issuer_kind',
      },
    },
  ],
};

const ethics: ImportKindDef<EthicsPlan> = {
  name: 'ethics',
  sheets: [ETHICS],
  tables: ['ethics_event'],
  audit: { action: 'import.ethics', entity: 'ethics_event' },
  plan: planEthics,
  firstDay: async (_tx, plan) => plan.from ?? today(),
  write: writeEthics,
  exports: [
    {
      // Counted under the department's branch, else the committee. A person without an ID-card number cannot be named.
      from: `ethics_event e join department d on d.id = e.department_id join hospital h on h.id = d.hospital_id
        join organization o on o.id = coalesce(d.branch_id, h.committee_id) left join member m on m.id = e.member_id`,
      key: 'e.id',
      hospital: 'h.id',
      date: 'e.occurred_on',
      where: 'e.member_id is null or m.id_card_no is not null',
      source: {
        type: 'e.type',
        department: 'd.name',
        idCardNo: 'm.id_card_no',
        occurredOn: 'e.occurred_on::text',
        // Its number among the events of its type, department, person and day (blank for the first).
        seq: `nullif((select count(*) from ethics_event s where s.type = e.type and s.department_id = e.department_id
          and s.member_id is not distinct from e.member_id and s.occurred_on = e.occurred_on and s.id <= e.id), 1)`,
        amount: 'e.amount::text',
        hospital: 'h.name',
      },
    },
  ],
};

const assessments: ImportKindDef<AssessmentsPlan> = {
  name: 'assessments',
  sheets: [ASSESSMENTS],
  tables: ['assessment'],
  audit: { action: 'import.assessments', entity: 'assessment' },
  plan: planAssessments,
  // An assessment year counts in its December (modules/assessment/assessment.writes.ts).
  firstDay: async (_tx, plan) => (plan.year != null ? `${plan.year}-12-01` : today()),
  write: writeAssessments,
  exports: [
    {
      // Counted under the organisation it is filed under. A person without an ID-card number cannot be named.
      from: 'assessment a join organization o on o.id = a.organization_id left join member m on m.id = a.member_id',
      key: 'a.id',
      hospital: HOSPITAL_OF_O,
      date: 'make_date(a.year, 12, 1)',
      where: 'a.member_id is null or m.id_card_no is not null',
      source: {
        subjectType: 'a.subject_type',
        idCardNo: 'm.id_card_no',
        organization: orgName('o'),
        year: 'a.year',
        grade: 'a.grade',
        score: 'a.score::text',
      },
    },
  ],
};

/** SQL of a report period's first day (2026-11, 2026-Q3, 2026). */
const PERIOD_START = `case when x.period ~ '^\\d{4}$' then make_date(x.period::int, 1, 1)
  when x.period ~ '-Q' then make_date(left(x.period, 4)::int, right(x.period, 1)::int * 3 - 2, 1)
  else (x.period || '-01')::date end`;

const reports: ImportKindDef<ReportsPlan> = {
  name: 'reports',
  sheets: [REPORTS],
  tables: ['indicator_report'],
  audit: { action: 'import.reports', entity: 'indicator_report' },
  plan: planReports,
  firstDay: async (_tx, plan) => plan.from ?? today(),
  write: writeReports,
  exports: [
    {
      from: 'indicator_report x join organization o on o.id = x.org_id',
      key: 'x.id',
      hospital: HOSPITAL_OF_O,
      date: PERIOD_START,
      source: {
        organization: orgName('o'),
        indicator: 'x.indicator_id',
        period: 'x.period',
        undisclosed: `x.disclosure = 'not_disclosed'`,
        value: 'x.value::float8',
        numerator: 'x.numerator::float8',
        denominator: 'x.denominator::float8',
        source: 'x.source',
      },
    },
  ],
};

export const KINDS = { members, activities, figures, honors, ethics, assessments, reports } as const satisfies Record<
  string,
  ImportKindDef
>;
export type KindName = keyof typeof KINDS;
