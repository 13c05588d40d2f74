import { Migration } from '@mikro-orm/migrations';

/**
 * Single sign-on (modules/account/sso): external identities linked to accounts (account_identity), and the
 * browsers' sign-ins under way with an identity provider (sso_flow: state, PKCE verifier, nonce; used once), and which provider signed a session in.
 */
export class Migration20261203120000 extends Migration {
  override name = 'Migration20261203120000';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "account_identity" ("provider" text not null, "subject" text not null, "account_id" int not null, "created_at" timestamptz not null default now(), primary key ("provider", "subject"));`,
    );
    this.addSql(`create index "account_identity_account_id_index" on "account_identity" ("account_id");`);
    this.addSql(
      `create table "sso_flow" ("id" varchar(64) not null, "provider" text not null, "browser" varchar(64) not null, "address" varchar(64) not null, "next" text null, "verifier" text null, "nonce" text null, "created_at" timestamptz not null default now(), "expires_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`create index "sso_flow_address_index" on "sso_flow" ("address");`);
    this.addSql(`create index "sso_flow_expires_at_index" on "sso_flow" ("expires_at");`);
    this.addSql(
      `alter table "account_identity" add constraint "account_identity_account_id_foreign" foreign key ("account_id") references "account" ("id") on delete cascade;`,
    );
    this.addSql(`alter table "account_identity" add constraint "account_identity_provider" check (provider in ('oidc', 'cas', 'ldap'));`);
    this.addSql(`alter table "account_session" add "provider" text null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "account_identity" cascade;`);
    this.addSql(`drop table if exists "sso_flow" cascade;`);
    this.addSql(`alter table "account_session" drop column "provider";`);
  }
}
