/**
 * Each indicator's "own" cells, straight from the base tables: for every organisation and period, the
 * numerator and denominator of what is attributed to that organisation itself (not its subtree). The
 * engine stores subtree totals (cells.ts adds own cells up the tree); the same statements, restricted to
 * a few organisations, give the before/after of a write (the delta), and, over everything, what
 * `indicators:verify` compares with.
 *
 * Parameters of every statement: $1 period keys, $2 first days, $3 last days (text[], date[], date[]),
 * $4 organisation ids to restrict to (int[], null for all). Output columns: org_id, key, num, den.
 *
 * Attribution: branch-level units to the branch; activities (and their attendance) to their organisation;
 * people to their organisation; departments (their responses, events, figures) to the department's branch,
 * or the hospital's committee when it has none.
 */
import { ACTIVITY_CATEGORIES, ASSISTANCE_TYPES, VOLUNTEER_TYPES, type IndicatorId } from '@party-hub/schema/indicators';
import { RANK, STAGE_RANK as STAGES } from '../domain/development.js';
import { BRANCH_KIND_VALUES } from '../domain/enums.js';

export const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');
export const ORG_LIFE = list(ACTIVITY_CATEGORIES.ORG_LIFE);
export const SERVICE = list(ACTIVITY_CATEGORIES.SERVICE);
/** Volunteer service only, and the assistance missions reports list apart (catalog: VOLUNTEER_TYPES, ASSISTANCE_TYPES). */
export const VOLUNTEER = list(VOLUNTEER_TYPES);
export const ASSISTANCE = list(ASSISTANCE_TYPES);
/** The kinds that count as a branch, as an SQL list. */
export const BRANCHES_KINDS = list(BRANCH_KIND_VALUES);

/**
 * "Attributed to one of the organisations in $4" (always true when $4 is null, as in a rebuild): put where
 * the base tables are read, so a write's delta over a few organisations reads only their rows (the final
 * filter in ownCellsSql alone would make PostgreSQL compute every organisation's cells first).
 */
export const ORG = (col: string) => `($4::int[] is null or ${col} = any($4::int[]))`;
/**
 * "A member of organisation `org` on day `day`" (x a member row): a stint of theirs there covers the day
 * (membership.entity.ts: from_on ≤ day < to_on, an open end either side). Reads the dated memberships, never
 * member.organization_id (the current organisation), so a transfer on a date leaves earlier periods as they were.
 */
export const STINT = (ms: string, x: string, day: string) =>
  `${ms}.member_id = ${x}.id and (${ms}.from_on is null or ${ms}.from_on <= ${day}) and (${ms}.to_on is null or ${ms}.to_on > ${day})`;
/** People attributed to the organisations in $4: now (member.organization_id) or in any stint (membership). */
export const MEMBER_OF_ORGS = `(select id from member where ${ORG('organization_id')}
  or ($4::int[] is not null and id in (select member_id from membership where organization_id = any($4::int[]))))`;
/** The departments counted under the organisations in $4, as an array (an index can use `= any(array)`; a CTE semi-join it cannot). */
export const DEPTS_OF_ORGS = `array(select department_id from dept_org where org_id = any($4::int[]))`;
/** A row with a department (x.department_id) counts under the department's organisation, else under its own (x.organization_id). */

/** Periods, and the months they cover (for events, summed into periods). */
export const PERIODS = `p as (select * from unnest($1::text[], $2::date[], $3::date[]) as p(key, start_on, end_on)),
  months as (select distinct date_trunc('month', d)::date as month
             from p, generate_series(p.start_on, p.end_on, interval '1 month') d),
  bounds as (select min(month) as from_on, (max(month) + interval '1 month' - interval '1 day')::date as to_on from months)`;

/** A department's organisation: its branch, else its hospital's committee. */
export const DEPT_ORG = `dept_org as (select d.id as department_id, coalesce(d.branch_id, h.committee_id) as org_id
  from department d join hospital h on h.id = d.hospital_id)`;

