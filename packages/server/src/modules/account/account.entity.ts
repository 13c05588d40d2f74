import { Entity, Enum, Index, Property } from '@mikro-orm/decorators/legacy';
import { AccountRole } from '../../domain/enums.js';
import { TimestampedEntity } from '../../graphql/base.entity.js';

/**
 * A person who signs in to the hub. The username is unique whatever its case (`Admin` and `admin` are one
 * account: the expression index below, declared here so the schema diff keeps it). No GraphQL type: what a
 * client sees of an account is `AccountView` (account.types.ts), never the password hash.
 */
@Entity({ tableName: 'account' })
@Index({
  name: 'account_username_lower_unique',
  expression: 'create unique index "account_username_lower_unique" on "account" (lower("username"))',
})
export class Account extends TimestampedEntity {
  @Property({ type: 'string', length: 64 })
  username!: string;

  @Property({ type: 'string', length: 100 })
  displayName!: string;

  /** What the account may do (modules/account/gate.ts), within its scope (account-scope.entity.ts). */
  @Enum({ items: () => AccountRole })
  role!: AccountRole;

  /** Argon2id in the PHC string format (password.ts). */
  @Property({ type: 'string', length: 200 })
  passwordHash!: string;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  passwordSetAt: Date = new Date();

  /** Set when an admin set the password: the account must choose its own at its first sign-in. */
  @Property({ type: 'boolean', default: true })
  mustChangePassword: boolean = true;

  @Property({ type: 'boolean', default: false })
  disabled: boolean = false;

  /**
   * The audit grant (审计管理员): reads the audit log (`auditLog`, /admin/audit.csv), whatever the role. Given and
   * taken only from the command line (`pnpm user:grant --audit`), never through GraphQL: no administrator grants it
   * to themself.
   */
  @Property({ type: 'boolean', default: false })
  auditReader: boolean = false;
}
