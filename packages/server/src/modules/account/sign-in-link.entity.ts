import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Account } from './account.entity.js';

/**
 * A one-time sign-in link (sign-in-links.ts): printed by the hub at start for the demo accounts of the
 * embedded database, opened from this machine only, once, before it expires. Stored as the SHA-256 of the
 * link's token, as sessions are.
 */
@Entity({ tableName: 'sign_in_link' })
export class SignInLink {
  /** SHA-256 of the link's token, in hex. */
  @PrimaryKey({ type: 'string', length: 64 })
  id!: string;

  @ManyToOne(() => Account, { deleteRule: 'cascade' })
  @Index()
  account!: Account;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime' })
  expiresAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  usedAt?: Date | null;
}
