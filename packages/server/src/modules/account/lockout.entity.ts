import { Check, Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** What a sign-in failure is counted against: the account name typed (known or not) and the client's address. */
export type LockScope = 'account' | 'address';

/**
 * One sign-in attempt that has not succeeded (lockout.ts): recorded before the password is checked and
 * removed when it turns out right, so concurrent guesses count too. In PostgreSQL, so every instance counts
 * the same attempts.
 */
@Entity({ tableName: 'sign_in_failure' })
@Index({ properties: ['scope', 'key', 'at'] })
@Check({ name: 'sign_in_failure_scope', expression: "scope in ('account', 'address')" })
export class SignInFailure {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'string', length: 8 })
  scope!: LockScope;

  /** The lower-cased account name, or the address. */
  @Property({ type: 'string', length: 100 })
  key!: string;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  at: Date = new Date();
}

/** An account name or an address that may not try to sign in until `lockedUntil`. */
@Entity({ tableName: 'sign_in_lock' })
@Check({ name: 'sign_in_lock_scope', expression: "scope in ('account', 'address')" })
export class SignInLock {
  @PrimaryKey({ type: 'string', length: 8 })
  scope!: LockScope;

  @PrimaryKey({ type: 'string', length: 100 })
  key!: string;

  @Property({ type: 'datetime' })
  lockedUntil!: Date;
}
