import { Migration } from '@mikro-orm/migrations';

/** The indicator engine: rollup cells, targets by effective date, the cells' month range, the audit log. */

export class Migration20261129043529 extends Migration {

  override name = 'Migration20261129043529';

  override up(): void | Promise<void> {
    this.addSql(`create table "audit_log" ("id" bigserial primary key, "at" timestamptz not null default now(), "actor" varchar(100) not null, "action" varchar(64) not null, "entity" varchar(64) not null, "entity_id" int null, "before" jsonb null, "after" jsonb null);`);
    this.addSql(`create index "audit_log_entity_entity_id_index" on "audit_log" ("entity", "entity_id");`);

    this.addSql(`create table "indicator_range" ("id" smallint not null default 1, "first_month" date not null, "last_month" date not null, "built_at" timestamptz not null default now(), primary key ("id"));`);

    this.addSql(`create table "indicator_target" ("id" serial primary key, "org_id" int not null, "indicator_id" varchar(64) not null, "effective_from" date not null, "target" numeric(18,4) null, "warning" numeric(18,4) null, "created_at" timestamptz not null default now());`);
    this.addSql(`alter table "indicator_target" add constraint "indicator_target_org_id_indicator_id_effective_from_unique" unique ("org_id", "indicator_id", "effective_from");`);

    this.addSql(`create table "indicator_cell" ("org_id" int not null, "period" varchar(12) not null, "indicator_id" varchar(64) not null, "numerator" numeric(18,4) not null default 0, "denominator" numeric(18,4) not null default 0, primary key ("org_id", "period", "indicator_id"));`);
    this.addSql(`create index "indicator_cell_indicator_id_period_index" on "indicator_cell" ("indicator_id", "period");`);

    this.addSql(`alter table "indicator_range" add constraint "indicator_range_single" check (id = 1);`);

    this.addSql(`alter table "indicator_target" add constraint "indicator_target_org_id_foreign" foreign key ("org_id") references "organization" ("id") on delete cascade;`);

    this.addSql(`alter table "indicator_cell" add constraint "indicator_cell_org_id_foreign" foreign key ("org_id") references "organization" ("id") on delete cascade;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "audit_log" cascade;`);
    this.addSql(`drop table if exists "indicator_range" cascade;`);
    this.addSql(`drop table if exists "indicator_target" cascade;`);
    this.addSql(`drop table if exists "indicator_cell" cascade;`);
  }

}
