/**
 * A restructure on a date (organization.writes.ts says why the tree is never re-parented in place): move,
 * merge and split are successions. On day D the old organisation and its active descendants are dissolved,
 * successors are founded under the new parent (or the merge's target takes their place), what is dated on or
 * after D goes with them, and `organization_succession` records who succeeded whom. Earlier periods keep
 * their figures under the old parents; the cells of every organisation touched are recomputed from the first
 * stored month (members and departments are attributed by state, which moves every period: see there).
 */
import type pg from 'pg';
import { Reason } from '../../errors.js';
import { toGlobalId } from '../../graphql/global-id.js';
import { Problems } from '../../graphql/problems.js';
import type { WriteResult } from '../../graphql/write-result.js';
import type { Queryable } from '../../indicators/cells.js';
import { ScopeChanged, transact, type WriteContext, type WriteTx } from '../../indicators/writes.js';
import { SuccessionKind } from './succession.entity.js';
import { checkFounding, insertOrganization, nextOrgId } from './organization.writes.js';
import type { FoundOrganizationInput, SplitPartInput } from './organization.inputs.js';
import { MAX_RESTRUCTURE } from './organization.inputs.js';
import {
  activeOn,
  checkActive,
  checkAfterFounding,
  checkKind,
  checkSiblings,
  fromStart,
  orgRows,
  type OrgRow,
} from './organization.rules.js';

/** Every table a restructure may change (the department's branch follows its links, by trigger). */
export const RESTRUCTURE_TABLES = [
  'organization',
  'organization_succession',
  'member',
  'membership',
  'position',
  'activity',
  'honor',
  'research_project',
  'assessment',
  'model_post',
  'branch_department',
  'department',
];

/** One succession: `old` is dissolved on the day, `next` takes over under `parent` (`found`: a new row copied from `old`). */
interface Step {
  old: number;
  next: number;
  parent: number | null;
  found: boolean;
}

/** What is dated on or after the day goes to the successor ($1 old, $2 successor, $3 the day); open spans are cut there. */
const CARRY = [
  `update activity set organization_id = $2, updated_at = now() where organization_id = $1 and held_on >= $3`,
  `update honor set organization_id = $2, updated_at = now() where organization_id = $1 and awarded_on >= $3`,
  `update research_project set organization_id = $2, updated_at = now() where organization_id = $1 and approved_on >= $3`,
  `update assessment set organization_id = $2, updated_at = now() where organization_id = $1 and make_date(year, 12, 31) >= $3`,
  `insert into position (organization_id, member_id, role, start_on, end_on, is_dept_head, is_discipline_leader, is_dual_leader)
     select $2, member_id, role, $3, end_on, is_dept_head, is_discipline_leader, is_dual_leader from position
     where organization_id = $1 and start_on < $3 and (end_on is null or end_on >= $3)`,
  `update position set end_on = $3::date - 1, updated_at = now() where organization_id = $1 and $2::int is not null and start_on < $3 and (end_on is null or end_on >= $3)`,
  `update position set organization_id = $2, updated_at = now() where organization_id = $1 and start_on >= $3`,
  `insert into model_post (type, title, member_id, department_id, organization_id, level, established_on, revoked_on)
     select type, title, member_id, department_id, $2, level, $3, revoked_on from model_post
     where organization_id = $1 and established_on < $3 and (revoked_on is null or revoked_on > $3)`,
  `update model_post set revoked_on = $3, updated_at = now() where organization_id = $1 and $2::int is not null and established_on < $3 and (revoked_on is null or revoked_on > $3)`,
  `update model_post set organization_id = $2, updated_at = now() where organization_id = $1 and established_on >= $3`,
  `insert into branch_department (branch_id, department_id, valid_from, valid_to, is_primary)
     select $2, department_id, $3, valid_to, is_primary from branch_department
     where branch_id = $1 and valid_from < $3 and (valid_to is null or valid_to >= $3)`,
  `update branch_department set valid_to = $3::date - 1 where branch_id = $1 and $2::int is not null and valid_from < $3 and (valid_to is null or valid_to >= $3)`,
  `update branch_department set branch_id = $2 where branch_id = $1 and valid_from >= $3`,
];

/**
 * Moves the active members of one organisation to another on a day (all of them, or those listed), dated as a
 * transfer (modules/member/person.writes.ts transferMember): each open stint in the old organisation closes on the
 * day and one opens in the new organisation from it, so every period before the day still counts them where they
 * were. Then the member row follows (its trigger finds the open stint already where it points), and a party
 * group's members their group; a split's listed members leave their group and end their positions in the old
 * organisation the day before.
 */
