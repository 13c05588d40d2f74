/**
 * The organisation tree's writes, in the shared write transaction (indicators/writes.ts): found, rename,
 * dissolve here; move, merge and split in restructure.writes.ts.
 *
 * How the tree keeps its history. The indicator cells are per organisation and period, and a period's
 * figure for an organisation is the sum over its subtree *as the tree stands* (cells.ts rolls own cells up
 * along `path`). Re-parenting a row in place would therefore carry every earlier period's facts of the
 * subtree from the old parent to the new one. So the tree is never re-parented: an organisation's parent,
 * kind and founding are fixed once founded, and a restructure on a date D is a succession —
 * - the old organisation (and each of its active descendants) is dissolved on D (`dissolved_on = D`: it
 *   counts in every period ending before D, under its old parent, as before);
 * - a successor is founded on D under the new parent (`founded_on = D`), and `organization_succession`
 *   records predecessor → successor, D and the kind (move, merge, split);
 * - what is dated on or after D goes with the successor: activities held, honours awarded, research
 *   approved, assessments of later years, positions and model posts and branch–department links (the ones
 *   open on D are ended the day before and continued from D), and the active members (`moveMembersOn`).
 * Renaming changes the label only (the audit log keeps the old name and the day); dissolving ends the
 * organisation's positions and branch–department links the day before, and is refused while it still has
 * active members or active children.
 *
 * The members go as a transfer does (moveMembersOn): their stints in the old organisation close on D and
 * open in the successor from D, so the indicators over a branch's members at a period's end keep every
 * earlier period as it was. What still moves earlier periods: facts attributed through a person's present
 * organisation rather than a dated record (their development steps, a person's honours, the pipeline counts)
 * and a department's branch (dept_org in indicators/sql.ts reads the department's current branch, not the
 * link valid in the period). Those cells are recomputed over the whole stored range, so they stay exact; the
 * figures they give for earlier periods follow the people and departments to their new organisation.
 *
 * Scope: each write locks the organisations it touches (tx.lock), so a secretary reaches only its subtree;
 * the parent of an organisation founded, and every target of a restructure, must be in scope.
 */
import type pg from 'pg';
import { Reason } from '../../errors.js';
import { toGlobalId } from '../../graphql/global-id.js';
import { Problems } from '../../graphql/problems.js';
import type { WriteResult } from '../../graphql/write-result.js';
import type { Queryable } from '../../indicators/cells.js';
import { ScopeChanged, transact, type WriteContext, type WriteTx } from '../../indicators/writes.js';
import type { FoundOrganizationInput } from './organization.inputs.js';
import { checkActive, checkKind, checkSiblings, defaultTermYears, fromStart, orgRows, type OrgRow } from './organization.rules.js';

/** Tables a dissolution changes (the department's branch follows its links, by trigger). */
const DISSOLVE_TABLES = ['organization', 'position', 'branch_department', 'department'];

/** Every problem of a founding, or the parent's row (null: a root); `leaving`: siblings dissolved that day (a merge's sources). */
export async function checkFounding(
  db: Queryable,
  p: Problems,
  input: FoundOrganizationInput,
  ctx: WriteContext,
  prefix = '',
  leaving: readonly number[] = [],
) {
  const parentId = p.id(`${prefix}parentId`, input.parentId, 'Organization');
  p.plausibleDate(`${prefix}foundedOn`, input.foundedOn);
  if (input.termStart != null && p.date(`${prefix}termStart`, input.termStart) && input.termStart < input.foundedOn)
    p.add(`${prefix}termStart`, Reason.dateOutOfRange, '任期不能早于成立日期', 'a term cannot start before the founding');
  if (input.parentId == null && ctx.scope != null)
    p.add(
      `${prefix}parentId`,
      Reason.inputRequired,
      '本账号只能在其范围内的党组织下成立组织',
      'this account founds organisations under one it reaches',
    );
  await p.mustExist(db, `${prefix}parentId`, 'organization', parentId, 'Organization');
  const parent = parentId != null ? ((await orgRows(db, [parentId])).get(parentId) ?? null) : null;
  if (parentId != null && !parent) return null;
  checkKind(p, `${prefix}kind`, input.kind, parent);
  if (parent && !p.has(`${prefix}foundedOn`)) checkActive(p, `${prefix}parentId`, parent, input.foundedOn);
  if (!p.has(`${prefix}foundedOn`)) await checkSiblings(db, p, input, parentId, input.foundedOn, leaving, prefix);
  return parent;
}

