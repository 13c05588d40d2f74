import { Migration } from '@mikro-orm/migrations';

/** The progress of a per-hospital rebuild of the cells (`indicators:rebuild --hospital all`), so it resumes. */
export class Migration20261206153000 extends Migration {
  override name = 'Migration20261206153000';

  override async up(): Promise<void> {
    this.addSql(
      `create table "indicator_rebuild_progress" ("hospital_id" int not null, "cells" int not null, "ms" int not null, "rebuilt_at" timestamptz not null default now(), constraint "indicator_rebuild_progress_pkey" primary key ("hospital_id"));`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "indicator_rebuild_progress";`);
  }
}
