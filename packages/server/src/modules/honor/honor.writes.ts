/**
 * Awarding, changing and deleting an honor, in the shared write transaction (the honors count moves for
 * the organisation it counts under: before and after, when a change moves it to another recipient or year).
 */
import type pg from 'pg';
import { BRANCH_KIND_VALUES, OrgKind, RecipientType } from '../../domain/enums.js';
import { Reason } from '../../errors.js';
import { toGlobalId } from '../../graphql/global-id.js';
import { Problems } from '../../graphql/problems.js';
import type { WriteResult } from '../../graphql/write-result.js';
import type { Queryable } from '../../indicators/cells.js';
import { deleteFact, saveFact, type FactKind, type FactRow } from '../../indicators/fact-writes.js';
import { transact, type WriteContext } from '../../indicators/writes.js';
import type { AwardHonorInput } from './honor.inputs.js';

/** Which recipient field each recipient type names (the others must be empty), and the organisation kinds it takes. */
const RECIPIENT: Record<RecipientType, { field: 'memberId' | 'organizationId' | 'departmentId' | null; kinds?: readonly string[] }> = {
  [RecipientType.PERSON]: { field: 'memberId' },
  [RecipientType.BRANCH]: { field: 'organizationId', kinds: BRANCH_KIND_VALUES },
  [RecipientType.GENERAL_BRANCH]: { field: 'organizationId', kinds: [OrgKind.GENERAL_BRANCH] },
  [RecipientType.COMMITTEE]: { field: 'organizationId', kinds: [OrgKind.COMMITTEE] },
  [RecipientType.DEPARTMENT]: { field: 'departmentId' },
  [RecipientType.TEAM]: { field: null },
  [RecipientType.HOSPITAL]: { field: null },
};

const FIELDS = ['memberId', 'organizationId', 'departmentId'] as const;

/** Exactly the recipient field its type names: a hospital's honor carries no person, a person's no organisation. */
function checkRecipient(p: Problems, input: AwardHonorInput): void {
  const wanted = RECIPIENT[input.recipientType].field;
  for (const f of FIELDS) {
    if (f === wanted && input[f] == null) p.add(f, Reason.inputRequired, `该类荣誉须指定 ${f}`, `this kind of honor needs ${f}`);
    if (f !== wanted && input[f] != null) p.add(f, Reason.inputInconsistent, `该类荣誉不能指定 ${f}`, `this kind of honor takes no ${f}`);
  }
}

/** The recipient belongs to the hospital, and an organisation is of the kind the type says. */
async function checkBelongs(
  db: pg.Pool,
  p: Problems,
  hospital: number,
  member: number | null,
  org: number | null,
  dept: number | null,
  type: RecipientType,
) {
  const { rows } = await db.query(
    `select (select m.hospital_id = $1 from member m where m.id = $2) as member_ok,
            (select o.kind from organization o where o.id = $3
               and o.path like (select c.path from hospital h join organization c on c.id = h.committee_id where h.id = $1) || '%') as org_kind,
            (select d.hospital_id = $1 from department d where d.id = $4) as dept_ok`,
    [hospital, member, org, dept],
  );
  const r = rows[0];
  const outside = (f: string) => p.add(f, Reason.notInOrganization, '不属于该医院', 'does not belong to this hospital');
  if (member != null && r.member_ok === false) outside('memberId');
  if (dept != null && r.dept_ok === false) outside('departmentId');
  if (org != null && r.org_kind == null) outside('organizationId');
  const kinds = RECIPIENT[type].kinds;
  if (org != null && r.org_kind != null && kinds && !kinds.includes(r.org_kind))
    p.add(
      'organizationId',
      Reason.inputInconsistent,
      '党组织类型与获奖对象类型不符',
      'the organisation’s kind does not match the recipient type',
    );
}

/** Every problem of the input (and `first`'s, the problems of other arguments), or its decoded ids. */
async function check(db: pg.Pool, input: AwardHonorInput, root = 'awardHonor.input', first?: Problems) {
  const p = await Problems.of(root, input);
  const hospital = p.id('hospitalId', input.hospitalId, 'Hospital');
  const member = p.id('memberId', input.memberId, 'Member');
  const org = p.id('organizationId', input.organizationId, 'Organization');
  const dept = p.id('departmentId', input.departmentId, 'Department');
  p.plausibleDate('awardedOn', input.awardedOn);
  checkRecipient(p, input);
  await p.mustExist(db, 'hospitalId', 'hospital', hospital, 'Hospital');
  await p.mustExist(db, 'memberId', 'member', member, 'Member');
  await p.mustExist(db, 'organizationId', 'organization', org, 'Organization');
  await p.mustExist(db, 'departmentId', 'department', dept, 'Department');
  if (p.ok) await checkBelongs(db, p, hospital!, member, org, dept, input.recipientType);
  p.list.unshift(...(first?.list ?? []));
  p.check();
  return { hospital: hospital!, member, org, dept };
}