/** A department (d) still open on the period's (p) last day: a closed one is no longer counted among departments. */
export const OPEN_DEPT = `(d.closed_on is null or d.closed_on > p.end_on)`;

/** Branches (党支部 and 联合党支部) active on each period's last day. */
export const BRANCHES = `br as (select p.key, p.start_on, p.end_on, o.id as org_id, o.term_start, o.term_years
  from p join organization o on o.kind in (${BRANCHES_KINDS}) and ${ORG('o.id')}
   and (o.founded_on is null or o.founded_on <= p.end_on) and (o.dissolved_on is null or o.dissolved_on > p.end_on))`;

/**
 * Members (probationary or full, joined, in a stint) on each period's last day, with their attributes:
 * `organization_id` is the organisation of their stint on that day (STINT), not their current one.
 */
const membersAtEnd = (where: string) => `mst as materialized (select m.id, m.department_id, m.joined_on, m.professional_title,
    ms.organization_id, ms.from_on, ms.to_on
  from member m join membership ms on ms.member_id = m.id
  where m.political_status in ('probationary', 'full_member') and m.joined_on is not null and ${where}),
  mem as (select p.key, p.start_on, p.end_on, st.id, st.department_id, st.joined_on, st.professional_title, st.organization_id
  from p join mst st on st.joined_on <= p.end_on and (st.from_on is null or st.from_on <= p.end_on) and (st.to_on is null or st.to_on > p.end_on))`;
export const MEMBERS_AT_END = membersAtEnd(ORG('ms.organization_id'));

/** The same, for members counted under their department's organisation (their own without a department); needs DEPT_ORG. */
export const MEMBERS_AT_END_BY_DEPT = membersAtEnd(
  `($4::int[] is null or m.department_id = any(${DEPTS_OF_ORGS}) or (m.department_id is null and ms.organization_id = any($4::int[])))`,
);

/** Full members (converted) of each branch on each period's last day, by their stint there: fm(key, org_id, n); needs BRANCHES. */
export const FULL_MEMBERS = `fm as (select br.key, br.org_id, count(*) as n from br
  join membership ms on ms.organization_id = br.org_id and (ms.from_on is null or ms.from_on <= br.end_on) and (ms.to_on is null or ms.to_on > br.end_on)
  join member m on m.id = ms.member_id and m.converted_on <= br.end_on group by 1, 2)`;

/** Members (probationary or full, in a stint anywhere) of each department on each period's last day: dm(key, department_id, n). */
export const DEPT_MEMBERS = `dm as (select p.key, m.department_id, count(*) as n from p
  join member m on m.department_id is not null and m.political_status in ('probationary', 'full_member') and m.joined_on <= p.end_on
    and ($4::int[] is null or m.department_id = any(${DEPTS_OF_ORGS}))
  join membership ms on ${STINT('ms', 'm', 'p.end_on')} group by 1, 2)`;

/** Positions held on each period's last day. */
export const holds = (role: string, flag = 'true') => `exists (select 1 from position s where s.organization_id = br.org_id
  and s.role = '${role}' and s.start_on <= br.end_on and (s.end_on is null or s.end_on >= br.end_on) and ${flag})`;

/** Branches with a committee (支委会): at least three committee positions held on the period's last day. */
export const HAS_COMMITTEE = `(select count(*) from position s where s.organization_id = br.org_id
  and s.role in ('secretary', 'deputy_secretary', 'organization_member', 'publicity_member', 'discipline_member')
  and s.start_on <= br.end_on and (s.end_on is null or s.end_on >= br.end_on)) >= 3`;

export const held = (types: string, org = 'br.org_id') => `exists (select 1 from activity a where a.organization_id = ${org}
  and a.type in (${types}) and a.status = 'held' and a.held_on between br.start_on and br.end_on)`;

