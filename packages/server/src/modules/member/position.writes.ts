/**
 * Assigning a position (a new branch secretary …), in the shared write transaction. Refused: someone not
 * eligible (not an active full member — 预备党员 have no right to stand: 党章 第七条), someone from another
 * organisation, a role the organisation's kind does not have, the same appointment twice, or an
 * appointment that would overlap a later one of a single-holder role.
 */
import type pg from 'pg';
import { BRANCH_KIND_VALUES, OrgKind, PositionRole } from '../../domain/enums.js';
import { Reason, type ReasonCode } from '../../errors.js';
import { toGlobalId } from '../../graphql/global-id.js';
import { Problems } from '../../graphql/problems.js';
import type { WriteResult } from '../../graphql/write-result.js';
import type { Queryable } from '../../indicators/cells.js';
import { transact, type WriteContext } from '../../indicators/writes.js';
import type { AssignPositionInput } from './member.inputs.js';

const COMMITTEES = [...BRANCH_KIND_VALUES, OrgKind.GENERAL_BRANCH, OrgKind.COMMITTEE];

/** The organisation kinds each role exists in. */
export const ROLE_KINDS: Record<PositionRole, readonly string[]> = {
  [PositionRole.SECRETARY]: BRANCH_KIND_VALUES,
  [PositionRole.DEPUTY_SECRETARY]: COMMITTEES,
  [PositionRole.ORGANIZATION_MEMBER]: COMMITTEES,
  [PositionRole.PUBLICITY_MEMBER]: COMMITTEES,
  [PositionRole.DISCIPLINE_MEMBER]: COMMITTEES,
  [PositionRole.GROUP_LEADER]: [OrgKind.PARTY_GROUP],
  [PositionRole.GENERAL_BRANCH_SECRETARY]: [OrgKind.GENERAL_BRANCH],
  [PositionRole.COMMITTEE_SECRETARY]: [OrgKind.COMMITTEE],
};

/** Roles held by one person at a time in an organisation: a new holder ends the current one's term the day before. */
export const SINGLE_HOLDER = (role: PositionRole) => role !== PositionRole.GROUP_LEADER && role !== PositionRole.ORGANIZATION_MEMBER;

/** What eligibility reads of an appointment: the organisation's kind, the person's statuses, whether they belong to it. */
export interface Appointee {
  kind: string;
  political_status: string;
  membership_status: string;
  inside: boolean;
}

/** The rules an appointment breaks (assignPosition's; the positions import's too): the role's field or the person's. */
export function ineligible(a: Appointee, role: PositionRole): { on: 'role' | 'person'; reason: ReasonCode; zh: string; en: string }[] {
  const out: { on: 'role' | 'person'; reason: ReasonCode; zh: string; en: string }[] = [];
  if (!ROLE_KINDS[role].includes(a.kind))
    out.push({ on: 'role', reason: Reason.inputInconsistent, zh: '该党组织没有这一职务', en: 'this organisation has no such position' });
  if (a.political_status !== 'full_member' || a.membership_status !== 'active')
    out.push({
      on: 'person',
      reason: Reason.notEligible,
      zh: '只有党籍正常的正式党员可以任职',
      en: 'only an active full member can hold a position',
    });
  if (!a.inside)
    out.push({
      on: 'person',
      reason: Reason.notInOrganization,
      zh: '该人员不属于这一党组织',
      en: 'this person does not belong to this organisation',
    });
  return out;
}

/** The person is an active full member of the organisation (a party group's: of its branch), and the role fits it. */
async function checkEligible(db: pg.Pool, p: Problems, org: number, member: number, role: PositionRole): Promise<void> {
  const { rows } = await db.query(
    `with o as (select kind, path from organization where id = $1),
     holder as (select a.path from o join organization a on a.id = any(string_to_array(trim(both '/' from o.path), '/')::int[])
       and a.kind <> 'party_group' order by a.depth desc limit 1)
     select (select kind from o) as kind, m.political_status, m.membership_status,
       mo.path like (select path from holder) || '%' as inside
     from member m join organization mo on mo.id = m.organization_id where m.id = $2`,
    [org, member],
  );
  for (const x of ineligible(rows[0] as Appointee, role)) p.add(x.on === 'role' ? 'role' : 'memberId', x.reason, x.zh, x.en);
}

/** The same appointment, or a later holder of a single-holder role (it would overlap): refused, naming it. */
async function refuseOverlap(db: Queryable, org: number, member: number, input: AssignPositionInput): Promise<void> {
  const { rows } = await db.query(
    `select id, member_id = $4 and start_on <= $3 and (end_on is null or end_on >= $3) as same from position
     where organization_id = $1 and role = $2 and ((member_id = $4 and (end_on is null or end_on >= $3)) or ($5 and start_on >= $3))
     order by start_on desc limit 1`,
    [org, input.role, input.startOn, member, SINGLE_HOLDER(input.role)],
  );
  if (!rows.length) return;
  const p = new Problems('assignPosition.input');
  const existing = toGlobalId('Position', rows[0].id as number);
  if (rows[0].same)
    p.add('memberId', Reason.duplicate, `该人员已任此职（${existing}）`, `this person holds this position already (${existing})`);
  else
    p.add(
      'startOn',
      Reason.positionOverlap,
      `与该职务已有的任命重叠（${existing}）`,
      `overlaps an appointment to this position (${existing})`,
    );
  p.check();
}

/** Assigns a position (e.g. a new branch secretary). */
export async function assignPosition(ctx: WriteContext, input: AssignPositionInput): Promise<WriteResult> {
  const p = await Problems.of('assignPosition.input', input);
  const org = p.id('organizationId', input.organizationId, 'Organization');
  const member = p.id('memberId', input.memberId, 'Member');
  p.plausibleDate('startOn', input.startOn, 'planned');
  await p.mustExist(ctx.pool, 'organizationId', 'organization', org, 'Organization');
  await p.mustExist(ctx.pool, 'memberId', 'member', member, 'Member');
  if (p.ok) await checkEligible(ctx.pool, p, org!, member!, input.role);
  p.check();
  return transact(ctx, { tables: ['position'] }, async (tx) => {
    const db = tx.client;
    await tx.lock([org]);
    await refuseOverlap(db, org!, member!, input);
    const id = await tx.moving({ orgIds: [org], from: input.startOn }, async () => {
      if (SINGLE_HOLDER(input.role)) {
        await db.query(
          `update position set end_on = $3::date - 1, updated_at = now()
           where organization_id = $1 and role = $2 and start_on < $3 and (end_on is null or end_on >= $3)`,
          [org, input.role, input.startOn],
        );
      }
      const { rows } = await db.query(
        `insert into position (organization_id, member_id, role, start_on, is_dept_head, is_discipline_leader, is_dual_leader)
         values ($1, $2, $3, $4, $5, $6, $7) returning id`,
        [org, member, input.role, input.startOn, input.isDeptHead, input.isDisciplineLeader, input.isDualLeader],
      );
      return rows[0].id as number;
    });
    tx.audit({ action: 'position.assign', entity: 'position', entityId: id, after: input });
    return { id: toGlobalId('Position', id), rows: 1 };
  });
}
