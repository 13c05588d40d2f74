/**
 * The records behind a number: for one indicator, organisation subtree and period, every record that
 * makes the numerator or the denominator, with what it adds to each. Σ num = the numerator and
 * Σ den = the denominator, always (a test checks it for every indicator against the cells). A record
 * with den > 0 and num = 0 is one that was due and not counted: the branch whose secretary does not head
 * the department, the required meeting that was not held.
 *
 * Parameters as sql.ts (one period): $1 key, $2 first day, $3 last day (arrays of one), $4 the subtree's
 * organisation ids. Output: record_type, record_id, label, on_date, org_id, num, den. People are never
 * named (personal data): a member is "党员 #id".
 *
 * evidenceSql's filter on the subtree reaches into a plain SELECT (PostgreSQL pushes it down), not into a CTE read
 * twice, a union's joins or an aggregate: there the statement reads only the subtree's rows itself, with sql.ts's
 * predicates (ORG, SURVEYED_IN_ORGS, MEMBER_OF_ORGS), so evidence costs what the subtree holds, not the whole database
 * (a hospital's month of three-meetings evidence read every branch of the province: 2.7 s; the activists' stage read
 * every person's development events: 48 ms at province scale, and a nation is thirty provinces).
 */
import { RANK } from '../domain/development.js';
import type { StoredIndicatorId } from './sql.js';
import {
  attendedIn,
  BRANCHES,
  CONVERTED_ON_TIME,
  PROBATIONS,
  BRANCHES_KINDS,
  DEPT_ORG,
  HAS_COMMITTEE,
  held,
  holds,
  latestReported,
  MEMBERS_AT_END,
  MEMBERS_AT_END_BY_DEPT,
  MEMBER_OF_ORGS,
  OPEN_DEPT,
  ORG,
  STINT,
  ORG_LIFE,
  PERIODS,
  POSTS,
  POSTED_DEPTS,
  SERVICE,
  SURVEYED_IN_ORGS,
  VOLUNTEER,
  ASSISTANCE,
  STAGE_RANK,
  TIMELINE_OK,
} from './sql.js';

const MEMBER_LABEL = `'党员 #' || mem.id`;

/** Branches active at the period's end, each due once; counted when `condition` holds. */
const branches = (condition: string, count = false) => `with ${PERIODS}, ${BRANCHES}
  select 'Organization' as record_type, br.org_id as record_id, o.name as label, null::date as on_date, br.org_id,
    case when ${count ? 'true' : condition} then 1 else 0 end as num, ${count ? 0 : 1} as den
  from br join organization o on o.id = br.org_id`;

const branchesWithCommittee = (condition: string) => `with ${PERIODS}, ${BRANCHES}
  select 'Organization' as record_type, br.org_id as record_id, o.name as label, null::date as on_date, br.org_id,
    case when ${condition} then 1 else 0 end as num, 1 as den
  from br join organization o on o.id = br.org_id where ${HAS_COMMITTEE}`;

const activities = (where: string, num = '1') => `with ${PERIODS}
  select 'Activity' as record_type, a.id as record_id, a.title as label, a.held_on as on_date, a.organization_id as org_id,
    ${num} as num, 0 as den
  from activity a, p where ${where} and a.status = 'held' and a.held_on between p.start_on and p.end_on`;

/** Committee approvals of admission in the period; `condition` on the member `m` and the event `e`. */
const newMembers = (condition: string | null) => `with ${PERIODS}
  select 'DevelopmentEvent' as record_type, e.id as record_id, '党员 #' || m.id as label, e.event_date as on_date,
    m.organization_id as org_id, case when ${condition ?? 'true'} then 1 else 0 end as num, ${condition ? 1 : 0} as den
  from development_event e join member m on m.id = e.member_id, p
  where e.stage = 'committee_approved' and e.event_date between p.start_on and p.end_on`;