export async function moveMembersOn(
  tx: WriteTx,
  fromOrgId: number,
  toOrgId: number,
  on: string,
  only?: readonly number[],
): Promise<number> {
  // A stint that began on or after the day moves whole (the member came after it): the trigger re-points it.
  await tx.client.query(
    `with closed as (
       update membership ms set to_on = $3, ended_as = 'transferred_out', reason = '组织调整', updated_at = now()
         from member m
        where m.id = ms.member_id and ms.organization_id = $1 and ms.to_on is null and (ms.from_on is null or ms.from_on < $3)
          and m.membership_status = 'active' and ($4::int[] is null or m.id = any($4::int[]))
        returning ms.member_id)
     insert into membership (member_id, organization_id, from_on, kind, reason)
     select member_id, $2, $3, 'transferred_in', '组织调整' from closed`,
    [fromOrgId, toOrgId, on, only ?? null],
  );
  const { rowCount } = await tx.client.query(
    `update member set organization_id = case when organization_id = $1 then $2 else organization_id end,
        party_group_id = case when party_group_id = $1 then $2 else party_group_id end, updated_at = now()
      where (organization_id = $1 or party_group_id = $1) and membership_status = 'active' and ($3::int[] is null or id = any($3::int[]))`,
    [fromOrgId, toOrgId, only ?? null],
  );
  if (only) {
    // Sent to another part of a split: they leave their party group (it stays with the first part).
    await tx.client.query(`update member set party_group_id = null where id = any($1::int[]) and party_group_id is not null`, [only]);
    await tx.client.query(
      `update position set end_on = $2::date - 1, updated_at = now() where organization_id = $1 and member_id = any($3::int[])
         and start_on < $2 and (end_on is null or end_on >= $2)`,
      [fromOrgId, on, only],
    );
  }
  return rowCount ?? 0;
}

/** The active descendants of `root` on the day, parents first. */
async function descendants(db: Queryable, root: number, on: string): Promise<{ id: number; parent_id: number }[]> {
  const { rows } = await db.query(
    `select id, parent_id from organization where path like (select path from organization where id = $1) || '%' and id <> $1
       and (dissolved_on is null or dissolved_on > $2) order by depth, id`,
    [root, on],
  );
  return rows;
}

/** The successions of a subtree moving under `parent` (or, `into` given, the root's successor is `into`). */
async function plan(db: Queryable, root: number, parent: number | null, on: string, into?: number): Promise<Step[]> {
  const steps: Step[] = [{ old: root, next: into ?? (await nextOrgId(db)), parent, found: into == null }];
  const next = new Map([[root, steps[0]!.next]]);
  for (const d of await descendants(db, root, on)) {
    const step = { old: d.id, next: await nextOrgId(db), parent: next.get(d.parent_id) ?? null, found: true };
    next.set(d.id, step.next);
    steps.push(step);
  }
  return steps;
}

/** Carries out one succession: the successor founded (when new), the old dissolved, the record, what is dated from the day, its members. */
async function succeed(tx: WriteTx, step: Step, on: string, kind: SuccessionKind): Promise<number> {
  const db = tx.client;
  if (step.found)
    await db.query(
      `insert into organization (id, parent_id, kind, category, name, code, founded_on, term_start, term_years)
       select $2, $3, kind, category, name, code, $4, term_start, term_years from organization where id = $1`,
      [step.old, step.next, step.parent, on],
    );
  await db.query(`update organization set dissolved_on = $2, updated_at = now() where id = $1`, [step.old, on]);
  await db.query(`insert into organization_succession (predecessor_id, successor_id, effective_on, kind) values ($1, $2, $3, $4)`, [
    step.old,
    step.next,
    on,
    kind,
  ]);
  let rows = 3;
  for (const statement of CARRY) rows += (await db.query(statement, [step.old, step.next, on])).rowCount ?? 0;
  return rows + (await moveMembersOn(tx, step.old, step.next, on));
}

/** Committees that departments of these organisations may fall back to while their links are cut and continued. */
async function committeesOf(db: Queryable, orgIds: number[]): Promise<number[]> {
  const { rows } = await db.query(
    `select distinct h.committee_id from branch_department bd join department d on d.id = bd.department_id
       join hospital h on h.id = d.hospital_id where bd.branch_id = any($1::int[])`,
    [orgIds],
  );
  return rows.map((r) => r.committee_id as number);
}

