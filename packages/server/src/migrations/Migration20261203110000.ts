import { Migration } from '@mikro-orm/migrations';

/** The audit grant (审计管理员): an account flag given and taken only from the command line (`pnpm user:grant --audit`). */
export class Migration20261203110000 extends Migration {

  override name = 'Migration20261203110000';

  override up(): void | Promise<void> {
    this.addSql(`alter table "account" add column "audit_reader" boolean not null default false;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "account" drop column "audit_reader";`);
  }

}