/** Per-branch-per-period indicator: numerator is a condition, denominator the active branch. */
const branchRate = (condition: string, extraCtes = '') =>
  `with ${PERIODS}, ${BRANCHES}${extraCtes}
   select br.org_id, br.key, count(*) filter (where ${condition}) as num, count(*) as den from br group by 1, 2`;

/** Events summed by month, then into each period that contains the month. */
const events = (facts: string, ctes = '') => `with ${PERIODS}${ctes}, facts as (${facts})
  select f.org_id, p.key, sum(f.num) as num, sum(f.den) as den
  from facts f join p on f.month between p.start_on and p.end_on group by 1, 2`;

/**
 * Development stage of each person on each period's last day, by the furthest step reached (the one stage
 * model, domain/development.ts: 1 applicant, 2 activist, 3 development target, 4 voted in and awaiting
 * approval, 5 probationary, 6 full member; 9 withdrawn or cancelled).
 */
export const STAGE_RANK = `case e.stage ${Object.entries(STAGES)
  .map(([stage, rank]) => `when '${stage}' then ${rank}`)
  .join(' ')} end`;
const stageCount = (rank: number) => `with ${PERIODS},
  st as (select p.key, e.member_id, max(${STAGE_RANK}) as rank
         from p join development_event e on e.event_date <= p.end_on and e.member_id in ${MEMBER_OF_ORGS} group by 1, 2)
  select m.organization_id as org_id, st.key, count(*) as num, 0 as den
  from st join member m on m.id = st.member_id where st.rank = ${rank} group by 1, 2`;

/**
 * Each probation (the committee's approval of an admission) with the day it began: the branch meeting's vote
 * (党章 第七条: the probation counts from the day the branch meeting admits), or the approval for a record
 * that does not hold the vote. Columns: id (the approval's event), member_id, start_on.
 */
export const PROBATIONS = `(select e.id, e.member_id, coalesce((select min(v.event_date) from development_event v
    where v.member_id = e.member_id and v.stage = 'branch_vote_admit'), e.event_date) as start_on
  from development_event e where e.stage = 'committee_approved')`;

/** A probation (pr) converted on time: approved within fifteen months of its start, never extended or cancelled. */
export const CONVERTED_ON_TIME = `exists (select 1 from development_event c where c.member_id = pr.member_id
    and c.stage = 'conversion_approved' and c.event_date <= pr.start_on + interval '15 months')
  and not exists (select 1 from development_event c where c.member_id = pr.member_id
    and c.stage in ('probation_extended', 'probation_cancelled'))`;

/** New probationary members (the committee's approval of admission) by month, with a condition for the numerator. */
const newMembers = (condition: string, denominator = 'count(*)') =>
  events(`select m.organization_id as org_id, date_trunc('month', e.event_date)::date as month,
      count(*) filter (where ${condition}) as num, ${denominator} as den
    from development_event e join member m on m.id = e.member_id, bounds
    where e.stage = 'committee_approved' and e.event_date between bounds.from_on and bounds.to_on and ${ORG('m.organization_id')}
    group by 1, 2`);

/** A survey row (x, with its department_id) attributed to one of the organisations in $4 (h: the survey's hospital). */
export const SURVEYED_IN_ORGS = (x: string) => `($4::int[] is null or ${x}.department_id = any(${DEPTS_OF_ORGS})
  or (${x}.department_id is null and h.committee_id = any($4::int[])))`;

/**
 * Satisfied / surveyed by month: the individual responses, and the results reported in aggregate
 * (survey_result: its satisfied over its respondents), both by the department's organisation, else the
 * hospital's committee. The responses' bounds are scalar subqueries: survey_response is partitioned by
 * month (db/partitions.ts), and a bound known when the scan starts lets PostgreSQL skip the other months'
 * partitions whatever join order it picks (a joined `bounds` prunes only in a nested loop).
 */
