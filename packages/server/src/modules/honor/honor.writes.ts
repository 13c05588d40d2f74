/** Awarding an honor, in the shared write transaction (the honors count moves for the recipient's organisation). */
import type pg from 'pg';
import { RecipientType } from '../../domain/enums.js';
import { Reason } from '../../errors.js';
import { toGlobalId } from '../../graphql/global-id.js';
import { Problems } from '../../graphql/problems.js';
import type { WriteResult } from '../../graphql/write-result.js';
import { transact, type WriteContext } from '../../indicators/writes.js';
import type { AwardHonorInput } from './honor.inputs.js';

const ORGANISATION_RECIPIENTS: readonly RecipientType[] = [RecipientType.BRANCH, RecipientType.GENERAL_BRANCH, RecipientType.COMMITTEE];

async function check(db: pg.Pool, input: AwardHonorInput) {
  const p = await Problems.of('awardHonor.input', input);
  const hospital = p.id('hospitalId', input.hospitalId, 'Hospital');
  const member = p.id('memberId', input.memberId, 'Member');
  const org = p.id('organizationId', input.organizationId, 'Organization');
  const dept = p.id('departmentId', input.departmentId, 'Department');
  p.date('awardedOn', input.awardedOn);
  if (input.recipientType === RecipientType.PERSON && member == null)
    p.add('memberId', Reason.inputRequired, '个人荣誉须指定人员', 'a person’s honor needs memberId');
  if (ORGANISATION_RECIPIENTS.includes(input.recipientType) && org == null)
    p.add('organizationId', Reason.inputRequired, '组织荣誉须指定党组织', 'an organisation’s honor needs organizationId');
  if (input.recipientType === RecipientType.DEPARTMENT && dept == null)
    p.add('departmentId', Reason.inputRequired, '科室荣誉须指定科室', 'a department’s honor needs departmentId');
  await p.mustExist(db, 'hospitalId', 'hospital', hospital, 'Hospital');
  await p.mustExist(db, 'memberId', 'member', member, 'Member');
  await p.mustExist(db, 'organizationId', 'organization', org, 'Organization');
  await p.mustExist(db, 'departmentId', 'department', dept, 'Department');
  p.check();
  return { hospital: hospital!, member, org, dept };
}

/** Awards an honor to a person, an organisation, a department or the hospital. */
export async function awardHonor(ctx: WriteContext, input: AwardHonorInput): Promise<WriteResult> {
  const { hospital, member, org, dept } = await check(ctx.pool, input);
  return transact(ctx, { tables: ['honor'] }, async (tx) => {
    const db = tx.client;
    // The organisation it counts under: the recipient organisation, the person's, the department's, else the hospital's committee.
    const { rows } = await db.query(
      `select coalesce($2::int, (select organization_id from member where id = $3),
         (select coalesce(d.branch_id, h2.committee_id) from department d join hospital h2 on h2.id = d.hospital_id where d.id = $4),
         h.committee_id) as org from hospital h where h.id = $1`,
      [hospital, org, member, dept],
    );
    const id = await tx.moving({ orgIds: [rows[0].org as number], from: input.awardedOn }, async () => {
      const inserted = await db.query(
        `insert into honor (hospital_id, recipient_type, member_id, organization_id, department_id, title, category, level, awarded_on)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
        [hospital, input.recipientType, member, org, dept, input.title.trim(), input.category, input.level, input.awardedOn],
      );
      return inserted.rows[0].id as number;
    });
    tx.audit({ action: 'honor.award', entity: 'honor', entityId: id, after: input });
    return { id: toGlobalId('Honor', id), rows: 1 };
  });
}