/** Inserts an organisation (its path and depth come from the trigger); returns its id. */
export async function insertOrganization(
  db: Queryable,
  input: FoundOrganizationInput,
  parentId: number | null,
  id?: number,
): Promise<number> {
  const { rows } = await db.query(
    `insert into organization (id, parent_id, kind, category, name, code, founded_on, term_start, term_years)
     values (coalesce($1::int, nextval('organization_id_seq')::int), $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
    [
      id ?? null,
      parentId,
      input.kind,
      input.category ?? null,
      input.name.trim(),
      input.code?.trim() || null,
      input.foundedOn,
      input.termStart ?? null,
      input.termStart != null || input.termYears != null ? (input.termYears ?? defaultTermYears(input.kind)) : null,
    ],
  );
  return rows[0].id as number;
}

/** The next organisation id (taken before the insert, so the cell delta knows it). */
export const nextOrgId = async (db: Queryable): Promise<number> =>
  (await db.query(`select nextval('organization_id_seq')::int as id`)).rows[0].id as number;

/** Founds an organisation under a parent (or a root, for a whole-tree account), counted from its founding. */
export async function foundOrganization(ctx: WriteContext, input: FoundOrganizationInput): Promise<WriteResult> {
  const p = await Problems.of('foundOrganization.input', input);
  const parent = await checkFounding(ctx.pool, p, input, ctx);
  p.check();
  return transact(ctx, { tables: ['organization'] }, async (tx) => {
    await tx.lock([parent?.id]);
    const again = new Problems('foundOrganization.input');
    await checkSiblings(tx.client, again, input, parent?.id ?? null, input.foundedOn);
    again.check();
    const id = await nextOrgId(tx.client);
    await tx.moving({ orgIds: [id], from: input.foundedOn }, () => insertOrganization(tx.client, input, parent?.id ?? null, id));
    tx.audit({ action: 'organization.found', entity: 'organization', entityId: id, after: input });
    return { id: toGlobalId('Organization', id), rows: 1 };
  });
}

/** The organisation an id names, locked and re-read under the lock, with every problem of it on a day. */
async function lockedOrg(tx: WriteTx, p: Problems, id: number, on: string): Promise<OrgRow> {
  await tx.lock([id]);
  const o = (await orgRows(tx.client, [id])).get(id)!;
  if (o.dissolved_on != null)
    p.add('id', Reason.orgDissolved, `该党组织已于 ${o.dissolved_on} 撤销`, `this organisation was dissolved on ${o.dissolved_on}`);
  else if (o.founded_on != null && on < o.founded_on)
    p.add('on', Reason.dateOutOfRange, `日期不能早于成立日期 ${o.founded_on}`, `the date cannot be before its founding on ${o.founded_on}`);
  return o;
}

/** Decodes an organisation id and a day; problems for both. */
async function idAndDay(db: pg.Pool, root: string, id: string, on: string): Promise<{ p: Problems; orgId: number }> {
  const p = new Problems(root);
  const orgId = p.id('id', id, 'Organization');
  p.plausibleDate('on', on);
  await p.mustExist(db, 'id', 'organization', orgId, 'Organization');
  return { p, orgId: orgId! };
}

/** Writes an organisation's new name (renameOrganization's statement; the import's too). */
export const setOrganizationName = (db: Queryable, orgId: number, name: string) =>
  db.query(`update organization set name = $2, updated_at = now() where id = $1`, [orgId, name.trim()]);

/** Renames an organisation from a day: the label changes, no figure does (the audit log keeps the old name and the day). */
export async function renameOrganization(ctx: WriteContext, id: string, name: string, on: string): Promise<WriteResult> {
  const { p, orgId } = await idAndDay(ctx.pool, 'renameOrganization', id, on);
  if (!name.trim()) p.add('name', Reason.inputRequired, '不能为空', 'is required');
  if (name.length > 200) p.add('name', Reason.inputTooLong, '最多 200 个字符', 'at most 200 characters');
  p.check();
  return transact(ctx, { tables: ['organization'] }, async (tx) => {
    const again = new Problems('renameOrganization');
    const o = await lockedOrg(tx, again, orgId, on);
    if (o.name === name.trim()) again.add('name', Reason.inputInconsistent, '名称未改变', 'the name is unchanged');
    if (again.ok) await checkSiblings(tx.client, again, { name, code: null }, o.parent_id, on, [orgId]);
    again.check();
    await setOrganizationName(tx.client, orgId, name);
    tx.announce({ orgIds: [orgId], from: on }, []);
    tx.audit({
      action: 'organization.rename',
      entity: 'organization',
      entityId: orgId,
      before: { name: o.name },
      after: { name: name.trim(), on },
    });
    return { id, rows: 1 };
  });
}

/** What stands in the way of dissolving on a day: active members, active children, records dated from that day. */
async function blockers(db: Queryable, p: Problems, orgId: number, on: string): Promise<void> {
  const { rows } = await db.query(
    `select (select count(*) from member where (organization_id = $1 or party_group_id = $1) and membership_status = 'active')::int as members,
            (select count(*) from organization where parent_id = $1 and (dissolved_on is null or dissolved_on > $2))::int as children,
            (select count(*) from activity where organization_id = $1 and held_on >= $2 and status <> 'cancelled')::int
              + (select count(*) from position where organization_id = $1 and start_on >= $2)::int
              + (select count(*) from branch_department where branch_id = $1 and valid_from >= $2)::int as later`,
    [orgId, on],
  );
  const r = rows[0];
  if (r.members)
    p.add(
      'id',
      Reason.orgHasMembers,
      `仍有 ${r.members} 名在册党员：请先转出`,
      `${r.members} active members still belong to it: transfer them first`,
    );
  if (r.children)
    p.add(
      'id',
      Reason.orgHasChildren,
      `仍有 ${r.children} 个下级党组织：请先撤销或调整`,
      `${r.children} active child organisations: dissolve or move them first`,
    );
  if (r.later)
    p.add(
      'on',
      Reason.orgHasLaterRecords,
      `该日及以后仍有 ${r.later} 条活动、任职或科室对应记录`,
      `${r.later} activities, positions or department links are dated on or after that day`,
    );
}

/** Ends an organisation's open positions and branch–department links the day before it is dissolved. */
async function endOpenRecords(db: Queryable, orgId: number, on: string): Promise<number> {
  const positions = await db.query(
    `update position set end_on = $2::date - 1, updated_at = now() where organization_id = $1 and start_on < $2 and (end_on is null or end_on >= $2)`,
    [orgId, on],
  );
  const links = await db.query(
    `update branch_department set valid_to = $2::date - 1 where branch_id = $1 and valid_from < $2 and (valid_to is null or valid_to >= $2)`,
    [orgId, on],
  );
  return (positions.rowCount ?? 0) + (links.rowCount ?? 0);
}

/** Committees whose departments an organisation's open links leave to them (the department's fallback). */
async function linkedCommittees(db: Queryable, orgId: number): Promise<number[]> {
  const { rows } = await db.query(
    `select distinct h.committee_id from branch_department bd join department d on d.id = bd.department_id join hospital h on h.id = d.hospital_id
      where bd.branch_id = $1 and bd.valid_to is null`,
    [orgId],
  );
  return rows.map((r) => r.committee_id as number);
}

/** Dissolves an organisation on a day: it counts in every period ending before it, in none after. */
export async function dissolveOrganization(ctx: WriteContext, id: string, on: string, reason: string): Promise<WriteResult> {
  const { p, orgId } = await idAndDay(ctx.pool, 'dissolveOrganization', id, on);
  if (!reason.trim()) p.add('reason', Reason.inputRequired, '请说明撤销原因', 'say why it is dissolved');
  if (reason.length > 500) p.add('reason', Reason.inputTooLong, '最多 500 个字符', 'at most 500 characters');
  p.check();
  const committees = await linkedCommittees(ctx.pool, orgId);
  return transact(ctx, { tables: DISSOLVE_TABLES }, async (tx) => {
    const again = new Problems('dissolveOrganization');
    await tx.lock([orgId, ...committees]);
    const before = await lockedOrg(tx, again, orgId, on);
    if (again.ok && before.founded_on === on)
      again.add('on', Reason.dateOutOfRange, '不能在成立当天撤销', 'it cannot be dissolved on the day it was founded');
    if (again.ok) await blockers(tx.client, again, orgId, on);
    again.check();
    if ((await linkedCommittees(tx.client, orgId)).some((c) => !committees.includes(c))) throw new ScopeChanged();
    const rows = await tx.moving(
      { orgIds: [orgId, ...committees], from: committees.length ? await fromStart(tx.client, on) : on },
      async () => {
        await tx.client.query(`update organization set dissolved_on = $2, updated_at = now() where id = $1`, [orgId, on]);
        return 1 + (await endOpenRecords(tx.client, orgId, on));
      },
    );
    tx.audit({
      action: 'organization.dissolve',
      entity: 'organization',
      entityId: orgId,
      before: { dissolvedOn: before.dissolved_on },
      after: { dissolvedOn: on, reason: reason.trim() },
    });
    return { id, rows };
  });
}
