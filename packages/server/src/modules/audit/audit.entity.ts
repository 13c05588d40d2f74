/**
 * The audit log (Migration20261202230000 keeps its rules in PostgreSQL, whoever writes):
 * - audit_log: who did what, when, with the row before and after; append-only (a trigger refuses UPDATE,
 *   DELETE and TRUNCATE; only `hub_audit_purge` removes the oldest rows) and hash-chained (a BEFORE INSERT
 *   trigger gives each row the previous row's hash and its own, in id order).
 * - audit_chain: one row, the chain's head (the newest row's id and hash, locked by every insert so
 *   concurrent inserts chain in one order) and its anchor (the last purged row's id and hash, where the
 *   remaining chain starts). `pnpm audit:verify` (chain.ts) recomputes the chain against both.
 * Not GraphQL types.
 */
import { Check, Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

@Entity({
  tableName: 'audit_log',
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

  @Property({ type: 'datetime', defaultRaw: 'now()' })
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

  /** The client's idempotency key of the write (on its first audit row): a retry with it gets `result` back. */
  @Property({ type: 'string', length: 100, nullable: true, unique: true })
  idempotencyKey?: string | null;

  /** A hash of the request the key was first used with (the same key with another request is refused). */
  @Property({ type: 'string', length: 64, nullable: true })
  requestHash?: string | null;

  /** What the write answered, for a retry with the same key. */
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

/** The chain's first prev_hash (a fixed value: 64 zeros). */
export const GENESIS = '0'.repeat(64);