const satisfaction = (kind: string) =>
  events(
    `select coalesce(dep.org_id, h.committee_id) as org_id, date_trunc('month', r.responded_on)::date as month,
       count(*) filter (where r.is_satisfied) as num, count(*) as den
     from survey_response r join survey s on s.id = r.survey_id and s.kind = '${kind}'
     join hospital h on h.id = s.hospital_id left join dept_org dep on dep.department_id = r.department_id
     where r.responded_on between (select from_on from bounds) and (select to_on from bounds) and ${SURVEYED_IN_ORGS('r')}
     group by 1, 2
     union all
     select coalesce(dep.org_id, h.committee_id), x.month, sum(x.satisfied), sum(x.respondents)
     from survey_result x join survey s on s.id = x.survey_id and s.kind = '${kind}'
     join hospital h on h.id = s.hospital_id left join dept_org dep on dep.department_id = x.department_id, bounds
     where x.month between bounds.from_on and bounds.to_on and ${SURVEYED_IN_ORGS('x')}
     group by 1, 2`,
    `, ${DEPT_ORG}`,
  );

const ethics = (type: string, measure = 'count(*)') =>
  events(
    `select coalesce(dep.org_id, m.organization_id) as org_id, date_trunc('month', x.occurred_on)::date as month,
       ${measure} as num, 0 as den
     from ethics_event x left join dept_org dep on dep.department_id = x.department_id
     left join member m on m.id = x.member_id, bounds
     where x.type = '${type}' and x.occurred_on between bounds.from_on and bounds.to_on group by 1, 2`,
    `, ${DEPT_ORG}`,
  );

const serviceActivities = (measure: string) =>
  events(`select a.organization_id as org_id, date_trunc('month', a.held_on)::date as month, ${measure} as num, 0 as den
    from activity a, bounds where a.type in (${SERVICE}) and a.status = 'held' and ${ORG('a.organization_id')}
     and a.held_on between bounds.from_on and bounds.to_on group by 1, 2`);

/**
 * Each department's latest report of a figure (staff_count …) within each period: the period's last month
 * once it is reported, the month before while it is not (figures arrive after a month closes, so the
 * current quarter or year to date would otherwise be 未填报 until it ends). Columns: key, department_id, id, code, month, value.
 */
export const latestReported = (code: string, where = 'true') => `select distinct on (p.key, x.department_id)
    p.key, x.department_id, x.id, x.code, x.month, x.value
  from p join department_metric x on x.code = '${code}' and x.month between date_trunc('month', p.start_on)::date and p.end_on
  where ${where} order by p.key, x.department_id, x.month desc`;

/** A department figure as last reported in the period (latestReported), by the department's organisation. */
export const reported = (code: string) => `select dep.org_id, r.key, sum(r.value) as value
  from (${latestReported(code, `$4::int[] is null or x.department_id = any(${DEPTS_OF_ORGS})`)}) r
  join dept_org dep on dep.department_id = r.department_id group by 1, 2`;

/** Members on the period's last day, by their department's organisation (their own when they have no department). */
const membersByDept = (condition: string) => `select coalesce(dep.org_id, mem.organization_id) as org_id, mem.key,
    count(*) filter (where ${condition}) as value
  from mem left join dept_org dep on dep.department_id = mem.department_id group by 1, 2`;

/** Numerator from one relation and denominator from another, joined on organisation and period. */
export const ratio = (ctes: string, num: string, den: string) => `with ${ctes}, n as (${num}), d as (${den})
  select coalesce(n.org_id, d.org_id) as org_id, coalesce(n.key, d.key) as key,
    coalesce(n.value, 0) as num, coalesce(d.value, 0) as den
  from n full join d on d.org_id = n.org_id and d.key = n.key`;

/** Members present at a held activity of some types in each period (distinct per period). */
export const attendedIn = (types: string) => `went as (select distinct p.key, x.member_id
  from (select distinct t.member_id, date_trunc('month', a.held_on)::date as month
        from attendance t join activity a on a.id = t.activity_id, bounds
        where t.status = 'present' and t.member_id in ${MEMBER_OF_ORGS} and a.type in (${types}) and a.status = 'held'
          and a.held_on between bounds.from_on and bounds.to_on) x
  join p on x.month between p.start_on and p.end_on)`;

