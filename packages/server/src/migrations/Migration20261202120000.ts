import { Migration } from '@mikro-orm/migrations';

export class Migration20261202120000 extends Migration {

  override name = 'Migration20261202120000';

  override up(): void | Promise<void> {
    this.addSql(`create table "indicator_report" ("id" serial primary key, "org_id" int not null, "indicator_id" varchar(64) not null, "period" varchar(12) not null, "disclosure" varchar(16) not null, "value" numeric(18,4) null, "numerator" numeric(18,4) null, "denominator" numeric(18,4) null, "source" varchar(500) null, "created_at" timestamptz not null default now());`);
    this.addSql(`alter table "indicator_report" add constraint "indicator_report_org_id_indicator_id_period_unique" unique ("org_id", "indicator_id", "period");`);

    this.addSql(`alter table "indicator_report" add constraint "indicator_report_org_id_foreign" foreign key ("org_id") references "organization" ("id") on delete cascade;`);
    this.addSql(`alter table "indicator_report" add constraint "indicator_report_disclosure" check ((disclosure = 'not_disclosed' and value is null and numerator is null and denominator is null) or (disclosure = 'reported' and value is not null));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "indicator_report" cascade;`);
  }

}
