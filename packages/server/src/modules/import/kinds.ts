/** The kinds of import, by their GraphQL name's lower-case form (each declared in its own files). */
import { storedRange } from '../../indicators/cells.js';
import type { WriteTx } from '../../indicators/writes.js';
import { today } from '../../domain/dates.js';
import { ACTIVITIES, ATTENDANCE } from './activities.columns.js';
import { planActivityFile, type ActivitiesPlan } from './activities.plan.js';
import { writeActivities } from './activities.write.js';
import { DEVELOPMENT } from './development.columns.js';
import { developmentFirstDay, planDevelopment, writeDevelopment, type DevelopmentPlan } from './development.plan.js';
import { FIGURES } from './figures.columns.js';
import { planFigures, writeFigures, type FiguresPlan } from './figures.plan.js';
import { ASSESSMENTS } from './assessments.columns.js';
import { planAssessments, writeAssessments, type AssessmentsPlan } from './assessments.plan.js';
import { ETHICS } from './ethics.columns.js';
import { planEthics, writeEthics, type EthicsPlan } from './ethics.plan.js';
import { REPORTS } from './reports.columns.js';
import { planReports, writeReports, type ReportsPlan } from './reports.plan.js';
import { HONORS } from './honors.columns.js';
import { planHonors, writeHonors, type HonorsPlan } from './honors.plan.js';
import { HOSPITAL_OF_O, orgName } from './exporter.js';
import { countOf, type ImportKindDef, type KindPlan, type SheetExport } from './kind.js';
import { MEMBERS } from './members.columns.js';
import { TREE_DEPTS, TREE_EXPORTS, TREE_LINKS, TREE_ORGS } from './tree.columns.js';
import { planTree, treeAuditAfter, treeFirstDay, writeTree, type TreePlan } from './tree.plan.js';
import { planMembers, type MemberPlan, type MemberRow } from './members.plan.js';
import { writeMembers } from './members.write.js';
import { SURVEY_RESULTS } from './surveys.columns.js';
import { planSurveyResults, writeSurveyResults, type SurveysPlan } from './surveys.plan.js';
import { POSITIONS } from './positions.columns.js';
import { planPositions, positionsFirstDay, writePositions, type PositionsPlan } from './positions.plan.js';
import { MODEL_POSTS } from './modelposts.columns.js';
import { planModelPosts, writeModelPosts, type ModelPostsPlan } from './modelposts.plan.js';
import { RESEARCH } from './research.columns.js';
import { planResearch, writeResearch, type ResearchPlan } from './research.plan.js';

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
        staffNo: 'm.staff_no',
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
        reason: 't.reason',
        staffNo: 'm.staff_no',
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

const research: ImportKindDef<ResearchPlan> = {
  name: 'research',
  sheets: [RESEARCH],
  tables: ['research_project'],
  audit: { action: 'import.research', entity: 'research_project' },
  plan: planResearch,
  firstDay: async (_tx, plan) => plan.from ?? today(),
  write: writeResearch,
  exports: [
    {
      from: 'research_project p join organization o on o.id = p.organization_id',
      key: 'p.id',
      hospital: HOSPITAL_OF_O,
      date: 'p.approved_on',
      source: {
        organization: orgName('o'),
        title: 'p.title',
        level: 'p.level',
        approvedOn: 'p.approved_on::text',
        status: 'p.status',
      },
    },
  ],
};

