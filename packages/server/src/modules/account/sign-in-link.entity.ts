import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Account } from './account.entity.js';

/**
 * A one-time sign-in link (sign-in-links.ts): printed by the hub at start for the demo accounts of the
 * embedded database, opened from this machine only, once, before it expires. Stored as the SHA-256 of the
 * link's token, as sessions are. A wall display's link (display-links.ts) carries the display's name, days and
 * page, and is opened from any address; an ordinary link has none of them.
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

  /** A display link's name for its screen (三楼会议室); null: an ordinary sign-in link. */
  @Property({ type: 'string', length: 100, nullable: true })
  displayName?: string | null;

  /** Days the display's token lasts (1–90). */
  @Property({ type: 'integer', nullable: true })
  displayDays?: number | null;

  /** The hub's page the display opens (`/?kiosk=1`). */
  @Property({ type: 'string', length: 200, nullable: true })
  displayPath?: string | null;
}
