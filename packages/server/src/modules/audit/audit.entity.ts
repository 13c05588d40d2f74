/**
 * The audit log (Migration20261202230000 keeps its rules in PostgreSQL, whoever writes):
 * - audit_log: who did what, when, with the row before and after; append-only (a trigger refuses UPDATE,
 *   DELETE and TRUNCATE; only `hub_audit_purge` removes the oldest rows) and hash-chained (a BEFORE INSERT
 *   trigger gives each row the previous row's hash and its own, in id order).
 * - audit_chain: one row, the chain's head (the newest row's id and hash, locked by every insert so
 *   concurrent inserts chain in one order) and its anchor (the last purged row's id and hash, where the
 *   remaining chain starts). `pnpm audit:verify` (chain.ts) recomputes the chain against both.
 * - idempotency_key: a write's idempotency key, its request's hash and its answer (indicators/writes.ts).
 * audit_log is partitioned by UTC month on `at` (Migration20261206143200; db/partitions.ts keeps the months
 * ahead): the primary key carries `at`, as PostgreSQL requires of a partitioned table's unique keys, which
 * is why the idempotency keys, unique on their own, left it for a table of their own.
 * Not GraphQL types.
 */
import { Check, Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { monthPartitions } from '../../db/partitions.js';

@Entity({
  tableName: 'audit_log',
  partitionBy: {
    type: 'range',
    expression: 'at',
    // A getter, as survey_response's: read when a schema diff is computed.
    get partitions() {
      return monthPartitions('audit_log');
    },
  },
  // Migration20261202230000's functions; declared here so the schema diff keeps them. Its statement-level
  // TRUNCATE trigger (audit_log_no_truncate) is not listed: information_schema shows no TRUNCATE triggers,
  // so the diff neither sees nor drops it.
  triggers: [
    {
      name: 'audit_log_chain',
      timing: 'before',
      events: ['insert'],
      expression: 'create trigger audit_log_chain before insert on audit_log for each row execute function hub_audit_chain()',
    },
    {
      name: 'audit_log_append_only',
      timing: 'before',
      events: ['update', 'delete'],
      expression:
        'create trigger audit_log_append_only before update or delete on audit_log for each row execute function hub_audit_append_only()',
    },
  ],
})
@Index({ properties: ['entity', 'entityId'] })
export class AuditLog {
  /** Given under the chain's lock (the trigger), so id order is the chain's order. */
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  /** The partition key (UTC months), hence in the primary key; `id` alone is unique by its sequence. */
  @PrimaryKey({ type: 'datetime', defaultRaw: 'now()' })
  at: Date = new Date();

  @Property({ type: 'string', length: 100 })
  actor!: string;

  @Property({ type: 'string', length: 64 })
  action!: string;

  @Property({ type: 'string', length: 64 })
  entity!: string;

  @Property({ type: 'integer', nullable: true })
  entityId?: number | null;

  @Property({ type: 'json', nullable: true })
  before?: unknown;

  @Property({ type: 'json', nullable: true })
  after?: unknown;

  /** The client's address of the request that left the row (writes, refusals, personal reads); null for the command line's. */
  @Property({ type: 'string', length: 64, nullable: true })
  address?: string | null;

  /** That request's id (its `x-request-id` response header). */
  @Property({ type: 'string', length: 64, nullable: true })
  requestId?: string | null;

  /**
   * Written by no one since Migration20261206143100 moved the idempotency keys to idempotency_key; kept
   * because the rows written before carry them and their hashes cover them (hub_audit_canonical: the row's
   * columns, nulls left out, so the newer rows' form does not include them).
   */
  @Property({ type: 'string', length: 100, nullable: true })
  idempotencyKey?: string | null;

  @Property({ type: 'string', length: 64, nullable: true })
  requestHash?: string | null;

  @Property({ type: 'json', nullable: true })
  result?: unknown;

  /** The previous row's `hash` (the anchor's after a purge, GENESIS for the first row ever): set by the trigger. */
  @Property({ type: 'string', length: 64 })
  prevHash!: string;

  /** SHA-256 (hex) of the row's canonical form, `prev_hash` included (hub_audit_canonical): set by the trigger. */
  @Property({ type: 'string', length: 64 })
  hash!: string;
}

@Entity({ tableName: 'audit_chain' })
@Check({ name: 'audit_chain_single', expression: 'id = 1' })
export class AuditChain {
  @PrimaryKey({ type: 'smallint', autoincrement: false })
  id!: number;

  /** The newest row's id and hash (0 and the anchor's hash while the log is empty). */
  @Property({ type: 'bigint' })
  headId!: string;

  @Property({ type: 'string', length: 64 })
  headHash!: string;

  /** The last purged row's id and hash (0 and GENESIS before any purge): the first remaining row follows it. */
  @Property({ type: 'bigint' })
  anchorId!: string;

  @Property({ type: 'string', length: 64 })
  anchorHash!: string;

  /** When the last purge ran. */
  @Property({ type: 'datetime', nullable: true })
  purgedAt?: Date | null;
}

/**
 * A write's idempotency key (indicators/writes.ts: `idempotent`), written in the write's transaction: a retry
 * with the same key and request gets `result` back and changes nothing; the same key with another request is
 * refused; of two at once the primary key lets one through. Purged with the audit rows of its time
 * (hub_audit_purge: keys older than the cut-off).
 */
@Entity({ tableName: 'idempotency_key' })
export class IdempotencyKey {
  @PrimaryKey({ type: 'string', length: 100 })
  key!: string;

  /** A hash of the request the key was first used with. */
  @Property({ type: 'string', length: 64 })
  requestHash!: string;

  /** What the write answered, for a retry with the same key. */
  @Property({ type: 'json', nullable: true })
  result?: unknown;

  /** The write's first audit row (audit_log's id; no foreign key: its key carries `at`). */
  @Property({ type: 'bigint', nullable: true })
  auditId?: string | null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  @Index()
  at: Date = new Date();
}

/** The chain's first prev_hash (a fixed value: 64 zeros). */
export const GENESIS = '0'.repeat(64);