/** Locks the restructure's organisations (with their subtrees, as they stand) and starts again if the subtrees changed meanwhile. */
async function lockSubtrees(tx: WriteTx, roots: number[], others: (number | null)[], on: string, seen: number[]): Promise<void> {
  await tx.lock([...seen, ...others]);
  const now = [...roots];
  for (const r of roots) now.push(...(await descendants(tx.client, r, on)).map((d) => d.id));
  now.push(...(await committeesOf(tx.client, now)));
  if (now.some((o) => !seen.includes(o))) throw new ScopeChanged();
}

/** The organisations a restructure of these roots touches before it runs: the subtrees and their departments' committees. */
async function touched(db: pg.Pool, roots: number[], on: string): Promise<number[]> {
  const ids = [...roots];
  for (const r of roots) ids.push(...(await descendants(db, r, on)).map((d) => d.id));
  return [...new Set([...ids, ...(await committeesOf(db, ids))])];
}

/**
 * The organisations whose own cells a succession changes: the old and the new ones. Parents' own cells do not
 * change (a subtree's figures reach them through the roll-up), nor do the committees' (a department's link is
 * cut and continued in the same statement pair, so it never falls back to its committee).
 */
const ownersOf = (steps: Step[]): number[] => [...new Set(steps.flatMap((s) => [s.old, s.next]))];

/**
 * Runs a restructure in one cell delta over the organisations whose own cells it changes, from the first stored
 * month: members and department links are attributed by state, so moving them changes every stored period.
 */
async function movingRestructure<T>(tx: WriteTx, orgIds: number[], on: string, write: () => Promise<T>): Promise<T> {
  return tx.moving({ orgIds, from: await fromStart(tx.client, on) }, write);
}

/** Runs the successions over the organisations whose own cells they change. */
async function runSteps(tx: WriteTx, steps: Step[], on: string, kind: SuccessionKind, first?: () => Promise<unknown>) {
  return movingRestructure(tx, ownersOf(steps), on, async () => {
    if (first) await first();
    let rows = 0;
    for (const s of steps) rows += await succeed(tx, s, on, kind);
    return rows;
  });
}

/**
 * The problems of an organisation a restructure names on a day: it exists and is active; one restructured
 * (`target` false) was founded before the day, one receiving (`target` true) by the day.
 */
async function source(db: Queryable, p: Problems, field: string, id: string, on: string, target = false): Promise<OrgRow | null> {
  const orgId = p.id(field, id, 'Organization');
  if (orgId == null) return null;
  const o = (await orgRows(db, [orgId])).get(orgId);
  if (!o) p.add(field, Reason.idNotFound, `Organization ${orgId} 不存在`, `Organization ${orgId} does not exist`);
  else if (!p.has('on') && target) checkActive(p, field, o, on);
  else if (!p.has('on') && o.dissolved_on != null)
    p.add(field, Reason.orgDissolved, `该党组织已于 ${o.dissolved_on} 撤销`, `this organisation was dissolved on ${o.dissolved_on}`);
  else if (!p.has('on')) checkAfterFounding(p, 'on', o, on);
  return o ?? null;
}

/** Whether `o` is `ancestor` or under it. */
const within = (o: OrgRow, ancestor: OrgRow) => o.path.startsWith(ancestor.path);

/** Every problem of a move; the organisation and its new parent. */
async function checkMove(db: pg.Pool, id: string, newParentId: string, on: string) {
  const p = new Problems('moveOrganization');
  p.plausibleDate('on', on);
  const o = await source(db, p, 'id', id, on);
  const parent = await source(db, p, 'newParentId', newParentId, on, true);
  if (o && parent) {
    if (within(parent, o))
      p.add('newParentId', Reason.orgCycle, '不能移到自身或其下级之下', 'it cannot move under itself or its own descendant');
    else if (o.parent_id === parent.id) p.add('newParentId', Reason.inputInconsistent, '已在该上级之下', 'it is under this parent already');
    checkKind(p, 'newParentId', o.kind, parent);
    if (p.ok) await checkSiblings(db, p, { name: o.name, code: o.code }, parent.id, on);
  }
  p.check();
  return { o: o!, parent: parent! };
}