/** Model posts active on the period's last day, with their organisation and department. */
export const POSTS = `post as (select p.key, x.id,
    coalesce(x.organization_id, m.organization_id, dep.org_id) as org_id, coalesce(x.department_id, m.department_id) as department_id
  from p join model_post x on x.established_on <= p.end_on and (x.revoked_on is null or x.revoked_on > p.end_on)
  left join member m on m.id = x.member_id left join dept_org dep on dep.department_id = x.department_id)`;

/** The (period, department) pairs holding a post, of the departments under the organisations in $4: covered(key, department_id); needs POSTS. */
export const POSTED_DEPTS = `covered as (select distinct post.key, post.department_id from post
  where post.department_id is not null and ($4::int[] is null or post.department_id = any(${DEPTS_OF_ORGS})))`;

/**
 * A new member's record meets every minimum (the committee's approval is event `e`): application before
 * activist; at least a year as an activist before becoming a development target; target before the
 * branch's vote; the vote no later than the approval.
 */
export const TIMELINE_OK = `(select
      min(x.event_date) filter (where x.stage = 'application_submitted') <= min(x.event_date) filter (where x.stage = 'activist_confirmed')
      and min(x.event_date) filter (where x.stage = 'activist_confirmed') + interval '1 year'
          <= min(x.event_date) filter (where x.stage = 'target_confirmed')
      and min(x.event_date) filter (where x.stage = 'target_confirmed') <= min(x.event_date) filter (where x.stage = 'branch_vote_admit')
      and min(x.event_date) filter (where x.stage = 'branch_vote_admit') <= e.event_date
    from development_event x where x.member_id = e.member_id and x.event_date <= e.event_date)`;

