import { Migration } from '@mikro-orm/migrations';

/** Weights of the integration index per organisation (a hospital), replacing the catalog's defaults from a date on. */

export class Migration20261129062000 extends Migration {

  override name = 'Migration20261129062000';

  override up(): void | Promise<void> {
    this.addSql(`create table "integration_weight" ("id" serial primary key, "org_id" int not null, "indicator_id" varchar(64) not null, "effective_from" date not null, "weight" numeric(8,3) not null, "created_at" timestamptz not null default now());`);
    this.addSql(`alter table "integration_weight" add constraint "integration_weight_org_id_indicator_id_effective_from_unique" unique ("org_id", "indicator_id", "effective_from");`);

    this.addSql(`alter table "integration_weight" add constraint "integration_weight_org_id_foreign" foreign key ("org_id") references "organization" ("id") on delete cascade;`);
    this.addSql(`alter table "integration_weight" add constraint "integration_weight_positive" check (weight >= 0);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "integration_weight" cascade;`);
  }

}
