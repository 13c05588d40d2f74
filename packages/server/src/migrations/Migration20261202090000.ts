import { Migration } from '@mikro-orm/migrations';

/** Idempotency keys: a write's key, its request's hash and its answer, kept with its audit entry. */
export class Migration20261202090000 extends Migration {
  override name = 'Migration20261202090000';

  override up(): void | Promise<void> {
    this.addSql(`alter table "audit_log" add "idempotency_key" varchar(100) null, add "request_hash" varchar(64) null, add "result" jsonb null;`);
    this.addSql(`alter table "audit_log" add constraint "audit_log_idempotency_key_unique" unique ("idempotency_key");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "audit_log" drop constraint "audit_log_idempotency_key_unique";`);
    this.addSql(`alter table "audit_log" drop column "idempotency_key", drop column "request_hash", drop column "result";`);
  }
}
