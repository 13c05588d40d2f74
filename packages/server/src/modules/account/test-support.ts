/** Shared by the account module's tests: a request's sign-in state without HTTP, and an account to sign in to. */
import type pg from 'pg';
import { DEFAULT_AUTH, type AuthSettings } from '../../config.js';
import type { RequestAuth } from '../../context.js';
import { AccountRole } from '../../domain/enums.js';
import { createAccount } from './account.writes.js';

/** A request from `address`, its cookies recorded (a token, or null for a cleared cookie). */
export function fakeAuth(address: string, settings: AuthSettings = DEFAULT_AUTH): RequestAuth & { cookies: (string | null)[] } {
  const cookies: (string | null)[] = [];
  return { account: null, address, userAgent: 'vitest', settings, cookies, setCookie: (token) => void cookies.push(token) };
}

export const PASSWORD = 'Zhibu-Shuji-2026';

/** An account (an analyst by default, reaching the whole tree; an admin reaches nothing) with PASSWORD, its row id. */
export const makeAccount = (pool: pg.Pool, username: string, role = AccountRole.ANALYST) =>
  createAccount(pool, { username, role, password: PASSWORD, scope: role === AccountRole.ADMIN ? [] : [null] }, 'test');
