import { Migration } from '@mikro-orm/migrations';

/**
 * Sign-in (modules/account): accounts (a username unique whatever its case, a role, an Argon2id hash), their
 * sessions (the id is the SHA-256 of the cookie's token), and the failed sign-ins and locks every instance
 * counts alike.
 */
export class Migration20261202165340 extends Migration {

  override name = 'Migration20261202165340';

  override up(): void | Promise<void> {
    this.addSql(`create table "account" ("id" serial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "username" varchar(64) not null, "display_name" varchar(100) not null, "role" text not null, "password_hash" varchar(200) not null, "password_set_at" timestamptz not null default now(), "must_change_password" boolean not null default true, "disabled" boolean not null default false);`);
    this.addSql(`create unique index "account_username_lower_unique" on "account" (lower("username"));`);

    this.addSql(`create table "account_session" ("id" varchar(64) not null, "account_id" int not null, "created_at" timestamptz not null default now(), "last_seen_at" timestamptz not null default now(), "expires_at" timestamptz not null, "address" varchar(64) not null, "user_agent" varchar(300) null, "revoked_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "account_session_account_id_index" on "account_session" ("account_id");`);

    this.addSql(`create table "sign_in_failure" ("id" bigserial primary key, "scope" varchar(8) not null, "key" varchar(100) not null, "at" timestamptz not null default now());`);
    this.addSql(`create index "sign_in_failure_scope_key_at_index" on "sign_in_failure" ("scope", "key", "at");`);

    this.addSql(`create table "sign_in_lock" ("scope" varchar(8) not null, "key" varchar(100) not null, "locked_until" timestamptz not null, primary key ("scope", "key"));`);

    this.addSql(`alter table "account" add constraint "account_role_check" check ("role" in ('committee', 'secretary', 'analyst', 'admin'));`);

    this.addSql(`alter table "account_session" add constraint "account_session_account_id_foreign" foreign key ("account_id") references "account" ("id") on delete cascade;`);

    this.addSql(`alter table "sign_in_failure" add constraint "sign_in_failure_scope" check (scope in ('account', 'address'));`);

    this.addSql(`alter table "sign_in_lock" add constraint "sign_in_lock_scope" check (scope in ('account', 'address'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "account_session" drop constraint "account_session_account_id_foreign";`);

    this.addSql(`drop table if exists "account" cascade;`);
    this.addSql(`drop table if exists "account_session" cascade;`);
    this.addSql(`drop table if exists "sign_in_failure" cascade;`);
    this.addSql(`drop table if exists "sign_in_lock" cascade;`);
  }

}
