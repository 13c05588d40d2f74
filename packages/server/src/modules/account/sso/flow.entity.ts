import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * A browser's sign-in with an identity provider, between `/auth/<provider>/start` and its callback
 * (sso/flows.ts): found by the SHA-256 of its `state`, bound to the browser by the SHA-256 of a short-lived
 * cookie, used once (deleted by the callback), gone after `expiresAt`.
 */
@Entity({ tableName: 'sso_flow' })
export class SsoFlow {
  /** SHA-256 of the flow's state, in hex. */
  @PrimaryKey({ type: 'string', length: 64 })
  id!: string;

  @Property({ type: 'text' })
  provider!: string;

  /** SHA-256 of the browser's flow cookie, in hex. */
  @Property({ type: 'string', length: 64 })
  browser!: string;

  /** The address that started it (live flows per address are capped: flows.ts). */
  @Property({ type: 'string', length: 64 })
  @Index()
  address!: string;

  /** The dashboard path to land on after signing in (a same-origin path, checked: flows.ts). */
  @Property({ type: 'text', nullable: true })
  next?: string | null;

  /** OIDC's PKCE code verifier. */
  @Property({ type: 'text', nullable: true })
  verifier?: string | null;

  /** OIDC's nonce. */
  @Property({ type: 'text', nullable: true })
  nonce?: string | null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime' })
  @Index()
  expiresAt!: Date;
}
