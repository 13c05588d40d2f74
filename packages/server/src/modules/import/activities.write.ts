/**
 * An activities plan written in the commit's transaction (under the organisations' locks): the activities
 * updated locked in id order, the new ones inserted in one statement, the changed ones updated in one; then
 * the attendance, new rows in one statement and changed ones in one, each naming its activity by id (a new
 * activity's from the insert). Attendance the file does not list is left as it is.
 */
import type { WriteTx } from '../../indicators/writes.js';
import { activityKey, type ActivitiesPlan, type ActivityRow } from './activities.plan.js';

const COLUMNS: { name: keyof ActivityRow; type: string }[] = [
  { name: 'organization_id', type: 'int' },
  { name: 'type', type: 'text' },
  { name: 'title', type: 'text' },
  { name: 'held_on', type: 'date' },
  { name: 'status', type: 'text' },
  { name: 'location', type: 'text' },
  { name: 'expected_count', type: 'int' },
  { name: 'beneficiary_count', type: 'int' },
  { name: 'festival_tag', type: 'text' },
];

const arrays = (rows: ActivityRow[]) => COLUMNS.map((c) => rows.map((r) => r[c.name]));
const unnest = (offset: number) => COLUMNS.map((c, i) => `$${i + 1 + offset}::${c.type}[]`).join(', ');
const names = COLUMNS.map((c) => c.name).join(', ');

async function writeRows(tx: WriteTx, plan: ActivitiesPlan): Promise<Map<string, number>> {
  const ids = new Map(plan.ids);
  const updated = plan.update.map((u) => u.id).toSorted((a, b) => a - b);
  if (updated.length) await tx.client.query(`select id from activity where id = any($1::int[]) order by id for update`, [updated]);
  if (plan.create.length) {
    const { rows } = await tx.client.query<ActivityRow & { id: number }>(
      `insert into activity (${names}) select * from unnest(${unnest(0)}) as r(${names})
       returning id, organization_id, type, title, held_on::text as held_on`,
      arrays(plan.create),
    );
    for (const r of rows) ids.set(activityKey(r), r.id);
  }
  if (plan.update.length)
    await tx.client.query(
      `update activity a set ${COLUMNS.map((c) => `${c.name} = r.${c.name}`).join(', ')}, updated_at = now()
       from unnest($1::int[], ${unnest(1)}) as r(id, ${names}) where a.id = r.id`,
      [plan.update.map((u) => u.id), ...arrays(plan.update.map((u) => u.after))],
    );
  return ids;
}

export async function writeActivities(tx: WriteTx, plan: ActivitiesPlan): Promise<void> {
  const ids = await writeRows(tx, plan);
  const { create, update } = plan.attendance;
  const id = (key: string) => {
    const found = ids.get(key);
    if (found == null) throw new Error('an attendance row names an activity the plan did not write');
    return found;
  };
  if (create.length)
    await tx.client.query(
      `insert into attendance (activity_id, member_id, status, role, hours, reason)
       select * from unnest($1::int[], $2::int[], $3::text[], $4::text[], $5::float8[], $6::text[])`,
      [
        create.map((a) => id(a.activity)),
        create.map((a) => a.member_id),
        create.map((a) => a.status),
        create.map((a) => a.role),
        create.map((a) => a.hours),
        create.map((a) => a.reason),
      ],
    );
  if (update.length)
    await tx.client.query(
      `update attendance t set status = r.status, role = r.role, hours = r.hours, reason = r.reason
       from unnest($1::int[], $2::text[], $3::text[], $4::float8[], $5::text[]) as r(id, status, role, hours, reason) where t.id = r.id`,
      [
        update.map((a) => a.id),
        update.map((a) => a.status),
        update.map((a) => a.role),
        update.map((a) => a.hours),
        update.map((a) => a.reason),
      ],
    );
}