/** The own-cell statement of every stored indicator (the integration index is derived at read time). */
export const CELL_SQL: Record<Exclude<IndicatorId, 'integration_index'>, string> = {
  branch_count: `with ${PERIODS}, ${BRANCHES} select br.org_id, br.key, count(*) as num, 0 as den from br group by 1, 2`,
  secretary_dept_head_rate: branchRate(holds('secretary', 's.is_dept_head')),
  dual_leader_secretary_rate: branchRate(holds('secretary', 's.is_dual_leader')),
  // Within term: the term (3 years for a branch) plus the 12 months an overdue election may take.
  on_time_election_rate: branchRate(
    `br.term_start is not null and br.term_start + make_interval(years => coalesce(br.term_years, 3) + 1) > br.end_on`,
  ),
  // 3–50 full members; from 7 full members a branch committee (支委会).
  branch_setup_compliance_rate: `with ${PERIODS}, ${BRANCHES}, ${FULL_MEMBERS}
    select br.org_id, br.key, count(*) filter (where coalesce(fm.n, 0) between 3 and 50 and (coalesce(fm.n, 0) < 7 or ${HAS_COMMITTEE})) as num,
      count(*) as den
    from br left join fm on fm.org_id = br.org_id and fm.key = br.key group by 1, 2`,
  dept_branch_coverage_rate: `with ${PERIODS}, ${DEPT_ORG}, ${DEPT_MEMBERS},
    due as (select p.key, p.end_on, d.id from p join department d on d.type in ('clinical', 'medtech', 'nursing_unit')
      and ${OPEN_DEPT}
      and d.id in (select department_id from dept_org where ${ORG('org_id')})
      join dm on dm.key = p.key and dm.department_id = d.id and dm.n >= 3)
    select dep.org_id, due.key,
      count(*) filter (where exists (select 1 from branch_department bd join organization o on o.id = bd.branch_id
        where bd.department_id = due.id and bd.valid_from <= due.end_on and (bd.valid_to is null or bd.valid_to >= due.end_on)
          and (o.dissolved_on is null or o.dissolved_on > due.end_on))) as num,
      count(*) as den
    from due join dept_org dep on dep.department_id = due.id group by 1, 2`,
  member_share_of_staff: ratio(`${PERIODS}, ${DEPT_ORG}, ${MEMBERS_AT_END_BY_DEPT}`, membersByDept('true'), reported('staff_count')),
  general_meeting_rate: branchRate(held(`'branch_general_meeting'`)),
  committee_meeting_rate: `with ${PERIODS}, ${BRANCHES}
    select br.org_id, br.key, count(*) filter (where ${held(`'branch_committee_meeting'`)}) as num, count(*) as den
    from br where ${HAS_COMMITTEE} group by 1, 2`,
  group_meeting_rate: `with ${PERIODS}, br as (select p.key, p.start_on, p.end_on, g.id as org_id from p
      join organization g on g.kind = 'party_group' and ${ORG('g.id')} and (g.founded_on is null or g.founded_on <= p.end_on)
       and (g.dissolved_on is null or g.dissolved_on > p.end_on)
      join organization b on b.id = g.parent_id and (b.dissolved_on is null or b.dissolved_on > p.end_on))
    select br.org_id, br.key, count(*) filter (where ${held(`'group_meeting'`)}) as num, count(*) as den from br group by 1, 2`,
  party_lecture_rate: branchRate(held(`'party_lecture'`)),
  theme_party_day_rate: branchRate(held(`'theme_party_day'`)),
  // Each month: a committee meeting per branch with a committee and a group meeting per active group; in
  // a quarter's last month, a general meeting and a lecture per branch (held any time in that quarter).
  three_meetings_one_lesson_rate: `with ${PERIODS},
    mp as (select month::text as key, month as start_on, (month + interval '1 month' - interval '1 day')::date as end_on from months),
    qp as (select key, (start_on - interval '2 months')::date as start_on, end_on from mp where extract(month from start_on)::int % 3 = 0),
    br as (select mp.key, mp.start_on, mp.end_on, o.id as org_id from mp join organization o on o.kind in (${BRANCHES_KINDS}) and ${ORG('o.id')}
      and (o.founded_on is null or o.founded_on <= mp.end_on) and (o.dissolved_on is null or o.dissolved_on > mp.end_on)),
    req as (
      select br.org_id, br.start_on as month, (${held(`'branch_committee_meeting'`)})::int as num, 1 as den from br where ${HAS_COMMITTEE}
      union all
      select g.id, mp.start_on, (exists (select 1 from activity a where a.organization_id = g.id and a.type = 'group_meeting'
        and a.status = 'held' and a.held_on between mp.start_on and mp.end_on))::int, 1
      from mp join organization g on g.kind = 'party_group' and ${ORG('g.id')} and (g.founded_on is null or g.founded_on <= mp.end_on)
        and (g.dissolved_on is null or g.dissolved_on > mp.end_on)
      join organization b on b.id = g.parent_id and (b.dissolved_on is null or b.dissolved_on > mp.end_on)
      union all
      select br.org_id, br.start_on, (exists (select 1 from activity a where a.organization_id = br.org_id and a.type = t.type
        and a.status = 'held' and a.held_on between qp.start_on and qp.end_on))::int, 1
      from br join qp on qp.key = br.key cross join (values ('branch_general_meeting'), ('party_lecture')) t(type))
    select req.org_id, p.key, sum(req.num) as num, sum(req.den) as den
    from req join p on req.month between p.start_on and p.end_on group by 1, 2`,
  annual_review_completion_rate: branchRate(`${held(`'org_life_meeting'`)} and ${held(`'democratic_review'`)}`),
  org_life_attendance_rate: events(`select a.organization_id as org_id, date_trunc('month', a.held_on)::date as month,
      count(*) filter (where t.status = 'present') as num, count(*) filter (where t.status in ('present', 'leave', 'absent')) as den
    from activity a join attendance t on t.activity_id = a.id, bounds
    where a.type in (${ORG_LIFE}) and a.status = 'held' and ${ORG('a.organization_id')} and a.held_on between bounds.from_on and bounds.to_on
    group by 1, 2`),
  central_group_study_count: events(`select a.organization_id as org_id, date_trunc('month', a.held_on)::date as month,
      count(*) as num, 0 as den
    from activity a, bounds where a.type = 'central_group_study' and a.status = 'held' and ${ORG('a.organization_id')}
     and a.held_on between bounds.from_on and bounds.to_on group by 1, 2`),
  // Members whose joining anniversary (month) falls in the period, a year or more after they joined.
  political_birthday_coverage: `with ${PERIODS}, ${MEMBERS_AT_END}, ${attendedIn(`'political_birthday'`)}
    select mem.organization_id as org_id, mem.key, count(went.member_id) as num, count(*) as den
    from mem left join went on went.key = mem.key and went.member_id = mem.id
    where mem.joined_on < mem.start_on
      and make_date(extract(year from mem.start_on)::int, extract(month from mem.joined_on)::int, 1)
          between date_trunc('month', mem.start_on) and mem.end_on
    group by 1, 2`,
  new_probationary_count: newMembers('true', '0'),
  activist_count: stageCount(RANK.ACTIVIST),
  development_target_count: stageCount(RANK.DEVELOPMENT_TARGET),
  high_knowledge_share_new: newMembers(
    `m.professional_title in ('senior_full', 'senior_associate') or m.education in ('master', 'doctorate')`,
  ),
  frontline_share_new: newMembers(`m.is_frontline or m.is_backbone`),
  development_timeline_compliance: newMembers(TIMELINE_OK),
  // Probation ends a year after the branch meeting's vote (党章 第七条); converted on time: approved within
  // three months of that, with no extension.
  on_time_conversion_rate: events(`select m.organization_id as org_id,
      date_trunc('month', pr.start_on + interval '1 year')::date as month,
      count(*) filter (where ${CONVERTED_ON_TIME}) as num, count(*) as den
    from ${PROBATIONS} pr join member m on m.id = pr.member_id, bounds
    where pr.start_on + interval '1 year' between bounds.from_on and bounds.to_on and ${ORG('m.organization_id')}
    group by 1, 2`),
  senior_title_member_share: ratio(
    `${PERIODS}, ${DEPT_ORG}, ${MEMBERS_AT_END_BY_DEPT}`,
    membersByDept(`mem.professional_title in ('senior_full', 'senior_associate')`),
    reported('senior_title_staff'),
  ),
  // An assessment year counts in its December.
  assessment_good_rate: events(`select coalesce(x.organization_id, m.organization_id) as org_id, make_date(x.year, 12, 1) as month,
      count(*) filter (where x.grade in ('excellent', 'good')) as num, count(*) as den
    from assessment x left join member m on m.id = x.member_id, bounds
    where make_date(x.year, 12, 1) between bounds.from_on and bounds.to_on group by 1, 2`),
  model_post_count: `with ${PERIODS}, ${DEPT_ORG}, ${POSTS}
    select post.org_id, post.key,
      count(*) as num, 0 as den from post group by 1, 2`,
  // Departments × periods joined to the (period, department) pairs holding a post, not an EXISTS per pair: the
  // correlated subquery re-read every post of every hospital for each of a province's ≈ 1 M pairs (162 s for
  // one hospital's rebuild, and for every write's delta on a post or a department).
  model_post_dept_coverage: `with ${PERIODS}, ${DEPT_ORG}, ${POSTS}, ${POSTED_DEPTS}
    select dep.org_id, p.key, count(c.department_id) as num, count(*) as den
    from p cross join department d join dept_org dep on dep.department_id = d.id
    left join covered c on c.key = p.key and c.department_id = d.id
    where ${OPEN_DEPT} and ${ORG('dep.org_id')} group by 1, 2`,
  volunteer_participation_rate: `with ${PERIODS}, ${MEMBERS_AT_END}, ${attendedIn(VOLUNTEER)}
    select mem.organization_id as org_id, mem.key, count(went.member_id) as num, count(*) as den
    from mem left join went on went.key = mem.key and went.member_id = mem.id group by 1, 2`,
  assistance_participation_rate: `with ${PERIODS}, ${MEMBERS_AT_END}, ${attendedIn(ASSISTANCE)}
    select mem.organization_id as org_id, mem.key, count(went.member_id) as num, count(*) as den
    from mem left join went on went.key = mem.key and went.member_id = mem.id group by 1, 2`,
  volunteer_person_times: events(`select a.organization_id as org_id, date_trunc('month', a.held_on)::date as month,
      count(*) as num, 0 as den
    from activity a join attendance t on t.activity_id = a.id and t.status = 'present', bounds
    where a.type in (${VOLUNTEER}) and a.status = 'held' and ${ORG('a.organization_id')} and a.held_on between bounds.from_on and bounds.to_on
    group by 1, 2`),
  service_event_count: serviceActivities('count(*)'),
  service_beneficiaries: serviceActivities('coalesce(sum(a.beneficiary_count), 0)'),
  party_research_count: events(`select x.organization_id as org_id, date_trunc('month', x.approved_on)::date as month,
      count(*) as num, 0 as den
    from research_project x, bounds where x.approved_on between bounds.from_on and bounds.to_on group by 1, 2`),
  honors_count: events(
    `select coalesce(x.organization_id, m.organization_id, dep.org_id, h.committee_id) as org_id,
       date_trunc('month', x.awarded_on)::date as month, count(*) as num, 0 as den
     from honor x join hospital h on h.id = x.hospital_id left join member m on m.id = x.member_id
     left join dept_org dep on dep.department_id = x.department_id, bounds
     where x.awarded_on between bounds.from_on and bounds.to_on group by 1, 2`,
    `, ${DEPT_ORG}`,
  ),
  ethics_banners: ethics('banner'),
  ethics_thank_letters: ethics('thank_letter'),
  refused_red_envelope_amount: ethics('refused_red_envelope', 'coalesce(sum(x.amount), 0)'),
  complaint_count: ethics('complaint'),
  outpatient_satisfaction: satisfaction('outpatient'),
  inpatient_satisfaction: satisfaction('inpatient'),
  staff_satisfaction: satisfaction('staff'),
};

