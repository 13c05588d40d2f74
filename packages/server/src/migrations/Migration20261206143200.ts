import { Migration } from '@mikro-orm/migrations';
import { addMonths, monthPartition, monthPartitions, type MonthPartition } from '../domain/partitions.js';

const COLUMNS = `"id", "at", "actor", "action", "entity", "entity_id", "before", "after", "idempotency_key", "request_hash", "result", "prev_hash", "hash"`;
const TABLE = (name: string) =>
  `create table "${name}" ("id" bigserial not null, "at" timestamptz not null default now(), "actor" varchar(100) not null, ` +
  `"action" varchar(64) not null, "entity" varchar(64) not null, "entity_id" int null, "before" jsonb null, "after" jsonb null, ` +
  `"idempotency_key" varchar(100) null, "request_hash" varchar(64) null, "result" jsonb null, "prev_hash" varchar(64) not null, "hash" varchar(64) not null)`;

/** Migration20261202230000's, unchanged: they take the table's row type, so they go and come back with the table. */
const CANONICAL = `
create function hub_audit_canonical(r audit_log) returns text language sql stable set timezone to 'UTC' as $$
  select jsonb_object_agg(key, value)::text from jsonb_each(to_jsonb(r) - 'hash') where value <> 'null'::jsonb
$$;`;

const HASH = `
create function hub_audit_hash(r audit_log) returns text language sql stable as $$
  select encode(sha256(convert_to(hub_audit_canonical(r), 'UTF8')), 'hex')
$$;`;

/** As before, and a TRUNCATE of a whole month passes inside hub_audit_purge (which checked the month's age). */
const APPEND_ONLY = `
create or replace function hub_audit_append_only() returns trigger language plpgsql as $$
begin
  if tg_op in ('DELETE', 'TRUNCATE') and current_setting('hub.audit_purge', true) = 'on'
     and pg_has_role(current_user, (select relowner from pg_class where oid = tg_relid), 'USAGE') then
    if tg_op = 'TRUNCATE' then
      return null;
    end if;
    if old.at < now() - interval '180 days' then
      return old;
    end if;
    raise exception 'audit_log keeps every row 180 days (rule audit_log_min_retention): row % of % may not be purged', old.id, old.at
      using errcode = '22023', constraint = 'audit_log_min_retention';
  end if;
  raise exception 'audit_log is append-only (rule audit_log_append_only): % refused', tg_op
    using errcode = '42501', constraint = 'audit_log_append_only',
          hint = 'rows older than 180 days leave only through hub_audit_purge (pnpm audit:purge)';
end $$;`;

/**
 * As before (the run from the chain's start up to the first row at or after `before`), but a month whose
 * partition ends by the cut-off and holds only rows of that run is emptied whole (TRUNCATE: no row by row
 * delete, no dead rows to vacuum); what is left of the run is deleted row by row. A row's `at` is its
 * transaction's start and its id is given at its insert, so a month's last rows can follow, in id order, a
 * row of the next month: such a month is not whole in the run, and goes row by row. The partitions stay
 * (empty), so the window the entity declares and the database hold stay one. Idempotency keys older than the
 * cut-off go too (they lived in the purged rows before Migration20261206143100).
 */
const PURGE = `
create or replace function hub_audit_purge(p_before timestamptz, p_actor text) returns bigint language plpgsql security definer
set datestyle to 'ISO, YMD' as $$
declare v_last bigint; v_hash text; v_count bigint := 0; v_n bigint; v_max bigint; v_anchor audit_chain; p record;
begin
  if p_before is null or p_before > now() - interval '180 days' then
    raise exception 'audit_log keeps every row 180 days (rule audit_log_min_retention): cannot purge rows before %', p_before
      using errcode = '22023', constraint = 'audit_log_min_retention';
  end if;
  perform 1 from audit_chain where id = 1 for update;
  select id, hash into v_last, v_hash from audit_log
   where id < coalesce((select min(id) from audit_log where at >= p_before), 9223372036854775807) order by id desc limit 1;
  if v_last is not null then
    perform set_config('hub.audit_purge', 'on', true);
    for p in
      select c.oid::regclass as part, substring(pg_get_expr(c.relpartbound, c.oid) from 'TO \\(''([^'']+)''\\)')::timestamptz as upper
        from pg_inherits i join pg_class c on c.oid = i.inhrelid where i.inhparent = 'audit_log'::regclass order by 2
    loop
      continue when p.upper is null or p.upper > p_before;
      execute format('select count(*), max(id) from %s', p.part) into v_n, v_max;
      continue when v_n = 0 or v_max > v_last;
      execute format('truncate %s', p.part);
      v_count := v_count + v_n;
    end loop;
    delete from audit_log where id <= v_last;
    get diagnostics v_n = row_count;
    v_count := v_count + v_n;
    perform set_config('hub.audit_purge', 'off', true);
    update audit_chain set anchor_id = v_last, anchor_hash = v_hash, purged_at = now() where id = 1;
  end if;
  delete from idempotency_key where at < p_before;
  select * into v_anchor from audit_chain where id = 1;
  insert into audit_log (actor, action, entity, after) values (left(p_actor, 100), 'audit.purge', 'audit_log',
    jsonb_build_object('before', p_before, 'deleted', v_count, 'anchorId', v_anchor.anchor_id, 'anchorHash', v_anchor.anchor_hash));
  return v_count;
end $$;`;

