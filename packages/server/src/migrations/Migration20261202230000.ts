import { Migration } from '@mikro-orm/migrations';

/**
 * The audit log becomes append-only and hash-chained (modules/audit/audit.entity.ts), whoever writes:
 * - hub_audit_canonical(row): the row without its `hash`, SQL and JSON nulls left out (so a column added later
 *   leaves the old rows' form alone), as jsonb text (keys in jsonb's fixed order), timestamps in UTC;
 *   hash = SHA-256 hex of its UTF-8 bytes. `sha256(bytea)` is built in (PostgreSQL ≥ 11): no pgcrypto.
 * - BEFORE INSERT (hub_audit_chain): locks audit_chain's one row (held to the commit: concurrent inserts
 *   chain one after another), gives the row its id under that lock (so id order is chain order, whatever
 *   order the transactions took their ids from the sequence in), the head's hash as prev_hash, and its own.
 * - BEFORE UPDATE/DELETE (hub_audit_append_only) and BEFORE TRUNCATE: refused (42501, audit_log_append_only).
 *   A DELETE passes only inside hub_audit_purge: the transaction-local setting hub.audit_purge = on, a role
 *   that owns the table (hub_audit_purge is SECURITY DEFINER, run as the owner), and a row older than 180 days.
 *   Any session can set a custom setting; the owner check is what keeps the application's own statements
 *   (a non-owner role) out, and an owner could drop the trigger anyway: the chain, not the trigger, is what
 *   shows that happened (`pnpm audit:verify`).
 * - hub_audit_purge(before, actor): deletes the oldest rows (the run from the chain's start up to the first row
 *   at or after `before`), which must be older than 180 days (22023, audit_log_min_retention), records the last
 *   deleted row's id and hash as the chain's anchor, and appends an `audit.purge` row naming that anchor.
 * Rows already in the log are chained here, in id order, from GENESIS.
 */
const GENESIS = `repeat('0', 64)`;

const CANONICAL = `
create function hub_audit_canonical(r audit_log) returns text language sql stable set timezone to 'UTC' as $$
  select jsonb_object_agg(key, value)::text from jsonb_each(to_jsonb(r) - 'hash') where value <> 'null'::jsonb
$$;`;

const HASH = `
create function hub_audit_hash(r audit_log) returns text language sql stable as $$
  select encode(sha256(convert_to(hub_audit_canonical(r), 'UTF8')), 'hex')
$$;`;

const CHAIN = `
create function hub_audit_chain() returns trigger language plpgsql as $$
declare v_prev text;
begin
  select c.head_hash into v_prev from audit_chain c where c.id = 1 for update;
  if not found then
    raise exception 'audit_chain has no head row: the audit log cannot be appended to' using errcode = '55000';
  end if;
  new.id := nextval('audit_log_id_seq');
  new.prev_hash := v_prev;
  new.hash := hub_audit_hash(new);
  update audit_chain set head_id = new.id, head_hash = new.hash where id = 1;
  return new;
end $$;`;

const APPEND_ONLY = `
create function hub_audit_append_only() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' and current_setting('hub.audit_purge', true) = 'on'
     and pg_has_role(current_user, (select relowner from pg_class where oid = tg_relid), 'USAGE') then
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

const PURGE = `
create function hub_audit_purge(p_before timestamptz, p_actor text) returns bigint language plpgsql security definer as $$
declare v_last bigint; v_hash text; v_count bigint := 0; v_anchor audit_chain;
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
    delete from audit_log where id <= v_last;
    get diagnostics v_count = row_count;
    perform set_config('hub.audit_purge', 'off', true);
    update audit_chain set anchor_id = v_last, anchor_hash = v_hash, purged_at = now() where id = 1;
  end if;
  select * into v_anchor from audit_chain where id = 1;
  insert into audit_log (actor, action, entity, after) values (left(p_actor, 100), 'audit.purge', 'audit_log',
    jsonb_build_object('before', p_before, 'deleted', v_count, 'anchorId', v_anchor.anchor_id, 'anchorHash', v_anchor.anchor_hash));
  return v_count;
end $$;`;

/** Chains the rows already in the log, in id order (before the triggers exist: these are updates). */
const BACKFILL = `
do $$
declare r audit_log; v_prev text := ${GENESIS};
begin
  for r in select * from audit_log order by id loop
    r.prev_hash := v_prev;
    v_prev := hub_audit_hash(r);
    update audit_log set prev_hash = r.prev_hash, hash = v_prev where id = r.id;
  end loop;
  insert into audit_chain (id, head_id, head_hash, anchor_id, anchor_hash)
  values (1, coalesce((select max(id) from audit_log), 0), v_prev, 0, ${GENESIS});
end $$;`;

export class Migration20261202230000 extends Migration {
  override name = 'Migration20261202230000';

  override up(): void {
    this.addSql(`alter table "audit_log" add "prev_hash" varchar(64) null, add "hash" varchar(64) null;`);
    this.addSql(
      `create table "audit_chain" ("id" smallint not null, "head_id" bigint not null, "head_hash" varchar(64) not null, "anchor_id" bigint not null, "anchor_hash" varchar(64) not null, "purged_at" timestamptz null, primary key ("id"));`,
    );
    this.addSql(`alter table "audit_chain" add constraint "audit_chain_single" check (id = 1);`);
    this.addSql(CANONICAL);
    this.addSql(HASH);
    this.addSql(BACKFILL);
    this.addSql(`alter table "audit_log" alter column "prev_hash" set not null, alter column "hash" set not null;`);
    this.addSql(CHAIN);
    this.addSql(APPEND_ONLY);
    this.addSql(PURGE);
    // A SECURITY DEFINER function names its schema and searches pg_temp last; nobody but the owner runs it unless granted.
    this.addSql(
      `do $$ begin execute format('alter function hub_audit_purge(timestamptz, text) set search_path = %I, pg_temp', current_schema()); end $$;`,
    );
    this.addSql(`revoke execute on function hub_audit_purge(timestamptz, text) from public;`);
    this.addSql(`create trigger audit_log_chain before insert on audit_log for each row execute function hub_audit_chain();`);
    this.addSql(
      `create trigger audit_log_append_only before update or delete on audit_log for each row execute function hub_audit_append_only();`,
    );
    this.addSql(
      `create trigger audit_log_no_truncate before truncate on audit_log for each statement execute function hub_audit_append_only();`,
    );
  }

  override down(): void {
    this.addSql(`drop trigger if exists audit_log_no_truncate on audit_log;`);
    this.addSql(`drop trigger if exists audit_log_append_only on audit_log;`);
    this.addSql(`drop trigger if exists audit_log_chain on audit_log;`);
    this.addSql(`drop function if exists hub_audit_purge(timestamptz, text);`);
    this.addSql(`drop function if exists hub_audit_append_only();`);
    this.addSql(`drop function if exists hub_audit_chain();`);
    this.addSql(`drop function if exists hub_audit_hash(audit_log);`);
    this.addSql(`drop function if exists hub_audit_canonical(audit_log);`);
    this.addSql(`drop table if exists "audit_chain" cascade;`);
    this.addSql(`alter table "audit_log" drop column "prev_hash", drop column "hash";`);
  }
}
