/**
 * The dashboard's month view as one GraphQL request, as the indicators bench and bench/versus.ts send it: the
 * whole board, the breakdown by child organisation for five indicators, a 12-month series for five.
 */
export const FIVE = [
  'secretary_dept_head_rate',
  'three_meetings_one_lesson_rate',
  'org_life_attendance_rate',
  'outpatient_satisfaction',
  'volunteer_participation_rate',
];

export const MONTH_VIEW = `query($org: ID!, $p: Period!, $from: Period!, $ids: [String!]!) {
  indicators(orgId: $org, period: $p) { values { indicator { id } value numerator denominator status changeFromPrevious changeFromYearAgo } }
  ${FIVE.map((id, i) => `b${i}: indicatorBreakdown(id: "${id}", orgId: $org, period: $p) { rows { rank point { value status } } }`).join('\n  ')}
  indicatorSeries(ids: $ids, orgId: $org, from: $from, to: $p, grain: MONTH) { indicator { id } points { period value } }
}`;
