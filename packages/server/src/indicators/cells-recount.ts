/**
 * Faster statements for the own cells of the indicators that count members on each period's last day, used
 * only by an import's recount (cells.ts withCellRecount). Their definitions stay sql.ts's (CELL_SQL: what a
 * rebuild and `indicators verify` compute, and what definitionHashes hashes); each statement here gives the
 * same rows for the same parameters, which every import test's verify and cells-recount.test.ts check.
 *
 * What makes them faster: who is a member (mst) depends only on a period's last day, and the 355 stored
 * periods end on about 120 distinct days (a month, its quarter, half, year, year and quarter to date end on
 * the same day). The definitions pair every period with every stint (355 × people); these count the stints
 * once per distinct last day (or, for political birthdays, once per first day, last day and anniversary
 * month) and join the counts to the periods. The numerators (members who attended something) go from the
 * attendance (`went`, a few rows a member) to the member's stint on the period's last day, never over all
 * the pairs.
 */
import {
  ASSISTANCE,
  BRANCHES,
  CELL_SQL,
  DEPT_ORG,
  DEPTS_OF_ORGS,
  DEPT_MEMBERS,
  FULL_MEMBERS,
  MEMBERS_AT_END,
  MEMBERS_AT_END_BY_DEPT,
  PERIODS,
  VOLUNTEER,
  MEMBER_OF_ORGS,
  ownCellsOf,
  ratio,
  reported,
  type StoredIndicatorId,
} from './sql.js';

/** A stint `st` (a row of mst) covers day `day`: the member has joined, and the stint began and has not ended. */
const COVERS = (day: string) =>
  `st.joined_on <= ${day} and (st.from_on is null or st.from_on <= ${day}) and (st.to_on is null or st.to_on > ${day})`;

/**
 * The definition's `went` (attendedIn: members present at a held activity of some types, by period) with the
 * period's days, materialized: each period's months listed once, the attendance's months joined to them by
 * equality (the definition tests every month against every period), and the numerators join it to the
 * attendees' stints by member.
 */
const wentInPeriods = (types: string) => `pmon as (select p.key, p.start_on, p.end_on, m::date as month
    from p, generate_series(date_trunc('month', p.start_on), p.end_on, interval '1 month') m where m::date between p.start_on and p.end_on),
  wp as materialized (select distinct pmon.key, x.member_id, pmon.start_on, pmon.end_on
    from (select distinct t.member_id, date_trunc('month', a.held_on)::date as month
          from attendance t join activity a on a.id = t.activity_id, bounds
          where t.status = 'present' and t.member_id in ${MEMBER_OF_ORGS} and a.type in (${types}) and a.status = 'held'
            and a.held_on between bounds.from_on and bounds.to_on) x
    join pmon on pmon.month = x.month)`;

/** The distinct last days of the periods. */
const ENDS = `ends as (select distinct end_on from p)`;

/**
 * How many of some stints cover each period's last day, by organisation: den(org_id, end_on, n), from
 * `stints` (org_id, joined_on, from_on, to_on; joined_on never null). A stint covers a day when it has begun
 * (the later of joining and its start, `lo`) on or before it and not ended (`to_on`) on or before it, so the
 * count on a day is the stints begun by then less those ended by then: one running sum over each
 * organisation's beginnings and ends (a stint that ends before it begins never counts), read off at the last
 * days, never pairing every stint with every day.
 */
const sweep = (stints: string) => `ev as (select org_id, d, sum(k) as k from (
      select org_id, greatest(joined_on, from_on) as d, 1 as k from (${stints}) s where to_on is null or to_on > greatest(joined_on, from_on)
      union all
      select org_id, to_on, -1 from (${stints}) s where to_on > greatest(joined_on, from_on)) x
    group by 1, 2),
  swept as (select org_id, d, at_end, sum(k) over (partition by org_id order by d, at_end rows between unbounded preceding and current row) as n
    from (select org_id, d, false as at_end, k from ev
          union all select o.org_id, e.end_on, true, 0 from (select distinct org_id from ev) o cross join ends e) x),
  den as (select org_id, d as end_on, n from swept where at_end and n <> 0)`;

/**
 * Members at the period's end, each one counted (den) and those among them who attended (`went`, num), by the
 * organisation of their stint then: the definition's `mem left join went` grouped by organisation and period.
 */
const participation = (types: string) => `with ${PERIODS}, ${MEMBERS_AT_END}, ${ENDS},
  ${sweep('select organization_id as org_id, joined_on, from_on, to_on from mst')},
  ${wentInPeriods(types)},
  num as (select st.organization_id as org_id, wp.key, count(*) as n
    from wp join mst st on st.id = wp.member_id and ${COVERS('wp.end_on')} group by 1, 2)
  select org_id, key, sum(num) as num, sum(den) as den from (
    select den.org_id, p.key, 0 as num, den.n as den from den join p on p.end_on = den.end_on
    union all select org_id, key, n, 0 from num) x
  group by 1, 2`;

/**
 * A member's joining anniversary (month `mo`) counted in a period: it falls in the period, in the year the
 * period starts (the definition's make_date(year of start_on, month joined, 1) between the period's first
 * month and its last day).
 */