/** Moves an organisation (with its subtree) under another parent from a day: a succession (see the header). */
export async function moveOrganization(ctx: WriteContext, id: string, newParentId: string, on: string): Promise<WriteResult> {
  const { o, parent } = await checkMove(ctx.pool, id, newParentId, on);
  const seen = await touched(ctx.pool, [o.id], on);
  return transact(ctx, { tables: RESTRUCTURE_TABLES }, async (tx) => {
    await lockSubtrees(tx, [o.id], [parent.id, o.parent_id], on, seen);
    const now = await orgRows(tx.client, [o.id, parent.id]);
    if (!activeOn(now.get(o.id)!, on) || !activeOn(now.get(parent.id)!, on)) throw new ScopeChanged();
    const steps = await plan(tx.client, o.id, parent.id, on);
    const rows = await runSteps(tx, steps, on, SuccessionKind.MOVE);
    const successor = toGlobalId('Organization', steps[0]!.next);
    tx.audit({
      action: 'organization.move',
      entity: 'organization',
      entityId: o.id,
      before: { parentId: o.parent_id, organizations: steps.map((s) => s.old) },
      after: { parentId: parent.id, on, successor, organizations: steps.map((s) => s.next) },
    });
    return { id: successor, rows };
  });
}

/** Every problem of a merge: distinct active sources of the target's kind, no source the target or above it. */
async function checkMerge(
  db: pg.Pool,
  ctx: WriteContext,
  ids: string[],
  intoId: string | null | undefined,
  founded: FoundOrganizationInput | null | undefined,
  on: string,
) {
  const p = await Problems.of('mergeOrganizations', founded ? { newOrganization: founded } : null);
  p.plausibleDate('on', on);
  p.size('ids', ids, 1, MAX_RESTRUCTURE);
  if ((intoId == null) === (founded == null))
    p.add(
      'intoId',
      Reason.inputInconsistent,
      'intoId 与 newOrganization 须且只须给出一个',
      'give exactly one of intoId and newOrganization',
    );
  const sources: OrgRow[] = [];
  for (const [i, id] of ids.entries()) {
    const o = await source(db, p, `ids.${i}`, id, on);
    if (o && sources.some((s) => s.id === o.id)) p.add(`ids.${i}`, Reason.inputDuplicate, '重复出现', 'appears twice');
    else if (o) sources.push(o);
  }
  const into = intoId != null ? await source(db, p, 'intoId', intoId, on, true) : null;
  if (founded && founded.foundedOn !== on)
    p.add(
      'newOrganization.foundedOn',
      Reason.inputInconsistent,
      '新组织须在合并当天成立',
      'the new organisation is founded on the day of the merge',
    );
  const leaving = sources.map((s) => s.id);
  const parent = founded ? await checkFounding(db, p, founded, ctx, 'newOrganization.', leaving) : null;
  for (const [i, s] of sources.entries()) {
    const target = into ?? (founded ? ({ kind: founded.kind, path: `${parent?.path ?? '/'}new/` } as OrgRow) : null);
    if (!target) continue;
    if (into && within(into, s))
      p.add(`ids.${i}`, Reason.orgCycle, '不能并入自身或其下级', 'it cannot merge into itself or its own descendant');
    else if (parent && within(parent, s))
      p.add(`ids.${i}`, Reason.orgCycle, '新组织不能设在被合并组织之下', 'the new organisation cannot sit under one merged away');
    else if (s.kind !== target.kind && !(isBranch(s.kind) && isBranch(target.kind)))
      p.add(
        `ids.${i}`,
        Reason.orgKindNotAllowed,
        `类型 ${s.kind} 不能并入 ${target.kind}`,
        `a ${s.kind} cannot merge into a ${target.kind}`,
      );
  }
  p.check();
  return { sources, into, parent };
}

const isBranch = (kind: string) => kind === 'branch' || kind === 'joint_branch';

/** Merges organisations into one (an existing one, or one founded that day): each is succeeded by it, its children move under it. */
export async function mergeOrganizations(
  ctx: WriteContext,
  ids: string[],
  intoId: string | null | undefined,
  founded: FoundOrganizationInput | null | undefined,
  on: string,
): Promise<WriteResult> {
  const { sources, into, parent } = await checkMerge(ctx.pool, ctx, ids, intoId, founded, on);
  const seen = await touched(
    ctx.pool,
    sources.map((s) => s.id),
    on,
  );
  return transact(ctx, { tables: RESTRUCTURE_TABLES }, async (tx) => {
    const parents = sources.map((s) => s.parent_id);
    await lockSubtrees(
      tx,
      sources.map((s) => s.id),
      [into?.id ?? null, parent?.id ?? null, ...parents],
      on,
      seen,
    );
    const target = into?.id ?? (await nextOrgId(tx.client));
    const steps: Step[] = [];
    for (const s of sources) steps.push(...(await plan(tx.client, s.id, null, on, target)));
    const found = founded ? () => insertOrganization(tx.client, founded, parent?.id ?? null, target) : undefined;
    const rows = await runSteps(tx, steps, on, SuccessionKind.MERGE, found);
    tx.audit({
      action: 'organization.merge',
      entity: 'organization',
      entityId: target,
      before: { organizations: sources.map((s) => s.id) },
      after: { into: target, founded: founded ?? null, on, successions: steps.map((s) => [s.old, s.next]) },
    });
    return { id: toGlobalId('Organization', target), rows: rows + (founded ? 1 : 0) };
  });
}

