import { Migration } from '@mikro-orm/migrations';

export class Migration20261129083710 extends Migration {

  override name = 'Migration20261129083710';

  override up(): void | Promise<void> {
    this.addSql(`create table "indicator_definition" ("indicator_id" varchar(64) not null, "sql_hash" varchar(64) not null, "built_at" timestamptz not null default now(), primary key ("indicator_id"));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "indicator_definition" cascade;`);
  }

}
