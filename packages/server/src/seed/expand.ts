/**
 * The two large tables are not shipped row by row from Node: attendance and survey responses are
 * expanded inside PostgreSQL from small plans (one row per activity, one per survey × department),
 * in one INSERT … SELECT each. Randomness there comes from hashint8extended(key, seed), so the same
 * seed gives the same rows on every PostgreSQL version (hash partitioning relies on these hashes
 * being stable), and the rows are produced in plan order, so even the serial ids repeat.
 */
import type pg from 'pg';
import { EXPANDED_COLUMNS } from './tables.js';

/** The base salt of the hashes in SQL: each use adds its own small offset (1, 2, 3 …). */
const hashSalt = (seed: number) => Math.trunc(seed) * 16;

export async function createPlanTables(client: pg.ClientBase, seed: number): Promise<void> {
  await client.query(`create temp table seed_attendance_plan (activity_id int primary key, org_id int not null, audience text not null,
    held_on date not null, attend float8 not null, lecturer_id int, first_month int, last_month int) on commit drop`);
  await client.query(`create temp table seed_survey_plan (plan_id int primary key, survey_id int not null, department_id int not null,
    scale text not null, first_day date not null, last_day date not null, daily float8 not null, mean float8 not null, sd float8 not null,
    unsat float8 not null, quarter_end_only boolean not null, satisfied_from float8 not null) on commit drop`);
  // A uniform number in [0, 1) from a key and a salt: 53 bits of a 64-bit hash. Inlined by the planner.
  const s = hashSalt(seed);
  await client.query(`create function pg_temp.seed_u(k bigint, salt int) returns float8 language sql immutable parallel safe
    as $$ select ((hashint8extended(k, ${s} + salt) >> 11) & 9007199254740991)::float8 / 9007199254740992.0 $$`);
}

const MEMBER_STATUSES = `('active', 'outflow', 'abroad')`;

export async function expandAttendance(client: pg.ClientBase): Promise<number> {
  const { rowCount } = await client.query(`
insert into attendance (${EXPANDED_COLUMNS.attendance.join(', ')})
select s.activity_id, s.member_id, s.role, s.status, s.hours,
       -- A reason for most leave (those away from the hospital: away), for some absences; none for one present.
       case when s.status = 'leave' and s.membership <> 'active' then '在外地，不能到会'
            when s.status = 'leave' and s.u3 < 0.85 then (array['门诊值班', '外出学习', '出差', '病假', '手术中', '家中有事'])[1 + floor(s.u3 / 0.85 * 6)::int]
            when s.status = 'absent' and s.u3 < 0.3 then (array['临时急诊', '抢救病人', '临时加班'])[1 + floor(s.u3 / 0.3 * 3)::int]
       end
  from (
select p.activity_id, c.member_id, c.membership, r.u3,
       case when p.audience = 'service' then 'volunteer' when c.member_id = p.lecturer_id then 'lecturer' else 'attendee' end as role,
       case when p.audience = 'service' then 'present'
            when c.membership <> 'active' then case when r.u2 < 0.6 then 'leave' else 'exempt' end
            when r.u < p.attend then 'present'
            when r.u < p.attend + (1 - p.attend) * 0.7 then 'leave'
            else 'absent' end as status,
       case when p.audience = 'service' then 2 + floor(r.u2 * 3)
            when c.membership <> 'active' or r.u >= p.attend then null
            when p.audience in ('group', 'committee') then 1.5 else 2 end as hours
  from (select * from seed_attendance_plan order by activity_id) p
 cross join lateral (
        select m.id as member_id, m.membership_status as membership from member m
         where p.audience in ('branch', 'birthday', 'service') and m.organization_id = p.org_id
           and m.joined_on <= p.held_on and m.membership_status in ${MEMBER_STATUSES}
           and (p.audience <> 'birthday' or extract(month from m.joined_on) between p.first_month and p.last_month)
        union all
        select m.id, m.membership_status from member m
         where p.audience = 'group' and m.party_group_id = p.org_id
           and m.joined_on <= p.held_on and m.membership_status in ${MEMBER_STATUSES}
        union all
        select distinct po.member_id, 'active' from position po
         where p.audience = 'committee' and po.organization_id = p.org_id
           and po.role in ('secretary', 'deputy_secretary', 'organization_member', 'publicity_member', 'discipline_member')
           and po.start_on <= p.held_on and (po.end_on is null or po.end_on >= p.held_on)
        union all
        select distinct po.member_id, 'active' from position po
         where p.audience = 'leaders'
           and po.organization_id in (select o.id from organization o where o.id = p.org_id or o.parent_id = p.org_id)
           and po.role in ('committee_secretary', 'general_branch_secretary', 'secretary')
           and po.start_on <= p.held_on and (po.end_on is null or po.end_on >= p.held_on)
        order by 1) c
 cross join lateral (select pg_temp.seed_u(p.activity_id::bigint * 4194304 + c.member_id, 1) as u,
                            pg_temp.seed_u(p.activity_id::bigint * 4194304 + c.member_id, 2) as u2,
                            pg_temp.seed_u(p.activity_id::bigint * 4194304 + c.member_id, 3) as u3) r
 where p.audience <> 'service' or r.u < p.attend) s`);
  return rowCount ?? 0;
}

/** SQL for a uniform in [0, 1) taken from 16 bits of a 64-bit hash column. */
const u16 = (h: string, slot: number) => `(((${h} >> ${slot * 16}) & 65535)::float8 / 65536.0)`;

