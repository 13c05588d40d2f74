import { Migration } from '@mikro-orm/migrations';

/**
 * audit_log: the client's address and the request's id of the row's request (writes, refused operations,
 * personal reads), as columns of their own. Nullable, no default: adding them rewrites nothing, and the rows
 * before keep their hashes (hub_audit_canonical leaves null columns out of a row's form).
 */
export class Migration20261207100000 extends Migration {
  override name = 'Migration20261207100000';

  override up(): void | Promise<void> {
    this.addSql(`alter table "audit_log" add column "address" varchar(64) null, add column "request_id" varchar(64) null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "audit_log" drop column "address", drop column "request_id";`);
  }
}
