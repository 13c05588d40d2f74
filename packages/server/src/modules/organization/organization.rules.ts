/**
 * The organisation tree's rules, shared by its writes: which kind may sit under which, what an organisation
 * row looks like to a check, and the checks every write of the tree makes (a name and code unique among the
 * active siblings, a parent active on the date, a date not before founding).
 */
import { OrgCategory, OrgKind } from '../../domain/enums.js';
import { Reason } from '../../errors.js';
import type { Problems } from '../../graphql/problems.js';
import type { Queryable } from '../../indicators/cells.js';

/**
 * The kinds each kind may have directly under it (null: a root). A hospital's committee sits at the root or
 * under an upper body; a general branch under a committee; branches under a committee or a general branch;
 * party groups only under a branch.
 */
export const CHILD_KINDS: Record<OrgKind | 'root', readonly OrgKind[]> = {
  root: [OrgKind.UPPER_BODY, OrgKind.COMMITTEE],
  [OrgKind.UPPER_BODY]: [OrgKind.UPPER_BODY, OrgKind.COMMITTEE],
  [OrgKind.COMMITTEE]: [OrgKind.GENERAL_BRANCH, OrgKind.BRANCH, OrgKind.JOINT_BRANCH],
  [OrgKind.GENERAL_BRANCH]: [OrgKind.BRANCH, OrgKind.JOINT_BRANCH],
  [OrgKind.BRANCH]: [OrgKind.PARTY_GROUP],
  [OrgKind.JOINT_BRANCH]: [OrgKind.PARTY_GROUP],
  [OrgKind.PARTY_GROUP]: [],
};

/** The default term: five years for a committee, three for the others (DOMAIN.md §2). */
export const defaultTermYears = (kind: OrgKind): number => (kind === OrgKind.COMMITTEE || kind === OrgKind.UPPER_BODY ? 5 : 3);

/** An organisation as the checks see it. */
export interface OrgRow {
  id: number;
  parent_id: number | null;
  kind: OrgKind;
  name: string;
  code: string | null;
  category: OrgCategory | null;
  path: string;
  founded_on: string | null;
  dissolved_on: string | null;
}

export async function orgRows(db: Queryable, ids: readonly number[]): Promise<Map<number, OrgRow>> {
  const { rows } = await db.query<OrgRow>(
    `select id, parent_id, kind, name, code, category, path, founded_on::text, dissolved_on::text from organization where id = any($1::int[])`,
    [ids],
  );
  return new Map(rows.map((r) => [r.id, r]));
}

/** Active on a day: founded by then (or undated) and not dissolved by then. */
export const activeOn = (o: OrgRow, on: string): boolean =>
  (o.founded_on == null || o.founded_on <= on) && (o.dissolved_on == null || o.dissolved_on > on);

/** A problem unless `kind` may sit under `parent` (null: at the root). */
export function checkKind(p: Problems, field: string, kind: OrgKind, parent: OrgRow | null): void {
  const allowed = CHILD_KINDS[parent?.kind ?? 'root'];
  if (allowed.includes(kind)) return;
  const under = parent ? `“${parent.kind}”` : 'root';
  p.add(
    field,
    Reason.orgKindNotAllowed,
    `${under} 下不能设 ${kind}（可设：${allowed.join('、') || '无'}）`,
    `a ${kind} cannot sit under ${under} (allowed: ${allowed.join(', ') || 'none'})`,
  );
}

/** A problem unless an organisation is active on a day (a target, a parent). */
export function checkActive(p: Problems, field: string, o: OrgRow, on: string): void {
  if (o.dissolved_on != null && o.dissolved_on <= on)
    p.add(field, Reason.orgDissolved, `该党组织已于 ${o.dissolved_on} 撤销`, `this organisation was dissolved on ${o.dissolved_on}`);
  else if (o.founded_on != null && o.founded_on > on)
    p.add(field, Reason.dateOutOfRange, `该党组织 ${o.founded_on} 才成立`, `this organisation was founded only on ${o.founded_on}`);
}

/** A problem unless a restructure's day falls after the organisation's founding (a day-long life is not one). */
export function checkAfterFounding(p: Problems, field: string, o: OrgRow, on: string): void {
  if (o.founded_on != null && on <= o.founded_on)
    p.add(field, Reason.dateOutOfRange, `日期须晚于成立日期 ${o.founded_on}`, `the date must be after its founding on ${o.founded_on}`);
}

/** Name and code unique among the parent's children active on the day (`except`: organisations leaving that day). */
export async function checkSiblings(
  db: Queryable,
  p: Problems,
  at: { name: string; code?: string | null },
  parentId: number | null,
  on: string,
  except: readonly number[] = [],
  prefix = '',
): Promise<void> {
  const { rows } = await db.query<{ name: string; code: string | null }>(
    `select name, code from organization where parent_id is not distinct from $1 and (dissolved_on is null or dissolved_on > $2)
       and not (id = any($3::int[])) and (name = $4 or code = $5)`,
    [parentId, on, except, at.name.trim(), at.code?.trim() || null],
  );
  if (rows.some((r) => r.name === at.name.trim()))
    p.add(`${prefix}name`, Reason.duplicate, '同一上级下已有同名党组织', 'a sibling organisation has this name already');
  if (at.code?.trim() && rows.some((r) => r.code === at.code!.trim()))
    p.add(`${prefix}code`, Reason.duplicate, '同一上级下已有相同编码', 'a sibling organisation has this code already');
}

/** The first stored month of the cells (what a change of undated attribution moves), or the day itself. */
export async function fromStart(db: Queryable, on: string): Promise<string> {
  const { rows } = await db.query(`select first_month::text as first from indicator_range where id = 1`);
  const first = rows[0]?.first as string | undefined;
  return first && first < on ? first : on;
}
