import { Migration } from '@mikro-orm/migrations';

/**
 * indicator_cell_delta: the cells' changes above the hospitals, appended by writes and moved into
 * indicator_cell by the folder (indicators/fold.ts). Empty when created: the cells were exact up to the root
 * until now, so nothing is pending.
 */
export class Migration20261206173500 extends Migration {
  override name = 'Migration20261206173500';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "indicator_cell_delta" ("hospital_id" int not null, "id" bigserial, "indicator_id" varchar(64) not null, "org_id" int not null, "period" varchar(12) not null, "numerator" numeric(18,4) not null, "denominator" numeric(18,4) not null, "created_at" timestamptz not null default now(), constraint "indicator_cell_delta_pkey" primary key ("hospital_id", "id"));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "indicator_cell_delta";`);
  }
}