/** The responses, and the results reported in aggregate (one record: its satisfied over its respondents). */
const responses = (kind: string) => `with ${PERIODS}, ${DEPT_ORG}
  select 'SurveyResponse' as record_type, r.id as record_id, coalesce(d.name, '（未指定科室）') as label, r.responded_on as on_date,
    coalesce(dep.org_id, h.committee_id) as org_id, case when r.is_satisfied then 1 else 0 end as num, 1 as den
  from survey_response r join survey s on s.id = r.survey_id and s.kind = '${kind}' join hospital h on h.id = s.hospital_id
  left join department d on d.id = r.department_id left join dept_org dep on dep.department_id = r.department_id, p
  where r.responded_on between p.start_on and p.end_on and ${SURVEYED_IN_ORGS('r')}
    -- Known when the scan starts: only the periods' months' partitions are read (db/partitions.ts).
    and r.responded_on between (select min(start_on) from p) and (select max(end_on) from p)
  union all
  select 'SurveyResult' as record_type, x.id, coalesce(d.name, '（全院）'), x.month,
    coalesce(dep.org_id, h.committee_id), x.satisfied, x.respondents
  from survey_result x join survey s on s.id = x.survey_id and s.kind = '${kind}' join hospital h on h.id = s.hospital_id
  left join department d on d.id = x.department_id left join dept_org dep on dep.department_id = x.department_id, p
  where x.month between p.start_on and p.end_on and ${SURVEYED_IN_ORGS('x')}`;

const ethics = (type: string, num = '1') => `with ${PERIODS}, ${DEPT_ORG}
  select 'EthicsEvent' as record_type, x.id as record_id, coalesce(d.name, '') as label, x.occurred_on as on_date,
    coalesce(dep.org_id, m.organization_id) as org_id, ${num} as num, 0 as den
  from ethics_event x left join department d on d.id = x.department_id left join dept_org dep on dep.department_id = x.department_id
  left join member m on m.id = x.member_id, p
  where x.type = '${type}' and x.occurred_on between p.start_on and p.end_on`;

const stage = (rank: number) => `with ${PERIODS},
  st as (select e.member_id, max(${STAGE_RANK}) as rank from p join development_event e on e.event_date <= p.end_on
         and e.member_id in ${MEMBER_OF_ORGS} group by 1)
  select 'Member' as record_type, m.id as record_id, '人员 #' || m.id as label, null::date as on_date, m.organization_id as org_id,
    1 as num, 0 as den
  from st join member m on m.id = st.member_id where st.rank = ${rank}`;

/** Members on the period's last day (by their department's organisation) as numerator, department figures as denominator. */
const membersOverReported = (condition: string, code: string) => `with ${PERIODS}, ${DEPT_ORG}, ${MEMBERS_AT_END_BY_DEPT}
  select 'Member' as record_type, mem.id as record_id, ${MEMBER_LABEL} as label, mem.joined_on as on_date,
    coalesce(dep.org_id, mem.organization_id) as org_id, 1 as num, 0 as den
  from mem left join dept_org dep on dep.department_id = mem.department_id where ${condition}
  union all
  select 'DepartmentMetric', x.id, d.name || ' ' || x.code, x.month, dep.org_id, 0, x.value
  from (${latestReported(code)}) x
  join department d on d.id = x.department_id join dept_org dep on dep.department_id = x.department_id`;

const membersWho = (went: string, where = 'true') => `with ${PERIODS}, ${MEMBERS_AT_END}, ${went}
  select 'Member' as record_type, mem.id as record_id, ${MEMBER_LABEL} as label, mem.joined_on as on_date, mem.organization_id as org_id,
    case when went.member_id is not null then 1 else 0 end as num, 1 as den
  from mem left join went on went.key = mem.key and went.member_id = mem.id where ${where}`;