const ANNIVERSARY = (mo: string, start: string, end: string) =>
  `make_date(extract(year from ${start})::int, ${mo}, 1) between date_trunc('month', ${start}) and ${end}`;

const politicalBirthday = `with ${PERIODS}, ${MEMBERS_AT_END}, 
  pm as (select distinct p.start_on, p.end_on, mo from p cross join generate_series(1, 12) mo where ${ANNIVERSARY('mo', 'p.start_on', 'p.end_on')}),
  den as (select st.organization_id as org_id, pm.start_on, pm.end_on, count(*) as n
    from pm join mst st on extract(month from st.joined_on)::int = pm.mo and st.joined_on < pm.start_on and ${COVERS('pm.end_on')}
    group by 1, 2, 3),
  ${wentInPeriods(`'political_birthday'`)},
  num as (select st.organization_id as org_id, wp.key, count(*) as n
    from wp join mst st on st.id = wp.member_id and ${COVERS('wp.end_on')}
      and st.joined_on < wp.start_on and ${ANNIVERSARY('extract(month from st.joined_on)::int', 'wp.start_on', 'wp.end_on')}
    group by 1, 2)
  select org_id, key, sum(num) as num, sum(den) as den from (
    select den.org_id, p.key, 0 as num, den.n as den from den join p on p.start_on = den.start_on and p.end_on = den.end_on
    union all select org_id, key, n, 0 from num) x
  group by 1, 2`;

/**
 * The definition's membersByDept: members on the period's last day meeting a condition, by their department's
 * organisation (else their own). Needs DEPT_ORG and ends; its common table expressions go after the others.
 */
const membersByDeptCtes = (condition: string) =>
  sweep(`select coalesce(dep.org_id, st.organization_id) as org_id, st.joined_on, st.from_on, st.to_on
    from mst st left join dept_org dep on dep.department_id = st.department_id where ${condition}`);
const MEMBERS_BY_DEPT_AT_END = `select den.org_id, p.key, den.n as value from den join p on p.end_on = den.end_on`;

/** The definition's FULL_MEMBERS (fm: full members of each branch, by their stint there, on each period's last day), swept. */
const FULL_MEMBERS_AT_END = `${ENDS},
  ${sweep(`select ms.organization_id as org_id, m.converted_on as joined_on, ms.from_on, ms.to_on
    from membership ms join member m on m.id = ms.member_id and m.converted_on is not null
    where ms.organization_id in (select org_id from br)`)},
  fm as (select br.key, br.org_id, den.n from br join den on den.org_id = br.org_id and den.end_on = br.end_on)`;

/** The definition's DEPT_MEMBERS (dm: members of each department on each period's last day), swept by department. */
const DEPT_MEMBERS_AT_END = `${ENDS},
  ${sweep(`select m.department_id as org_id, m.joined_on, ms.from_on, ms.to_on
    from member m join membership ms on ms.member_id = m.id
    where m.department_id is not null and m.political_status in ('probationary', 'full_member') and m.joined_on is not null
      and ($4::int[] is null or m.department_id = any(${DEPTS_OF_ORGS}))`)},
  dm as (select p.key, den.org_id as department_id, den.n from p join den on den.end_on = p.end_on)`;

/** The definitions' text with one common table expression swapped for its faster equivalent. */
function swapped(id: StoredIndicatorId, from: string, to: string): string {
  const text = CELL_SQL[id];
  if (!text.includes(from)) throw new Error(`cells-recount: ${id} no longer holds the expression it replaces`);
  return text.replace(from, to);
}

const FAST: Partial<Record<StoredIndicatorId, string>> = {
  political_birthday_coverage: politicalBirthday,
  volunteer_participation_rate: participation(VOLUNTEER),
  assistance_participation_rate: participation(ASSISTANCE),
  member_share_of_staff: ratio(
    `${PERIODS}, ${DEPT_ORG}, ${MEMBERS_AT_END_BY_DEPT}, ${ENDS}, ${membersByDeptCtes('true')}`,
    MEMBERS_BY_DEPT_AT_END,
    reported('staff_count'),
  ),
  senior_title_member_share: ratio(
    `${PERIODS}, ${DEPT_ORG}, ${MEMBERS_AT_END_BY_DEPT}, ${ENDS}, ${membersByDeptCtes(`st.professional_title in ('senior_full', 'senior_associate')`)}`,
    MEMBERS_BY_DEPT_AT_END,
    reported('senior_title_staff'),
  ),
  branch_setup_compliance_rate: swapped(
    'branch_setup_compliance_rate',
    `${BRANCHES}, ${FULL_MEMBERS}`,
    `${BRANCHES}, ${FULL_MEMBERS_AT_END}`,
  ),
  dept_branch_coverage_rate: swapped('dept_branch_coverage_rate', DEPT_MEMBERS, DEPT_MEMBERS_AT_END),
};

/** The own-cell statement an import's recount runs for an indicator: the faster equivalent where there is one. */
export function recountOwnSql(id: StoredIndicatorId): string {
  return ownCellsOf(FAST[id] ?? CELL_SQL[id]);
}

/** Whether an indicator has a faster recount statement (for the test comparing the two). */
export const FAST_IDS = Object.keys(FAST) as StoredIndicatorId[];
