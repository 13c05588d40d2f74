/**
 * Small cells. For a caller without personal access (an analyst: Reader.minCell > 0), a group over person facts
 * (members, attendance, development, assessments, ethics events, a person's honours) that stands on 1 …
 * minCell − 1 distinct persons is suppressed:
 * - in the statement: every figure of such a group, its count included, is null (`having` and ordering see the
 *   null too, so neither a condition nor a rank can tell a suppressed figure: a `having` drops the group);
 * - after it (complementary suppression): in every set of sibling groups (the groups of one grouping that
 *   differ in one key only), a lone suppressed group would be the parent's total minus its visible siblings, so
 *   the next smallest non-empty sibling is suppressed too, until no set has a lone one.
 * Zeros stay: an empty group reveals nobody. Groups read for compareTo and subtotal/total rows take part alike.
 */
import { ident, raw, sql, type Sql } from '../../db/sql.js';
import { X } from './aliases.js';
import type { KeyDef } from './entity.js';
import type { GroupRow } from './types.js';

/** The inner select's column naming each row's person. */
export const PERSON_COLUMN = '__person';

/**
 * The persons a group stands on (the outer select's last column): its distinct persons, or, where every row is
 * a person of its own (`persons: 'id'`, the members list), its rows — the same number without the distinct
 * count's sort (which cost an analyst's member aggregate a sixth of its speed).
 */
export const personsOf = (column: string): Sql =>
  column === 'id' ? raw('count(*)::int') : sql`count(distinct ${X}.${ident(PERSON_COLUMN)})::int`;

/** Whether a group stands on 1 … minCell − 1 persons (in the outer select). */
export function smallGroup(column: string, minCell: number): Sql {
  return sql`${personsOf(column)} between 1 and ${raw(String(minCell - 1))}`;
}

/** A figure, null when its group is small. */
export const guarded = (small: Sql, figure: Sql): Sql => sql`(case when ${small} then null else ${figure} end)`;

const hide = (g: GroupRow): void => {
  g.suppressed = true;
  g.count = null;
  for (const k of Object.keys(g.m)) g.m[k] = null;
};

/** The sets of sibling groups: same grouping, same values of every grouped key but one. */
function siblingSets(groups: GroupRow[], keys: KeyDef[]): GroupRow[][] {
  const sets = new Map<string, GroupRow[]>();
  for (const g of groups) {
    const grouped = keys.filter((k) => g.groupedBy.includes(k.value));
    for (const varying of grouped) {
      const fixed = grouped.filter((k) => k !== varying).map((k) => [k.value, g.keys[k.field] ?? null]);
      const id = JSON.stringify([g.groupedBy.toSorted(), varying.value, fixed]);
      const set = sets.get(id);
      if (set) set.push(g);
      else sets.set(id, [g]);
    }
  }
  return [...sets.values()].filter((s) => s.length > 1);
}

/** Marks the small groups (their figures are null already) and suppresses the complements (see the module comment). */
export function suppressSmall(groups: GroupRow[], keys: KeyDef[], minCell: number): void {
  for (const g of groups) {
    const persons = g.persons ?? 0;
    if (persons > 0 && persons < minCell) hide(g);
  }
  const sets = siblingSets(groups, keys);
  for (let changed = true; changed;) {
    changed = false;
    for (const set of sets) {
      if (set.filter((g) => g.suppressed).length !== 1) continue;
      // Any non-empty sibling will do (one over collective rows only counts too): the fewest persons, then rows.
      const next = set
        .filter((g) => !g.suppressed && (g.count ?? 0) > 0)
        .sort((a, b) => (a.persons ?? 0) - (b.persons ?? 0) || a.count! - b.count!)[0];
      if (!next) continue;
      hide(next);
      changed = true;
    }
  }
}
