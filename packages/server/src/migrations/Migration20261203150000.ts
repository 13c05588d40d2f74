import { Migration } from '@mikro-orm/migrations';

/**
 * The organisation tree's dated history (modules/organization/organization.writes.ts): a restructure on a date
 * dissolves the old organisation and founds its successor, and `organization_succession` says which succeeded
 * which, when and how (move, merge, split). A department may close on a date (`department.closed_on`).
 */
export class Migration20261203150000 extends Migration {
  override name = 'Migration20261203150000';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "organization_succession" ("id" serial primary key, "predecessor_id" int not null, "successor_id" int not null, "effective_on" date not null, "kind" text not null, "created_at" timestamptz not null default now());`,
    );
    this.addSql(`create index "organization_succession_successor_id_index" on "organization_succession" ("successor_id");`);
    this.addSql(
      `alter table "organization_succession" add constraint "organization_succession_predecessor_id_successor_id_unique" unique ("predecessor_id", "successor_id");`,
    );
    this.addSql(`alter table "department" add "closed_on" date null;`);
    this.addSql(
      `alter table "organization_succession" add constraint "organization_succession_predecessor_id_foreign" foreign key ("predecessor_id") references "organization" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "organization_succession" add constraint "organization_succession_successor_id_foreign" foreign key ("successor_id") references "organization" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "organization_succession" add constraint "organization_succession_kind_check" check ("kind" in ('move', 'merge', 'split'));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "organization_succession" cascade;`);
    this.addSql(`alter table "department" drop column "closed_on";`);
  }
}
