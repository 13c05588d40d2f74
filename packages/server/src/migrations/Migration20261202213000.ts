import { Migration } from '@mikro-orm/migrations';

/** One-time sign-in links (modules/account/sign-in-links.ts): the demo accounts' links printed at start. */
export class Migration20261202213000 extends Migration {

  override name = 'Migration20261202213000';

  override up(): void | Promise<void> {
    this.addSql(`create table "sign_in_link" ("id" varchar(64) not null, "account_id" int not null, "created_at" timestamptz not null default now(), "expires_at" timestamptz not null, "used_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "sign_in_link_account_id_index" on "sign_in_link" ("account_id");`);
    this.addSql(`alter table "sign_in_link" add constraint "sign_in_link_account_id_foreign" foreign key ("account_id") references "account" ("id") on delete cascade;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "sign_in_link" cascade;`);
  }

}
