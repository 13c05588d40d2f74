import { Check, Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Account } from '../account.entity.js';

/** The identity providers an account can be linked to (sso/identities.ts). */
export type Provider = 'oidc' | 'cas' | 'ldap';

export const PROVIDERS: readonly Provider[] = ['oidc', 'cas', 'ldap'];

/**
 * An external identity linked to an account by an administrator (`pnpm user:link`): who the identity
 * provider says signed in (`subject`: OIDC's `sub` claim or the configured one, CAS's user, LDAP's DN or
 * the configured attribute) opens this account. Nothing else comes from the provider: role and scope are
 * the account's.
 */
@Entity({ tableName: 'account_identity' })
@Check({ name: 'account_identity_provider', expression: "provider in ('oidc', 'cas', 'ldap')" })
export class AccountIdentity {
  @PrimaryKey({ type: 'text' })
  provider!: Provider;

  @PrimaryKey({ type: 'text' })
  subject!: string;

  @ManyToOne(() => Account, { deleteRule: 'cascade' })
  @Index()
  account!: Account;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}