const TRIGGERS = [
  `create trigger audit_log_chain before insert on audit_log for each row execute function hub_audit_chain();`,
  `create trigger audit_log_append_only before update or delete on audit_log for each row execute function hub_audit_append_only();`,
  `create trigger audit_log_no_truncate before truncate on audit_log for each statement execute function hub_audit_append_only();`,
];

const noTruncate = (p: MonthPartition) =>
  `create trigger "${p.name}_no_truncate" before truncate on "${p.name}" for each statement execute function hub_audit_append_only();`;

/**
 * audit_log partitioned by UTC month on `at` (db/partitions.ts: the window, and the hourly job that makes the
 * months ahead), in one pass in the migration's transaction: the triggers and the two functions that take the
 * table's row type dropped, the old table aside, the new partitioned one with its partitions, INSERT … SELECT
 * of every row as it is (id, hashes and all: the chain is the same chain), the sequence continued where the
 * old one stood, the key (id, at) and the index built once on the loaded partitions, the old table dropped,
 * the functions and triggers back (the row triggers are cloned to each partition, now and for partitions made
 * later). The rows keep their columns and values, so hub_audit_canonical gives each the same form and hash.
 * No DEFAULT partition: an entry is written at now(), which the window (the current month and 3 ahead, kept
 * by the hourly job) always holds; rows of older months than the window's first go to audit_log_before.
 */
export class Migration20261206143200 extends Migration {
  override name = 'Migration20261206143200';

  override async up(): Promise<void> {
    const [last] = await this.execute(`select to_char(max(at) at time zone 'UTC', 'YYYY-MM') as m from audit_log`);
    const partitions = monthPartitions('audit_log');
    const windowEnd = partitions.at(-1)!.name.slice(-7).replace('_', '-');
    for (let m = addMonths(windowEnd, 1); last?.m && m <= (last.m as string); m = addMonths(m, 1)) partitions.push(monthPartition('audit_log', m));

    for (const t of ['audit_log_chain', 'audit_log_append_only', 'audit_log_no_truncate']) this.addSql(`drop trigger "${t}" on "audit_log";`);
    this.addSql(`drop function hub_audit_hash(audit_log);`);
    this.addSql(`drop function hub_audit_canonical(audit_log);`);
    this.addSql(`alter table "audit_log" rename to "audit_log_old";`);
    this.addSql(`alter table "audit_log_old" rename constraint "audit_log_pkey" to "audit_log_old_pkey";`);
    this.addSql(`alter sequence "audit_log_id_seq" rename to "audit_log_old_id_seq";`);
    this.addSql(`drop index "audit_log_entity_entity_id_index";`);
    this.addSql(`${TABLE('audit_log')} partition by range ("at");`);
    for (const p of partitions) this.addSql(`create table "${p.name}" partition of "audit_log" ${p.values};`);
    this.addSql(`insert into "audit_log" (${COLUMNS}) select ${COLUMNS} from "audit_log_old";`);
    this.addSql(`select setval('audit_log_id_seq', last_value, is_called) from "audit_log_old_id_seq";`);
    this.addSql(`drop table "audit_log_old";`);
    this.addSql(`alter table "audit_log" add constraint "audit_log_pkey" primary key ("id", "at");`);
    this.addSql(`create index "audit_log_entity_entity_id_index" on "audit_log" ("entity", "entity_id");`);
    this.addSql(CANONICAL);
    this.addSql(HASH);
    this.addSql(APPEND_ONLY);
    this.addSql(PURGE);
    for (const t of TRIGGERS) this.addSql(t);
    for (const p of partitions) this.addSql(noTruncate(p));
  }

  override down(): void {
    for (const t of ['audit_log_chain', 'audit_log_append_only', 'audit_log_no_truncate']) this.addSql(`drop trigger "${t}" on "audit_log";`);
    this.addSql(`drop function hub_audit_hash(audit_log);`);
    this.addSql(`drop function hub_audit_canonical(audit_log);`);
    this.addSql(`alter table "audit_log" rename to "audit_log_parted";`);
    this.addSql(`alter table "audit_log_parted" rename constraint "audit_log_pkey" to "audit_log_parted_pkey";`);
    this.addSql(`alter sequence "audit_log_id_seq" rename to "audit_log_parted_id_seq";`);
    this.addSql(`drop index "audit_log_entity_entity_id_index";`);
    this.addSql(`${TABLE('audit_log')};`);
    this.addSql(`insert into "audit_log" (${COLUMNS}) select ${COLUMNS} from "audit_log_parted";`);
    this.addSql(`select setval('audit_log_id_seq', last_value, is_called) from "audit_log_parted_id_seq";`);
    this.addSql(`drop table "audit_log_parted";`);
    this.addSql(`alter table "audit_log" add constraint "audit_log_pkey" primary key ("id");`);
    this.addSql(`create index "audit_log_entity_entity_id_index" on "audit_log" ("entity", "entity_id");`);
    this.addSql(CANONICAL);
    this.addSql(HASH);
    for (const t of TRIGGERS) this.addSql(t);
  }
}