/** The same honor recorded already (recipient, title, date): refused, naming it. */
async function refuseDuplicate(db: Queryable, values: unknown[], root = 'awardHonor.input', id: number | null = null): Promise<void> {
  const { rows } = await db.query(
    `select id from honor where hospital_id = $1 and recipient_type = $2 and member_id is not distinct from $3
       and organization_id is not distinct from $4 and department_id is not distinct from $5 and title = $6 and awarded_on = $7
       and id <> $8 limit 1`,
    [...values, id ?? 0],
  );
  if (!rows.length) return;
  const p = new Problems(root);
  const existing = toGlobalId('Honor', rows[0].id as number);
  p.add('title', Reason.duplicate, `该荣誉已记录（${existing}）`, `already recorded as ${existing}`);
  p.check();
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
    await tx.lock([rows[0].org as number]);
    await refuseDuplicate(db, [hospital, input.recipientType, member, org, dept, input.title.trim(), input.awardedOn]);
    const id = await tx.moving({ orgIds: [rows[0].org as number], from: input.awardedOn }, async () => {
      const inserted = await db.query(
        `insert into honor (hospital_id, recipient_type, member_id, organization_id, department_id, title, category, level, awarded_on,
           issuer, issuer_kind)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) returning id`,
        [
          hospital,
          input.recipientType,
          member,
          org,
          dept,
          input.title.trim(),
          input.category,
          input.level,
          input.awardedOn,
          input.issuer?.trim() || null,
          input.issuerKind ?? null,
        ],
      );
      return inserted.rows[0].id as number;
    });
    tx.audit({ action: 'honor.award', entity: 'honor', entityId: id, after: input });
    return { id: toGlobalId('Honor', id), rows: 1 };
  });
}

/** The organisation an honor counts under: the recipient organisation, the person's, the department's, else the hospital's committee. */
const countsUnder = async (db: Queryable, r: FactRow): Promise<(number | null)[]> => [
  (
    await db.query(
      `select coalesce($2::int, (select organization_id from member where id = $3),
         (select coalesce(d.branch_id, h2.committee_id) from department d join hospital h2 on h2.id = d.hospital_id where d.id = $4),
         h.committee_id) as org from hospital h where h.id = $1`,
      [r.hospital_id, r.organization_id, r.member_id, r.department_id],
    )
  ).rows[0]?.org ?? null,
];

const HONOR = (root: string): FactKind => ({
  table: 'honor',
  type: 'Honor',
  action: 'honor',
  orgsOf: countsUnder,
  from: (r) => r.awarded_on as string,
  refuseDuplicate: (db, r, id) =>
    refuseDuplicate(
      db,
      [r.hospital_id, r.recipient_type, r.member_id, r.organization_id, r.department_id, r.title, r.awarded_on],
      root,
      id,
    ),
});

/** Changes an honor as a whole (the same fields as awarding it); the audit entry keeps the row before and after. */
export async function updateHonor(ctx: WriteContext, id: string, input: AwardHonorInput): Promise<WriteResult> {
  const root = 'updateHonor';
  const ids = new Problems(root);
  const honor = ids.id('id', id, 'Honor');
  await ids.mustExist(ctx.pool, 'id', 'honor', honor, 'Honor');
  const { hospital, member, org, dept } = await check(ctx.pool, input, `${root}.input`, ids);
  return saveFact(ctx, HONOR(`${root}.input`), { root, field: 'id' }, honor, {
    hospital_id: hospital,
    recipient_type: input.recipientType,
    member_id: member,
    organization_id: org,
    department_id: dept,
    title: input.title.trim(),
    category: input.category,
    level: input.level,
    awarded_on: input.awardedOn,
    issuer: input.issuer?.trim() || null,
    issuer_kind: input.issuerKind ?? null,
  });
}

/** Deletes an honor recorded by mistake, with a reason (kept in the audit log with the row). */
export const deleteHonor = (ctx: WriteContext, id: string, reason: string): Promise<WriteResult> =>
  deleteFact(ctx, HONOR('deleteHonor'), 'deleteHonor', id, reason);
