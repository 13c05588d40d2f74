/**
 * "Was this person a member of that organisation on that day?", as attendance asks it (recordActivity,
 * correctAttendance, the activities import): a stint of theirs (membership.entity.ts) in the organisation
 * holding the activity — itself, or a party group's branch — or in its subtree covers the day. A member
 * who is outflowing (流动党员) or abroad keeps their Party membership and their place on the branch's roll,
 * though their stint has ended (the indicators no longer count them): their current organisation answers.
 */
import type { Queryable } from '../../indicators/cells.js';

/** One question: a person, the organisation holding an activity, its day (YYYY-MM-DD). */
export interface BelongedAsk {
  member: number;
  org: number;
  day: string;
}

/** One answer per question, in order: null when the person does not exist, else whether they belonged, and the holder's name. */
export async function belongedOn(db: Queryable, asks: readonly BelongedAsk[]): Promise<({ inside: boolean; holder: string } | null)[]> {
  if (!asks.length) return [];
  const { rows } = await db.query<{ n: number; inside: boolean | null; holder: string }>(
    `with q as (select * from unnest($1::int[], $2::int[], $3::date[]) with ordinality as q(member_id, org_id, day, n)),
     h as (select o.id as org_id, a.path, a.name from organization o
       cross join lateral (select x.path, x.name from organization x
         where x.id = any(string_to_array(trim(both '/' from o.path), '/')::int[]) and x.kind <> 'party_group'
         order by x.depth desc limit 1) a
       where o.id in (select org_id from q))
     select q.n::int, h.name as holder,
       case when m.id is null then null else
         exists (select 1 from membership ms join organization o on o.id = ms.organization_id
                  where ms.member_id = m.id and o.path like h.path || '%'
                    and (ms.from_on is null or ms.from_on <= q.day) and (ms.to_on is null or ms.to_on > q.day))
         or (m.membership_status in ('outflow', 'abroad') and (select c.path from organization c where c.id = m.organization_id) like h.path || '%')
       end as inside
     from q join h using (org_id) left join member m on m.id = q.member_id order by q.n`,
    [asks.map((a) => a.member), asks.map((a) => a.org), asks.map((a) => a.day)],
  );
  const byN = new Map(rows.map((r) => [r.n, r]));
  return asks.map((_, i) => {
    const r = byN.get(i + 1);
    return r && r.inside != null ? { inside: r.inside, holder: r.holder } : null;
  });
}