const modelposts: ImportKindDef<ModelPostsPlan> = {
  name: 'modelposts',
  sheets: [MODEL_POSTS],
  tables: ['model_post'],
  audit: { action: 'import.modelposts', entity: 'model_post' },
  plan: planModelPosts,
  firstDay: async (_tx, plan) => plan.from ?? today(),
  write: writeModelPosts,
  exports: [
    {
      // Counted under its organisation, else its holder's, else its department's branch (else the committee).
      from: `model_post x left join member m on m.id = x.member_id left join department d on d.id = x.department_id
        left join organization r on r.id = x.organization_id
        join hospital h on h.id = coalesce(m.hospital_id, d.hospital_id,
          (select hh.id from hospital hh where string_to_array(trim(both '/' from r.path), '/')::int[] @> array[hh.committee_id]))
        join organization o on o.id = coalesce(x.organization_id, m.organization_id, d.branch_id, h.committee_id)`,
      key: 'x.id',
      hospital: 'h.id',
      date: 'x.established_on',
      source: {
        type: 'x.type',
        title: 'x.title',
        idCardNo: 'm.id_card_no',
        department: 'd.name',
        organization: orgName('r'),
        hospital: 'h.name',
        level: 'x.level',
        establishedOn: 'x.established_on::text',
        revokedOn: 'x.revoked_on::text',
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

/**
 * A hospital's satisfaction results as the surveys kind takes them back: one row per survey, department and
 * month, the results in aggregate and the individual responses counted up (respondents, satisfied, mean
 * score) together, so the file imported into another hub gives the same satisfaction indicators. A row
 * counts under its department's organisation, else the hospital's committee (as indicators/sql.ts).
 * The key is the row's place in (survey, department, month) order: stable while nothing is written.
 */
const SURVEY_RESULTS_EXPORT: SheetExport = {
  from: `(select row_number() over (order by k.survey_id, k.department_id nulls first, k.month) as key, k.*,
      s.title, s.hospital_id, h.name as hospital_name, d.name as department_name,
      coalesce(d.branch_id, h.committee_id) as org_id
    from (select survey_id, department_id, month, sum(respondents)::int as respondents, sum(satisfied)::int as satisfied,
            round(sum(mean * respondents) / nullif(sum(respondents) filter (where mean is not null), 0), 2) as mean_score
          from (select survey_id, department_id, month, respondents, satisfied, mean_score as mean from survey_result
                union all
                select survey_id, department_id, date_trunc('month', responded_on)::date, count(*), count(*) filter (where is_satisfied),
                  avg(overall_score)
                from survey_response group by 1, 2, 3) u
          group by 1, 2, 3) k
    join survey s on s.id = k.survey_id join hospital h on h.id = s.hospital_id
    left join department d on d.id = k.department_id) r
  join organization o on o.id = r.org_id`,
  key: 'r.key',
  hospital: 'r.hospital_id',
  date: 'r.month',
  source: {
    survey: 'r.title',
    hospital: 'r.hospital_name',
    department: 'r.department_name',
    month: `to_char(r.month, 'YYYY-MM')`,
    respondents: 'r.respondents',
    satisfied: 'r.satisfied',
    meanScore: 'r.mean_score',
  },
};

const surveys: ImportKindDef<SurveysPlan> = {
  name: 'surveys',
  sheets: [SURVEY_RESULTS],
  tables: ['survey_result'],
  audit: { action: 'import.surveys', entity: 'survey_result' },
  plan: planSurveyResults,
  firstDay: async (_tx, plan) => plan.from ?? today(),
  write: writeSurveyResults,
  exports: [SURVEY_RESULTS_EXPORT],
};

/** The organisation tree: organisations, departments, branch–department links (tree.plan.ts). */
const tree: ImportKindDef<TreePlan> = {
  name: 'tree',
  sheets: [TREE_ORGS, TREE_DEPTS, TREE_LINKS],
  tables: ['organization', 'department', 'branch_department'],
  audit: { action: 'import.tree', entity: 'organization' },
  plan: planTree,
  firstDay: treeFirstDay,
  write: writeTree,
  ownCells: true,
  auditAfter: treeAuditAfter,
  exports: TREE_EXPORTS,
};

const development: ImportKindDef<DevelopmentPlan> = {
  name: 'development',
  sheets: [DEVELOPMENT],
  tables: ['development_event', 'member'],
  audit: { action: 'import.development', entity: 'development_event' },
  plan: planDevelopment,
  firstDay: developmentFirstDay,
  write: writeDevelopment,
  auditAfter: (plan) => ({
    people: new Set([...plan.create, ...plan.update].map((s) => s.member_id)).size,
    statusChanged: plan.status.length,
  }),
  exports: [
    {
      from: `development_event e join member m on m.id = e.member_id join organization o on o.id = m.organization_id
        join hospital h on h.id = m.hospital_id left join member i1 on i1.id = e.introducer1_id left join member i2 on i2.id = e.introducer2_id`,
      key: 'e.id',
      hospital: 'm.hospital_id',
      source: {
        idCardNo: 'm.id_card_no',
        hospital: 'h.name',
        stage: 'e.stage',
        on: 'e.event_date::text',
        introducer1: 'i1.id_card_no',
        introducer2: 'i2.id_card_no',
        trainingHours: 'e.training_hours',
      },
    },
  ],
};

const positions: ImportKindDef<PositionsPlan> = {
  name: 'positions',
  sheets: [POSITIONS],
  tables: ['position'],
  audit: { action: 'import.positions', entity: 'position' },
  plan: planPositions,
  firstDay: positionsFirstDay,
  write: writePositions,
  exports: [
    {
      from: 'position s join organization o on o.id = s.organization_id join member m on m.id = s.member_id',
      key: 's.id',
      hospital: 'm.hospital_id',
      source: {
        idCardNo: 'm.id_card_no',
        organization: 'coalesce(o.code, o.name)',
        role: 's.role',
        startOn: 's.start_on::text',
        endOn: 's.end_on::text',
        isDeptHead: 's.is_dept_head',
        isDisciplineLeader: 's.is_discipline_leader',
        isDualLeader: 's.is_dual_leader',
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

export const KINDS = {
  tree,
  members,
  development,
  positions,
  activities,
  figures,
  research,
  modelposts,
  honors,
  surveys,
  ethics,
  assessments,
  reports,
} as const satisfies Record<string, ImportKindDef>;
export type KindName = keyof typeof KINDS;
