import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Account } from './account.entity.js';

/**
 * A root of what an account reaches (scope.ts): an organisation and its whole subtree, from one day to
 * another (a branch secretary's term ends; the row stays, for the record). No organisation: the whole
 * tree, set only on purpose (`pnpm user:create --scope all`), for a body above every hospital.
 */
@Entity({ tableName: 'account_scope' })
export class AccountScope {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => Account, { deleteRule: 'cascade' })
  @Index()
  account!: Account;

  /**
   * The root organisation's id; null: the whole tree. A plain column, no foreign key: reloading the demo data
   * (`pnpm seed --reset`, which keeps accounts) must not empty the scopes with the organisations.
   */
  @Property({ type: 'integer', nullable: true })
  organizationId?: number | null;

  @Property({ type: 'date', defaultRaw: 'current_date' })
  startsOn!: string;

  @Property({ type: 'date', nullable: true })
  endsOn?: string | null;
}
