import { Migration } from '@mikro-orm/migrations';

/**
 * Personal access tokens (modules/account/tokens.ts): read-only bearer tokens for analysts' scripts, stored as
 * the SHA-256 of their secret, each with a name, an expiry and, once revoked, when.
 */
export class Migration20261203100000 extends Migration {

  override name = 'Migration20261203100000';

  override up(): void | Promise<void> {
    this.addSql(`create table "api_token" ("id" serial primary key, "account_id" int not null, "name" varchar(100) not null, "token_hash" varchar(64) not null, "created_at" timestamptz not null default now(), "expires_at" timestamptz not null, "revoked_at" timestamptz null, "last_used_at" timestamptz null);`);
    this.addSql(`create index "api_token_account_id_index" on "api_token" ("account_id");`);
    this.addSql(`alter table "api_token" add constraint "api_token_token_hash_unique" unique ("token_hash");`);
    this.addSql(`alter table "api_token" add constraint "api_token_account_id_foreign" foreign key ("account_id") references "account" ("id") on delete cascade;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "api_token" cascade;`);
  }

}