export type StoredIndicatorId = keyof typeof CELL_SQL;
export const STORED_IDS = Object.keys(CELL_SQL) as StoredIndicatorId[];

/** The statement for one indicator, restricted to organisations when $4 is not null. */
export function ownCellsSql(id: StoredIndicatorId): string {
  return ownCellsOf(CELL_SQL[id]);
}

/** An own-cell statement's rows, restricted to organisations when $4 is not null (ownCellsSql's wrapping). */
export function ownCellsOf(statement: string): string {
  return `select c.org_id, c.key, c.num::numeric as num, c.den::numeric as den from (${statement}) c
    where c.org_id is not null and ($4::int[] is null or c.org_id = any($4::int[])) and (c.num <> 0 or c.den <> 0)`;
}

/**
 * The department variant of a department-attributed indicator (DEPARTMENT_BREAKDOWN): the same statement
 * with every department standing for itself instead of for its branch (as a negative id, so that a
 * department and an organisation can never be confused, and rows without a department drop out). $4
 * holds the negated department ids; output: department_id, key, num, den.
 */
const DEPT_AS_ORG = `dept_org as (select d.id as department_id, -d.id as org_id from department d)`;
export function departmentCellsSql(id: StoredIndicatorId): string {
  const statement = CELL_SQL[id];
  if (!statement.includes(DEPT_ORG)) throw new Error(`${id} is not attributed to departments`);
  return `select -c.org_id as department_id, c.key, c.num::numeric as num, c.den::numeric as den
    from (${statement.replaceAll(DEPT_ORG, DEPT_AS_ORG)}) c where c.org_id = any($4::int[])`;
}
