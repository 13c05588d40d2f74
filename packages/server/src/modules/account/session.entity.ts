import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Account } from './account.entity.js';

/**
 * A signed-in browser (sessions.ts). The cookie carries 32 random bytes; the row's id is their SHA-256, so
 * whoever reads this table cannot use a session. A row ends at `expiresAt` (absolute), after the idle
 * timeout without a request (`lastSeenAt`), or when revoked (sign-out, a password change elsewhere).
 */
@Entity({ tableName: 'account_session' })
export class AccountSession {
  /** SHA-256 of the cookie's token, in hex. */
  @PrimaryKey({ type: 'string', length: 64 })
  id!: string;

  @ManyToOne(() => Account, { deleteRule: 'cascade' })
  @Index()
  account!: Account;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  lastSeenAt: Date = new Date();

  @Property({ type: 'datetime' })
  expiresAt!: Date;

  /** The client's address at sign-in. */
  @Property({ type: 'string', length: 64 })
  address!: string;

  @Property({ type: 'string', length: 300, nullable: true })
  userAgent?: string | null;

  @Property({ type: 'datetime', nullable: true })
  revokedAt?: Date | null;

  /** The identity provider that signed it in (sso/), or null: the local password. */
  @Property({ type: 'text', nullable: true })
  provider?: string | null;
}
