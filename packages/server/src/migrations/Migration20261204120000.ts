import { Migration } from '@mikro-orm/migrations';

/**
 * Data entry: the reason a person was on leave or absent (`attendance.reason`, none for one present); a
 * person's staff number (`member.staff_no`, 工号), unique in a hospital where given.
 */
export class Migration20261204120000 extends Migration {
  override name = 'Migration20261204120000';

  override up(): void | Promise<void> {
    this.addSql(`alter table "attendance" add "reason" varchar(200) null;`);
    this.addSql(`alter table "attendance" add constraint "attendance_reason" check (reason is null or status <> 'present');`);
    this.addSql(`alter table "member" add "staff_no" varchar(32) null;`);
    this.addSql(
      `create unique index "member_hospital_staff_no_unique" on "member" ("hospital_id", "staff_no") where staff_no is not null;`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "member_hospital_staff_no_unique";`);
    this.addSql(`alter table "member" drop column "staff_no";`);
    this.addSql(`alter table "attendance" drop constraint "attendance_reason";`);
    this.addSql(`alter table "attendance" drop column "reason";`);
  }
}
