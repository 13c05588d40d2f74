import { Migration } from '@mikro-orm/migrations';

/** Each survey stores its own cutoff for "satisfied" (on its scale), filled for existing surveys from their scale. */
export class Migration20261129061000 extends Migration {
  override name = 'Migration20261129061000';

  override up(): void {
    this.addSql(`alter table "survey" add column "satisfied_from" numeric(6,2) null;`);
    this.addSql(
      `update "survey" set "satisfied_from" = case "scale" when 'percent_satisfied' then 60 when 'likert_5' then 4 else 80 end;`,
    );
    this.addSql(`alter table "survey" alter column "satisfied_from" set not null;`);
  }

  override down(): void {
    this.addSql(`alter table "survey" drop column "satisfied_from";`);
  }
}
