import { Migration } from '@mikro-orm/migrations';

/**
 * Dated membership (modules/member/membership.entity.ts): a person's stints in organisations, which the
 * indicators read for "a member of organisation X at a period's end", so a transfer (组织关系转接) or an end
 * of membership on a date moves the counts only from that date on.
 *
 * Back-filled so that every figure stays exactly as it was: each person whose membership is active today
 * gets one open stint in their current organisation with no start date (the indicators still count a member
 * from joining on, member.joined_on); a person whose membership is not active gets none (they counted in no
 * period before, and count in none now).
 *
 * The triggers keep the stints following every change of a person that is not one of the dated writes (the
 * import, a fixture, a seed's COPY), as before this table: a person inserted active gets an open stint with
 * no start date; a change of organisation moves the open stint (its whole length, undated); a membership
 * made inactive without a date drops the open stint; made active again, a new open stint starts where the
 * last one ended. The dated writes (member.writes.ts) change the stints first, so the trigger finds nothing
 * to do after them.
 */
const MEMBERSHIP_FOLLOWS = `
create function hub_membership_follow() returns trigger language plpgsql as $$
begin
  delete from membership ms using new_rows n
   where ms.member_id = n.id and ms.to_on is null and n.membership_status <> 'active';
  update membership ms set organization_id = n.organization_id, updated_at = now() from new_rows n
   where ms.member_id = n.id and ms.to_on is null and n.membership_status = 'active' and ms.organization_id <> n.organization_id;
  insert into membership (member_id, organization_id, from_on, to_on, kind)
  select n.id, n.organization_id, (select max(x.to_on) from membership x where x.member_id = n.id), null, 'recorded'
    from new_rows n
   where n.membership_status = 'active' and not exists (select 1 from membership x where x.member_id = n.id and x.to_on is null);
  return null;
end $$;`;

const MEMBERSHIP_TRIGGERS = {
  insert: 'create trigger member_membership_insert after insert on member referencing new table as new_rows for each statement execute function hub_membership_follow()',
  update: 'create trigger member_membership_update after update on member referencing new table as new_rows for each statement execute function hub_membership_follow()',
};

export class Migration20261203140000 extends Migration {
  override name = 'Migration20261203140000';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "membership" ("id" serial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "member_id" int not null, "organization_id" int not null, "from_on" date null, "to_on" date null, "kind" text not null, "ended_as" text null, "reason" varchar(500) null);`,
    );
    this.addSql(`create index "membership_organization_id_index" on "membership" ("organization_id");`);
    this.addSql(`create index "membership_member_id_from_on_index" on "membership" ("member_id", "from_on");`);
    this.addSql(
      `alter table "membership" add constraint "membership_member_id_foreign" foreign key ("member_id") references "member" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "membership" add constraint "membership_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on delete restrict;`,
    );
    this.addSql(`alter table "membership" add constraint "membership_dates" check (to_on is null or from_on is null or to_on >= from_on);`);
    this.addSql(`alter table "membership" add constraint "membership_kind_check" check ("kind" in ('recorded', 'transferred_in'));`);
    this.addSql(
      `alter table "membership" add constraint "membership_ended_as_check" check ("ended_as" in ('active', 'transferred_out', 'outflow', 'abroad', 'removed', 'deceased'));`,
    );
    this.addSql(
      `insert into membership (member_id, organization_id, from_on, to_on, kind)
       select id, organization_id, null, null, 'recorded' from member where membership_status = 'active' order by id;`,
    );
    this.addSql(MEMBERSHIP_FOLLOWS);
    this.addSql(`${MEMBERSHIP_TRIGGERS.insert};`);
    this.addSql(`${MEMBERSHIP_TRIGGERS.update};`);
    this.addSql(`analyze membership;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop trigger if exists member_membership_update on member;`);
    this.addSql(`drop trigger if exists member_membership_insert on member;`);
    this.addSql(`drop function if exists hub_membership_follow();`);
    this.addSql(`drop table if exists "membership" cascade;`);
  }
}