/** Every problem of a split; the organisation and each part's members. */
async function checkSplit(db: pg.Pool, id: string, parts: SplitPartInput[], on: string) {
  const p = new Problems('splitOrganization');
  p.plausibleDate('on', on);
  p.size('parts', parts, 2, MAX_RESTRUCTURE);
  await p.bounds('parts', parts);
  const o = await source(db, p, 'id', id, on);
  const members = parts.map((part, i) => (part.memberIds ?? []).map((m, j) => p.id(`parts.${i}.memberIds.${j}`, m, 'Member') ?? 0));
  const names = new Set<string>();
  for (const [i, part] of parts.entries()) {
    if (names.has(part.name.trim())) p.add(`parts.${i}.name`, Reason.inputDuplicate, '两个部分同名', 'two parts have this name');
    names.add(part.name.trim());
    if (o && p.ok) await checkSiblings(db, p, { name: part.name, code: part.code }, o.parent_id, on, [o.id], `parts.${i}.`);
  }
  if (o && !p.has('id')) await checkSplitMembers(db, p, o, members);
  p.check();
  return { o: o!, members };
}

/** A split's members belong to the organisation, each in one part; it has no active children (move them first). */
async function checkSplitMembers(db: Queryable, p: Problems, o: OrgRow, members: number[][]): Promise<void> {
  const { rows } = await db.query(`select id from member where organization_id = $1 and membership_status = 'active'`, [o.id]);
  const own = new Set(rows.map((r) => r.id as number));
  const seen = new Set<number>();
  members.forEach((list, i) =>
    list.forEach((m, j) => {
      if (!m) return;
      const field = `parts.${i}.memberIds.${j}`;
      if (!own.has(m)) p.add(field, Reason.notInOrganization, '不是该组织的在册党员', 'not an active member of this organisation');
      else if (seen.has(m)) p.add(field, Reason.inputDuplicate, '同一人出现在两个部分', 'the same person is in two parts');
      seen.add(m);
    }),
  );
}

/**
 * Splits an organisation into parts founded that day under its parent: members listed go to their part, the
 * others, the children and what is dated from then to the first part.
 */
export async function splitOrganization(ctx: WriteContext, id: string, parts: SplitPartInput[], on: string): Promise<WriteResult> {
  const { o, members } = await checkSplit(ctx.pool, id, parts, on);
  const seen = await touched(ctx.pool, [o.id], on);
  return transact(ctx, { tables: RESTRUCTURE_TABLES }, async (tx) => {
    await lockSubtrees(tx, [o.id], [o.parent_id], on, seen);
    const ids: number[] = [];
    for (let i = 0; i < parts.length; i++) ids.push(await nextOrgId(tx.client));
    // The first part succeeds to the organisation: its children (party groups) go under it.
    const steps = await plan(tx.client, o.id, o.parent_id, on, ids[0]);
    const orgIds = [...new Set([...ownersOf(steps), ...ids])];
    const rows = await movingRestructure(tx, orgIds, on, async () => {
      let n = 0;
      for (const [i, part] of parts.entries()) {
        const input = {
          kind: o.kind,
          category: part.category ?? o.category,
          name: part.name,
          code: part.code,
          foundedOn: on,
        } as FoundOrganizationInput;
        await insertOrganization(tx.client, input, o.parent_id, ids[i]);
        if (i > 0 && members[i]!.length) n += await moveMembersOn(tx, o.id, ids[i]!, on, members[i]!.filter(Boolean));
      }
      for (const s of steps) n += await succeed(tx, s, on, SuccessionKind.SPLIT);
      for (const next of ids.slice(1))
        await tx.client.query(
          `insert into organization_succession (predecessor_id, successor_id, effective_on, kind) values ($1, $2, $3, 'split')`,
          [o.id, next, on],
        );
      return n + parts.length * 2;
    });
    tx.audit({ action: 'organization.split', entity: 'organization', entityId: o.id, after: { on, parts, successors: ids } });
    return { id: toGlobalId('Organization', ids[0]!), rows };
  });
}
