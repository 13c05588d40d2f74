import { Migration } from '@mikro-orm/migrations';

/**
 * Two checks restated so that the schema MikroORM reads back equals what the entities declare (an
 * empty diff: `migration-create` proposes nothing on an up-to-date database). Same rules as before:
 * MikroORM 7.2 reads `(0)::double precision` back as `0 precision` and `::timestamp with time zone`
 * as `with time zone`, so checks whose stored form has a multi-word cast can never compare equal.
 * - attendance_hours: hours compared as numeric (no cast to double precision in the stored form);
 * - department_metric_month: "the first of a month" as `extract(day from month) = 1`.
 */
export class Migration20261124040000 extends Migration {
  override name = 'Migration20261124040000';

  override up(): void {
    this.addSql(`alter table "attendance" drop constraint "attendance_hours";`);
    this.addSql(
      `alter table "attendance" add constraint "attendance_hours" check (hours is null or (hours::numeric >= 0 and hours::numeric <= 24));`,
    );
    this.addSql(`alter table "department_metric" drop constraint "department_metric_month";`);
    this.addSql(`alter table "department_metric" add constraint "department_metric_month" check (extract(day from month) = 1);`);
  }

  override down(): void {
    this.addSql(`alter table "attendance" drop constraint "attendance_hours";`);
    this.addSql(`alter table "attendance" add constraint "attendance_hours" check (hours is null or (hours >= 0 and hours <= 24));`);
    this.addSql(`alter table "department_metric" drop constraint "department_metric_month";`);
    this.addSql(`alter table "department_metric" add constraint "department_metric_month" check (month = date_trunc('month', month)::date);`);
  }
}
