/**
 * Whether the database has an administrator: until it has, the hub answers nothing but auth/no_admin (no
 * account there could be managed, and none may have a password somebody else set and knows). Asked on
 * each request until the answer is yes, then never again (an administrator is not removed while the hub
 * runs without another being made first).
 */
import type pg from 'pg';
import { AccountRole } from '../../domain/enums.js';

export class AdminCheck {
  #exists = false;

  constructor(private readonly pool: pg.Pool) {}

  async exists(): Promise<boolean> {
    if (this.#exists) return true;
    const { rows } = await this.pool.query<{ found: boolean }>(
      `select exists (select 1 from account where role = $1 and not disabled) as found`,
      [AccountRole.ADMIN],
    );
    this.#exists = rows[0].found;
    return this.#exists;
  }
}
