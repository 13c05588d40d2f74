import { Migration } from '@mikro-orm/migrations';

/**
 * Data entry: the reason a person was on leave or absent (`attendance.reason`, none for one present).
 */
export class Migration20261204120000 extends Migration {
  override name = 'Migration20261204120000';

  override up(): void | Promise<void> {
    this.addSql(`alter table "attendance" add "reason" varchar(200) null;`);
    this.addSql(`alter table "attendance" add constraint "attendance_reason" check (reason is null or status <> 'present');`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "attendance" drop constraint "attendance_reason";`);
    this.addSql(`alter table "attendance" drop column "reason";`);
  }
}
