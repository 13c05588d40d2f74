/**
 * A members plan written in the commit's transaction: the people updated locked in id order (the write
 * transaction's lock order: organisations, then people), then one statement for the new rows and one for
 * the changed ones, whatever their number.
 */
import type { WriteTx } from '../../indicators/writes.js';
import type { MemberPlan, MemberRow } from './members.plan.js';

const COLUMNS: { name: keyof MemberRow; type: string }[] = [
  { name: 'hospital_id', type: 'int' },
  { name: 'organization_id', type: 'int' },
  { name: 'department_id', type: 'int' },
  { name: 'name', type: 'text' },
  { name: 'gender', type: 'text' },
  { name: 'birth_date', type: 'date' },
  { name: 'ethnicity', type: 'text' },
  { name: 'education', type: 'text' },
  { name: 'professional_title', type: 'text' },
  { name: 'staff_category', type: 'text' },
  { name: 'political_status', type: 'text' },
  { name: 'membership_status', type: 'text' },
  { name: 'joined_on', type: 'date' },
  { name: 'converted_on', type: 'date' },
  { name: 'is_dept_head', type: 'boolean' },
  { name: 'is_backbone', type: 'boolean' },
  { name: 'is_frontline', type: 'boolean' },
  { name: 'id_card_no', type: 'text' },
  { name: 'mobile', type: 'text' },
  { name: 'staff_no', type: 'text' },
];

const arrays = (rows: MemberRow[]) => COLUMNS.map((c) => rows.map((r) => r[c.name]));
const unnest = (offset: number) => COLUMNS.map((c, i) => `$${i + 1 + offset}::${c.type}[]`).join(', ');
const names = COLUMNS.map((c) => c.name).join(', ');

export async function writeMembers(tx: WriteTx, plan: MemberPlan): Promise<void> {
  const ids = plan.update.map((u) => u.id).toSorted((a, b) => a - b);
  if (ids.length) await tx.client.query(`select id from member where id = any($1::int[]) order by id for no key update`, [ids]);
  if (plan.create.length)
    await tx.client.query(`insert into member (${names}) select * from unnest(${unnest(0)}) as r(${names})`, arrays(plan.create));
  if (plan.update.length)
    await tx.client.query(
      `update member m set ${COLUMNS.map((c) => `${c.name} = r.${c.name}`).join(', ')}, updated_at = now()
       from unnest($1::int[], ${unnest(1)}) as r(id, ${names}) where m.id = r.id`,
      [plan.update.map((u) => u.id), ...arrays(plan.update.map((u) => u.after))],
    );
}