export async function expandSurveyResponses(client: pg.ClientBase, seed: number): Promise<number> {
  // Scores: a per-department mean (weaker departments lower), a slow improvement over the years, a
  // half-yearly season (crowded January and July score lower), and a normal-ish noise (sum of three
  // uniforms). Internal surveys record percent satisfied; the national platform 0–100; staff 1–5.
  // Each level is fenced with OFFSET 0 so its expressions are computed once per row, not once per
  // reference; two 64-bit hashes per response give all its uniforms (16 bits each).
  const s = hashSalt(seed);
  const { rowCount } = await client.query(`
insert into survey_response (${EXPANDED_COLUMNS.survey_response.join(', ')})
select r.survey_id, r.hospital_id, r.department_id, r.day, r.overall,
       r.overall >= r.satisfied_from,
       least(r.hi, greatest(r.lo, r.overall + (r.spread * (${u16('r.h2', 0)} * 2 - 1))::int)),
       least(r.hi, greatest(r.lo, r.overall + (r.spread * 1.2 * (${u16('r.h2', 1)} * 2 - 1))::int)),
       least(r.hi, greatest(r.lo, r.overall + (r.spread * (${u16('r.h2', 2)} * 2 - 1))::int))
  from (
    select h.*,
           case when h.scale = 'percent_satisfied' and ${u16('h.h1', 3)} < h.unsat then 30 + (${u16('h.h2', 3)} * 30)::int
                else least(h.hi, greatest(h.lo_ok, (h.m + h.sd * ((${u16('h.h1', 0)} + ${u16('h.h1', 1)} + ${u16('h.h1', 2)} - 1.5) * 2))::int)) end as overall
      from (
        select d.*, hashint8extended(((d.plan_id::bigint << 11) + d.i) * 1024 + k, ${s + 4}) as h1,
                    hashint8extended(((d.plan_id::bigint << 11) + d.i) * 1024 + k, ${s + 5}) as h2
          from (
            select p.plan_id, p.survey_id, p.hospital_id, p.department_id, p.scale, p.satisfied_from, p.sd, i, p.first_day + i as day,
                   p.mean + case when p.scale = 'likert_5' then 0.06 else 1 end::float8 * (1.5 * t.season + 1.2 * t.years) as m,
                   p.unsat * (1 - 0.3 * t.season) * (1 - 0.12 * t.years) as unsat,
                   floor(p.daily * case when extract(isodow from p.first_day + i) >= 6 then 0.45 else 1.22 end::float8
                         + pg_temp.seed_u((p.plan_id::bigint << 21) + i, 3))::int as n,
                   case when p.scale = 'likert_5' then 1 else 0 end as lo,
                   case when p.scale = 'likert_5' then 5 else 100 end as hi,
                   case p.scale when 'likert_5' then 1 when 'percent_satisfied' then 60 else 0 end as lo_ok,
                   p.sd * 0.5 as spread
              from (select sp.*, s.hospital_id from seed_survey_plan sp join survey s on s.id = sp.survey_id order by sp.plan_id) p
             cross join lateral generate_series(0, p.last_day - p.first_day) as i
             cross join lateral (select cos(4 * pi() * (extract(doy from p.first_day + i)::float8 - 100) / 365.25) as season,
                                        i::float8 / 365.25 as years) t
             where not p.quarter_end_only or extract(month from p.first_day + i) in (3, 6, 9, 12)
            offset 0) d
         cross join lateral generate_series(1, d.n) as k
        offset 0) h
    offset 0) r`);
  return rowCount ?? 0;
}

interface Saved {
  drops: string[];
  creates: string[];
}

/**
 * PostgreSQL's own advice for bulk loads ("Populating a Database"): drop the indexes and foreign keys
 * of a table, load it, recreate them. The definitions are read from the catalog, so what comes back
 * is exactly what the migrations made. Only used while the table is empty, inside the transaction.
 */
export async function dropIndexes(client: pg.ClientBase, table: string): Promise<Saved> {
  const cons = await client.query<{ conname: string; def: string; contype: string }>(
    `select conname, pg_get_constraintdef(oid) as def, contype from pg_constraint
      where conrelid = $1::regclass and contype in ('p', 'u', 'f') order by contype = 'f', conname`,
    [table],
  );
  const idx = await client.query<{ indexname: string; indexdef: string }>(
    `select i.indexname, i.indexdef from pg_indexes i
      where i.schemaname = current_schema() and i.tablename = $1
        and not exists (select 1 from pg_constraint c where c.conindid = (quote_ident(i.indexname))::regclass)
      order by i.indexname`,
    [table],
  );
  const saved: Saved = { drops: [], creates: [] };
  for (const c of cons.rows) {
    saved.drops.push(`alter table ${table} drop constraint "${c.conname}"`);
    saved.creates.push(`alter table ${table} add constraint "${c.conname}" ${c.def}`);
  }
  for (const i of idx.rows) {
    saved.drops.push(`drop index "${i.indexname}"`);
    // A partitioned table's index reads back as `ON ONLY` (the parent alone): recreated on every partition.
    saved.creates.push(i.indexdef.replace(' ON ONLY ', ' ON '));
  }
  // Foreign keys last on the way back: they validate against the finished table in one join.
  saved.creates.sort((a, b) => Number(a.includes('FOREIGN KEY')) - Number(b.includes('FOREIGN KEY')));
  for (const sql of saved.drops) await client.query(sql);
  return saved;
}

export async function restoreIndexes(client: pg.ClientBase, saved: Saved): Promise<void> {
  for (const sql of saved.creates) await client.query(sql);
}
