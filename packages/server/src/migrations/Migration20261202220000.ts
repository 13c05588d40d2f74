import { Migration } from '@mikro-orm/migrations';

/** Accounts' scope roots (modules/account/account-scope.entity.ts): an organisation's subtree, or (none) the whole tree, for a term. */
export class Migration20261202220000 extends Migration {

  override name = 'Migration20261202220000';

  override up(): void | Promise<void> {
    this.addSql(`create table "account_scope" ("id" serial primary key, "account_id" int not null, "organization_id" int null, "starts_on" date not null default current_date, "ends_on" date null);`);
    this.addSql(`create index "account_scope_account_id_index" on "account_scope" ("account_id");`);
    this.addSql(`alter table "account_scope" add constraint "account_scope_account_id_foreign" foreign key ("account_id") references "account" ("id") on delete cascade;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "account_scope" cascade;`);
  }

}
