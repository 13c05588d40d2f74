/**
 * Small cells on the board. For a caller without personal access (an analyst: Reader.minCell > 0), an
 * indicator value over person facts that stands on 1 … minCell − 1 persons is null with reason SUPPRESSED
 * (its numerator, denominator and status too); zeros stay. What a value stands on, per indicator (`BASIS`):
 * - `numerator` / `denominator`: the count of persons it is (new members, activists) or is a share of
 *   (members who volunteered among the members);
 * - `members`: figures over person-times or amounts (attendance at organisational life, volunteer
 *   person-times, refused red envelopes), which stand on the organisation's members at the period's end:
 *   the denominator of `volunteer_participation_rate`, read with them.
 * Complementary suppression: the children of one organisation are siblings whose sum the parent gives, so in
 * each set of siblings (for one indicator and period) a lone suppressed value takes the next smallest
 * non-empty sibling with it, until no set has a lone one. It is decided over every child of the parent,
 * whichever of them a request asked for, so a board, a breakdown and a single value always agree.
 * The integration index and department breakdowns are built from these points and keep what they hide.
 */
import type { StoredIndicatorId } from './sql.js';
import { Grid } from './grid.js';
import type { Point } from './point.js';

type Basis = 'numerator' | 'denominator' | 'members';

export const BASIS: Partial<Record<StoredIndicatorId, Basis>> = {
  member_share_of_staff: 'numerator',
  org_life_attendance_rate: 'members',
  political_birthday_coverage: 'denominator',
  new_probationary_count: 'numerator',
  activist_count: 'numerator',
  development_target_count: 'numerator',
  high_knowledge_share_new: 'denominator',
  frontline_share_new: 'denominator',
  development_timeline_compliance: 'denominator',
  on_time_conversion_rate: 'denominator',
  senior_title_member_share: 'numerator',
  assessment_good_rate: 'denominator',
  volunteer_participation_rate: 'denominator',
  assistance_participation_rate: 'denominator',
  volunteer_person_times: 'members',
  honors_count: 'numerator',
  ethics_banners: 'numerator',
  ethics_thank_letters: 'numerator',
  refused_red_envelope_amount: 'members',
  complaint_count: 'numerator',
};

/** The indicator whose denominator is an organisation's members at the period's end. */
export const MEMBERS_INDICATOR: StoredIndicatorId = 'volunteer_participation_rate';

export const overPersons = (id: string): boolean => id in BASIS;

/** The persons a point stands on (null: not over persons). */
function personsOf(p: Point, members: Grid<Point>): number | null {
  const basis = BASIS[p.indicatorId as StoredIndicatorId];
  if (!basis) return null;
  if (basis === 'members') return members.get(p.orgId, p.period.key, MEMBERS_INDICATOR)?.denominator ?? 0;
  return (basis === 'numerator' ? p.numerator : p.denominator) ?? 0;
}

/** Whether a point has anything in it (an empty one reveals nobody and is never taken as a complement). */
const nonEmpty = (p: Point) => (p.numerator ?? 0) !== 0 || (p.denominator ?? 0) !== 0 || (p.value ?? 0) !== 0;

export function hidePoint(p: Point): Point {
  return {
    ...p,
    value: null,
    numerator: null,
    denominator: null,
    nullReason: 'SUPPRESSED',
    status: null,
    onPace: null,
    smallBase: false,
    reported: null,
  };
}

export interface SuppressAsk {
  grid: Grid<Point>;
  /** Every organisation read: the ones asked and all their siblings. */
  orgs: readonly number[];
  parentOf: (org: number) => number | null;
  asked: ReadonlyMap<string, readonly { key: string }[]>;
  minCell: number;
}

/** Suppresses the small points of `grid` in place and their complements (see the module comment). */
export function suppressPoints({ grid, orgs, parentOf, asked, minCell }: SuppressAsk): void {
  // Every point's persons first: the members a `members` point stands on are another point's denominator,
  // which may be suppressed itself.
  const persons = new Map<Point, number>();
  const sets: { id: string; key: string; byParent: Map<number | null, Point[]> }[] = [];
  for (const [id, periods] of asked) {
    if (!overPersons(id)) continue;
    for (const { key } of periods) {
      const byParent = new Map<number | null, Point[]>();
      for (const org of orgs) {
        const p = grid.get(org, key, id);
        if (!p) continue;
        persons.set(p, personsOf(p, grid) ?? 0);
        const parent = parentOf(org);
        const siblings = byParent.get(parent);
        if (siblings) siblings.push(p);
        else byParent.set(parent, [p]);
      }
      sets.push({ id, key, byParent });
    }
  }
  for (const { id, key, byParent } of sets) {
    for (const set of byParent.values())
      for (const p of set) {
        const n = persons.get(p)!;
        if (n > 0 && n < minCell) grid.set(p.orgId, key, id, hidePoint(p));
      }
    for (const [parent, set] of byParent) if (parent != null) complement(grid, set, persons, key, id);
  }
}

/** In one set of siblings, while exactly one is suppressed, the next smallest non-empty one goes too. */
function complement(grid: Grid<Point>, set: Point[], persons: Map<Point, number>, key: string, id: string): void {
  for (;;) {
    const now = set.map((p) => grid.get(p.orgId, key, id)!);
    if (now.filter((p) => p.nullReason === 'SUPPRESSED').length !== 1) return;
    const next = set
      .filter((p, i) => now[i]!.nullReason !== 'SUPPRESSED' && nonEmpty(p))
      .sort((a, b) => persons.get(a)! - persons.get(b)!)[0];
    if (!next) return;
    grid.set(next.orgId, key, id, hidePoint(next));
  }
}

/**
 * Suppresses one set of sibling points read without members beside them (the departments under an
 * organisation): where the basis is `members`, the persons are unknown, so every non-empty one is hidden.
 */
export function suppressSiblings(set: Point[], minCell: number): Point[] {
  if (!set.length || !overPersons(set[0]!.indicatorId)) return set;
  const grid = { points: new Grid<Point>() };
  for (const p of set) grid.points.set(p.orgId, p.period.key, p.indicatorId, p);
  const persons = new Map<Point, number>();
  for (const p of set) {
    const members = BASIS[p.indicatorId as StoredIndicatorId] === 'members';
    const n = members ? (nonEmpty(p) ? 1 : 0) : (personsOf(p, grid.points) ?? 0);
    persons.set(p, n);
    if (n > 0 && n < minCell) grid.points.set(p.orgId, p.period.key, p.indicatorId, hidePoint(p));
  }
  complement(grid.points, set, persons, set[0]!.period.key, set[0]!.indicatorId);
  return set.map((p) => grid.points.get(p.orgId, p.period.key, p.indicatorId)!);
}
