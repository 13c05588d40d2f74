import { Migration } from '@mikro-orm/migrations';

/**
 * Idempotency keys leave audit_log for a table of their own (modules/audit/audit.entity.ts: IdempotencyKey),
 * before audit_log is partitioned by month (Migration20261206143200): a unique key of a partitioned table
 * must include the partition key, and a key must be unique on its own. The keys already stored are copied
 * (a retry of a write made before the upgrade still answers as it did). audit_log keeps its three columns,
 * no longer written: the rows that carry them were hashed with them (hub_audit_canonical), and dropping
 * them would break the chain at each of those rows.
 */
export class Migration20261206143100 extends Migration {
  override name = 'Migration20261206143100';

  override up(): void {
    this.addSql(
      `create table "idempotency_key" ("key" varchar(100) not null, "request_hash" varchar(64) not null, "result" jsonb null, ` +
        `"audit_id" bigint null, "at" timestamptz not null default now(), primary key ("key"));`,
    );
    this.addSql(`create index "idempotency_key_at_index" on "idempotency_key" ("at");`);
    this.addSql(
      `insert into "idempotency_key" ("key", "request_hash", "result", "audit_id", "at") ` +
        `select "idempotency_key", "request_hash", "result", "id", "at" from "audit_log" where "idempotency_key" is not null and "request_hash" is not null;`,
    );
    this.addSql(`alter table "audit_log" drop constraint "audit_log_idempotency_key_unique";`);
  }

  override down(): void {
    // The keys written since stay in idempotency_key's place only: audit_log's rows are append-only (and hashed).
    this.addSql(`alter table "audit_log" add constraint "audit_log_idempotency_key_unique" unique ("idempotency_key");`);
    this.addSql(`drop table "idempotency_key";`);
  }
}
