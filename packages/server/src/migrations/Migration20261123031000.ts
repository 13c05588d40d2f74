import { Migration } from '@mikro-orm/migrations';

/**
 * Rules the database keeps itself, whoever writes (the API, an import, COPY, plain SQL):
 * - organization.path / depth: the materialised path "/root/…/self/", recomputed for a moved subtree,
 *   with cycles refused; a text_pattern_ops index makes "subtree of X" one indexed LIKE.
 * - department.branch_id: the branch of the current primary BranchDepartment row.
 * - development events cannot break the calendar: no application before 18, no admission-era
 *   step before the person joined, no event after a person's conversion that predates it.
 */
export class Migration20261123031000 extends Migration {
  override name = 'Migration20261123031000';

  override up(): void {
    this.addSql(`create index "organization_path_pattern_index" on "organization" ("path" text_pattern_ops);`);
    this.addSql(`
create function hub_organization_path() returns trigger language plpgsql as $$
declare parent_path text; parent_depth smallint;
begin
  if new.parent_id is null then
    new.path := '/' || new.id || '/'; new.depth := 0;
  else
    select path, depth into parent_path, parent_depth from organization where id = new.parent_id;
    if parent_path is null then
      raise exception 'parent organization % does not exist', new.parent_id using errcode = '23503';
    end if;
    if tg_op = 'UPDATE' and parent_path like old.path || '%' then
      raise exception 'organization % cannot be moved under its own subtree', new.id using errcode = '23514';
    end if;
    new.path := parent_path || new.id || '/'; new.depth := parent_depth + 1;
  end if;
  return new;
end $$;`);
    this.addSql(`create trigger organization_path_before before insert or update of parent_id on organization for each row execute function hub_organization_path();`);
    this.addSql(`
create function hub_organization_move_subtree() returns trigger language plpgsql as $$
begin
  if new.path <> old.path then
    update organization
       set path = new.path || substr(path, length(old.path) + 1),
           depth = depth + (new.depth - old.depth)
     where path like old.path || '%' and id <> new.id;
  end if;
  return null;
end $$;`);
    this.addSql(`create trigger organization_path_after after update of parent_id on organization for each row when (old.parent_id is distinct from new.parent_id) execute function hub_organization_move_subtree();`);

    this.addSql(`
create function hub_department_branch() returns trigger language plpgsql as $$
declare dept int := coalesce(new.department_id, old.department_id);
begin
  update department d set branch_id = (
    select bd.branch_id from branch_department bd
     where bd.department_id = dept and bd.is_primary and bd.valid_to is null
     order by bd.valid_from desc, bd.id desc limit 1)
   where d.id = dept;
  if tg_op = 'UPDATE' and old.department_id <> new.department_id then
    update department d set branch_id = (
      select bd.branch_id from branch_department bd
       where bd.department_id = old.department_id and bd.is_primary and bd.valid_to is null
       order by bd.valid_from desc, bd.id desc limit 1)
     where d.id = old.department_id;
  end if;
  return null;
end $$;`);
    this.addSql(`create trigger branch_department_sync after insert or update or delete on branch_department for each row execute function hub_department_branch();`);

    this.addSql(`
create function hub_check_development_event() returns trigger language plpgsql as $$
declare m record;
begin
  select birth_date, joined_on into m from member where id = new.member_id;
  if new.stage = 'application_submitted' and m.birth_date is not null
     and new.event_date < m.birth_date + interval '18 years' then
    raise exception 'development event % on % predates the age of 18', new.stage, new.event_date
      using errcode = '23514', constraint = 'development_event_after_18';
  end if;
  if new.stage in ('oath_taken', 'conversion_requested', 'branch_vote_convert', 'conversion_approved',
                   'probation_extended', 'probation_cancelled')
     and (m.joined_on is null or new.event_date < m.joined_on) then
    raise exception 'development event % on % predates joining (%)', new.stage, new.event_date, m.joined_on
      using errcode = '23514', constraint = 'development_event_after_joining';
  end if;
  return new;
end $$;`);
    this.addSql(`create trigger development_event_check before insert or update on development_event for each row execute function hub_check_development_event();`);
  }

  override down(): void {
    this.addSql(`drop trigger if exists development_event_check on development_event;`);
    this.addSql(`drop function if exists hub_check_development_event();`);
    this.addSql(`drop trigger if exists branch_department_sync on branch_department;`);
    this.addSql(`drop function if exists hub_department_branch();`);
    this.addSql(`drop trigger if exists organization_path_after on organization;`);
    this.addSql(`drop function if exists hub_organization_move_subtree();`);
    this.addSql(`drop trigger if exists organization_path_before on organization;`);
    this.addSql(`drop function if exists hub_organization_path();`);
    this.addSql(`drop index if exists "organization_path_pattern_index";`);
  }
}