const groups = (condition: string) => `with ${PERIODS}, br as (select p.key, p.start_on, p.end_on, g.id as org_id, g.name from p
    join organization g on g.kind = 'party_group' and (g.founded_on is null or g.founded_on <= p.end_on)
     and (g.dissolved_on is null or g.dissolved_on > p.end_on)
    join organization b on b.id = g.parent_id and (b.dissolved_on is null or b.dissolved_on > p.end_on))
  select 'Organization' as record_type, br.org_id as record_id, br.name as label, null::date as on_date, br.org_id,
    case when ${condition} then 1 else 0 end as num, 1 as den from br`;

export const EVIDENCE_SQL: Record<StoredIndicatorId, string> = {
  branch_count: branches('true', true),
  secretary_dept_head_rate: branches(holds('secretary', 's.is_dept_head')),
  dual_leader_secretary_rate: branches(holds('secretary', 's.is_dual_leader')),
  on_time_election_rate: branches(
    `br.term_start is not null and br.term_start + make_interval(years => coalesce(br.term_years, 3) + 1) > br.end_on`,
  ),
  branch_setup_compliance_rate: `with ${PERIODS}, ${BRANCHES}
    select 'Organization' as record_type, br.org_id as record_id, o.name || '（正式党员 ' || fm.n || ' 名）' as label, null::date as on_date,
      br.org_id, case when fm.n between 3 and 50 and (fm.n < 7 or ${HAS_COMMITTEE}) then 1 else 0 end as num, 1 as den
    from br join organization o on o.id = br.org_id cross join lateral (select count(*) as n from membership ms
      join member m on ${STINT('ms', 'm', 'br.end_on')} where ms.organization_id = br.org_id and m.converted_on <= br.end_on) fm`,
  dept_branch_coverage_rate: `with ${PERIODS}, ${DEPT_ORG},
    due as (select p.key, p.end_on, d.id, d.name from p join department d on d.type in ('clinical', 'medtech', 'nursing_unit')
      where ${OPEN_DEPT} and (select count(*) from member m where m.department_id = d.id and m.political_status in ('probationary', 'full_member')
             and m.joined_on <= p.end_on and exists (select 1 from membership ms where ${STINT('ms', 'm', 'p.end_on')})) >= 3)
    select 'Department' as record_type, due.id as record_id, due.name as label, null::date as on_date, dep.org_id,
      case when exists (select 1 from branch_department bd join organization o on o.id = bd.branch_id
        where bd.department_id = due.id and bd.valid_from <= due.end_on and (bd.valid_to is null or bd.valid_to >= due.end_on)
          and (o.dissolved_on is null or o.dissolved_on > due.end_on)) then 1 else 0 end as num, 1 as den
    from due join dept_org dep on dep.department_id = due.id`,
  member_share_of_staff: membersOverReported('true', 'staff_count'),
  general_meeting_rate: branches(held(`'branch_general_meeting'`)),
  committee_meeting_rate: branchesWithCommittee(held(`'branch_committee_meeting'`)),
  group_meeting_rate: groups(held(`'group_meeting'`)),
  party_lecture_rate: branches(held(`'party_lecture'`)),
  theme_party_day_rate: branches(held(`'theme_party_day'`)),
  three_meetings_one_lesson_rate: `with ${PERIODS},
    mp as (select month::text as key, month as start_on, (month + interval '1 month' - interval '1 day')::date as end_on from months),
    qp as (select key, (start_on - interval '2 months')::date as start_on, end_on from mp where extract(month from start_on)::int % 3 = 0),
    br as (select mp.key, mp.start_on, mp.end_on, o.id as org_id, o.name from mp join organization o on o.kind in (${BRANCHES_KINDS})
      and ${ORG('o.id')} and (o.founded_on is null or o.founded_on <= mp.end_on) and (o.dissolved_on is null or o.dissolved_on > mp.end_on))
    select 'Organization' as record_type, br.org_id as record_id, br.name || ' 支委会' as label, br.start_on as on_date, br.org_id,
      (${held(`'branch_committee_meeting'`)})::int as num, 1 as den from br where ${HAS_COMMITTEE}
    union all
    select 'Organization', g.id, g.name || ' 党小组会', mp.start_on, g.id, (exists (select 1 from activity a where a.organization_id = g.id
      and a.type = 'group_meeting' and a.status = 'held' and a.held_on between mp.start_on and mp.end_on))::int, 1
    from mp join organization g on g.kind = 'party_group' and ${ORG('g.id')} and (g.founded_on is null or g.founded_on <= mp.end_on)
      and (g.dissolved_on is null or g.dissolved_on > mp.end_on)
    join organization b on b.id = g.parent_id and (b.dissolved_on is null or b.dissolved_on > mp.end_on)
    union all
    select 'Organization', br.org_id, br.name || case t.type when 'party_lecture' then ' 党课' else ' 党员大会' end, qp.start_on, br.org_id,
      (exists (select 1 from activity a where a.organization_id = br.org_id and a.type = t.type
        and a.status = 'held' and a.held_on between qp.start_on and qp.end_on))::int, 1
    from br join qp on qp.key = br.key cross join (values ('branch_general_meeting'), ('party_lecture')) t(type)`,
  annual_review_completion_rate: branches(`${held(`'org_life_meeting'`)} and ${held(`'democratic_review'`)}`),
  org_life_attendance_rate: `with ${PERIODS}
    select 'Attendance' as record_type, t.id as record_id, a.title || coalesce('：党员 #' || t.member_id, '') as label, a.held_on as on_date,
      a.organization_id as org_id, case when t.status = 'present' then 1 else 0 end as num, 1 as den
    from activity a join attendance t on t.activity_id = a.id, p
    where a.type in (${ORG_LIFE}) and a.status = 'held' and a.held_on between p.start_on and p.end_on
      and t.status in ('present', 'leave', 'absent')`,
  central_group_study_count: activities(`a.type = 'central_group_study'`),
  political_birthday_coverage: membersWho(
    attendedIn(`'political_birthday'`),
    `mem.joined_on < mem.start_on and make_date(extract(year from mem.start_on)::int, extract(month from mem.joined_on)::int, 1)
       between date_trunc('month', mem.start_on) and mem.end_on`,
  ),
  new_probationary_count: newMembers(null),
  activist_count: stage(RANK.ACTIVIST),
  development_target_count: stage(RANK.DEVELOPMENT_TARGET),
  high_knowledge_share_new: newMembers(
    `m.professional_title in ('senior_full', 'senior_associate') or m.education in ('master', 'doctorate')`,
  ),
  frontline_share_new: newMembers(`m.is_frontline or m.is_backbone`),
  development_timeline_compliance: newMembers(TIMELINE_OK),
  on_time_conversion_rate: `with ${PERIODS}
    select 'DevelopmentEvent' as record_type, pr.id as record_id, '党员 #' || m.id as label, (pr.start_on + interval '1 year')::date as on_date,
      m.organization_id as org_id, case when ${CONVERTED_ON_TIME} then 1 else 0 end as num, 1 as den
    from ${PROBATIONS} pr join member m on m.id = pr.member_id, p
    where date_trunc('month', pr.start_on + interval '1 year')::date between p.start_on and p.end_on`,
  senior_title_member_share: membersOverReported(`mem.professional_title in ('senior_full', 'senior_associate')`, 'senior_title_staff'),
  assessment_good_rate: `with ${PERIODS}
    select 'Assessment' as record_type, x.id as record_id, x.subject_type || ' ' || x.year as label, make_date(x.year, 12, 31) as on_date,
      coalesce(x.organization_id, m.organization_id) as org_id, case when x.grade in ('excellent', 'good') then 1 else 0 end as num, 1 as den
    from assessment x left join member m on m.id = x.member_id, p where make_date(x.year, 12, 1) between p.start_on and p.end_on`,
  model_post_count: `with ${PERIODS}, ${DEPT_ORG}, ${POSTS}
    select 'ModelPost' as record_type, post.id as record_id, x.title as label, x.established_on as on_date, post.org_id, 1 as num, 0 as den
    from post join model_post x on x.id = post.id`,
  // As sql.ts: a join to the (period, department) pairs holding a post, restricted to the subtree's departments.
  model_post_dept_coverage: `with ${PERIODS}, ${DEPT_ORG}, ${POSTS}, ${POSTED_DEPTS}
    select 'Department' as record_type, d.id as record_id, d.name as label, null::date as on_date, dep.org_id,
      case when c.department_id is null then 0 else 1 end as num, 1 as den
    from p cross join department d join dept_org dep on dep.department_id = d.id
    left join covered c on c.key = p.key and c.department_id = d.id
    where ${OPEN_DEPT} and dep.org_id = any($4::int[])`,
  volunteer_participation_rate: membersWho(attendedIn(VOLUNTEER)),
  assistance_participation_rate: membersWho(attendedIn(ASSISTANCE)),
  volunteer_person_times: `with ${PERIODS}
    select 'Attendance' as record_type, t.id as record_id, a.title as label, a.held_on as on_date, a.organization_id as org_id, 1 as num, 0 as den
    from activity a join attendance t on t.activity_id = a.id and t.status = 'present', p
    where a.type in (${VOLUNTEER}) and a.status = 'held' and a.held_on between p.start_on and p.end_on`,
  service_event_count: activities(`a.type in (${SERVICE})`),
  service_beneficiaries: activities(`a.type in (${SERVICE})`, 'coalesce(a.beneficiary_count, 0)'),
  party_research_count: `with ${PERIODS}
    select 'ResearchProject' as record_type, x.id as record_id, x.title as label, x.approved_on as on_date, x.organization_id as org_id, 1 as num, 0 as den
    from research_project x, p where x.approved_on between p.start_on and p.end_on`,
  honors_count: `with ${PERIODS}, ${DEPT_ORG}
    select 'Honor' as record_type, x.id as record_id, x.title as label, x.awarded_on as on_date,
      coalesce(x.organization_id, m.organization_id, dep.org_id, h.committee_id) as org_id, 1 as num, 0 as den
    from honor x join hospital h on h.id = x.hospital_id left join member m on m.id = x.member_id
    left join dept_org dep on dep.department_id = x.department_id, p where x.awarded_on between p.start_on and p.end_on`,
  ethics_banners: ethics('banner'),
  ethics_thank_letters: ethics('thank_letter'),
  refused_red_envelope_amount: ethics('refused_red_envelope', 'coalesce(x.amount, 0)'),
  complaint_count: ethics('complaint'),
  outpatient_satisfaction: responses('outpatient'),
  inpatient_satisfaction: responses('inpatient'),
  staff_satisfaction: responses('staff'),
};

/**
 * One page of the evidence of an indicator for a subtree ($5: only counted (true) or only not (false),
 * null for all; $6 limit, $7 offset), with the totals over all of it (one row even when the page is empty).
 */
export function evidenceSql(id: StoredIndicatorId): string {
  return `with ev as (select * from (${EVIDENCE_SQL[id]}) e where e.org_id = any($4::int[]) and (e.num <> 0 or e.den <> 0)),
    tot as (select coalesce(sum(num), 0)::float8 as numerator, coalesce(sum(den), 0)::float8 as denominator from ev),
    sel as (select * from ev where $5::boolean is null or (num <> 0) = $5)
    select tot.numerator, tot.denominator, (select count(*) from sel)::int as total, page.*
    from tot left join lateral (select record_type, record_id, label, on_date::text as on_date, org_id, num::float8 as num, den::float8 as den
      from sel order by (num <> 0), on_date nulls first, record_type, record_id limit $6 offset $7) page on true`;
}
