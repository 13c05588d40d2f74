/**
 * Recording, changing and deleting a model post (党员示范岗), in the shared write transaction
 * (indicators/fact-writes.ts). A post counts, while active, under its organisation, its holder's or its
 * department's, and covers its department (or its holder's): every one of those organisations, before
 * and after, is locked and has its cells moved, from the earliest day the post was or is active.
 */
import type pg from 'pg';
import { Reason } from '../../errors.js';
import { Problems } from '../../graphql/problems.js';
import type { WriteResult } from '../../graphql/write-result.js';
import type { Queryable } from '../../indicators/cells.js';
import { deleteFact, saveFact, type FactKind, type FactRow } from '../../indicators/fact-writes.js';
import type { WriteContext } from '../../indicators/writes.js';
import type { RecordModelPostInput } from './model-post.inputs.js';

const ROOT = 'recordModelPost.input';

/** The post's organisation, its holder's, and the organisations of its department and its holder's department. */
export const orgsOf = async (db: Queryable, r: FactRow): Promise<(number | null)[]> => {
  const { rows } = await db.query(
    `select $1::int as org, m.organization_id as holder,
       (select coalesce(d.branch_id, h.committee_id) from department d join hospital h on h.id = d.hospital_id where d.id = $3) as dept,
       (select coalesce(d.branch_id, h.committee_id) from department d join hospital h on h.id = d.hospital_id where d.id = m.department_id) as holder_dept
     from (select 1) one left join member m on m.id = $2`,
    [r.organization_id ?? null, r.member_id ?? null, r.department_id ?? null],
  );
  return [rows[0].org, rows[0].holder, rows[0].dept, rows[0].holder_dept];
};

const POST: FactKind = {
  table: 'model_post',
  type: 'ModelPost',
  action: 'model_post',
  orgsOf,
  from: (r) => r.established_on as string,
};

/**
 * Dates (revoked not before established) and a holder of some kind: recordModelPost's rules, checked on an
 * import's rows too (import/modelposts.plan.ts).
 */
export function checkPost(
  p: Problems,
  input: Pick<RecordModelPostInput, 'establishedOn' | 'revokedOn' | 'memberId' | 'departmentId' | 'organizationId'>,
): void {
  const established = p.plausibleDate('establishedOn', input.establishedOn);
  if (input.revokedOn != null && p.plausibleDate('revokedOn', input.revokedOn) && established && input.revokedOn < input.establishedOn)
    p.add('revokedOn', Reason.inputInconsistent, '撤销日期不能早于设立日期', 'a post cannot be revoked before it was established');
  if (input.memberId == null && input.departmentId == null && input.organizationId == null)
    p.add(
      'organizationId',
      Reason.inputRequired,
      '须指定岗位人员、科室或党组织（至少其一）',
      'name a holder, a department or an organisation (at least one)',
    );
}

async function mustExist(db: pg.Pool, p: Problems, ids: Record<string, [number | null, string, string]>): Promise<void> {
  for (const [field, [id, table, type]] of Object.entries(ids)) await p.mustExist(db, field, table, id, type);
}

/** Records a model post, or changes one (`input.id`): revoking a post is a change with `revokedOn`. */
export async function recordModelPost(ctx: WriteContext, input: RecordModelPostInput): Promise<WriteResult> {
  const p = await Problems.of(ROOT, input);
  const id = p.id('id', input.id, 'ModelPost');
  const member = p.id('memberId', input.memberId, 'Member');
  const dept = p.id('departmentId', input.departmentId, 'Department');
  const org = p.id('organizationId', input.organizationId, 'Organization');
  checkPost(p, input);
  await mustExist(ctx.pool, p, {
    id: [id, 'model_post', 'ModelPost'],
    memberId: [member, 'member', 'Member'],
    departmentId: [dept, 'department', 'Department'],
    organizationId: [org, 'organization', 'Organization'],
  });
  p.check();
  return saveFact(ctx, POST, { root: ROOT, field: 'id' }, id, {
    type: input.type,
    title: input.title.trim(),
    member_id: member,
    department_id: dept,
    organization_id: org,
    level: input.level,
    established_on: input.establishedOn,
    revoked_on: input.revokedOn ?? null,
  });
}

/** Deletes a model post recorded by mistake, with a reason (kept in the audit log with the row). */
export const deleteModelPost = (ctx: WriteContext, id: string, reason: string): Promise<WriteResult> =>
  deleteFact(ctx, POST, 'deleteModelPost', id, reason);
