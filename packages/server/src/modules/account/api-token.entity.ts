import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Account } from './account.entity.js';

/**
 * A personal access token (tokens.ts): a script's read-only credential, acting as its account. The secret is
 * shown once, at creation; the row keeps only its SHA-256 (`tokenHash`), so whoever reads this table cannot
 * use a token. It ends at `expiresAt` (1–90 days after creation), when revoked, or when its account can no
 * longer sign in (disabled, a password that must change); a password change revokes it.
 */
@Entity({ tableName: 'api_token' })
export class ApiTokenRecord {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => Account, { deleteRule: 'cascade' })
  @Index()
  account!: Account;

  /** What its owner calls it ("月报脚本"). */
  @Property({ type: 'string', length: 100 })
  name!: string;

  /** SHA-256 of the secret, in hex. */
  @Property({ type: 'string', length: 64 })
  @Unique()
  tokenHash!: string;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime' })
  expiresAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  revokedAt?: Date | null;

  /** Written at most once a minute (token-store.ts), off the request's path. */
  @Property({ type: 'datetime', nullable: true })
  lastUsedAt?: Date | null;
}
