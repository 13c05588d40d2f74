/**
 * Lockout: `failures` failed sign-ins within `windowMs` lock the account name, or the client address, for
 * `lockMs` (5 in 15 minutes lock 15 minutes by default). Counted in PostgreSQL (sign_in_failure,
 * sign_in_lock), so every instance behind a load balancer sees the same counts.
 *
 * An attempt is recorded as a failure *before* its password is checked (`admit`) and forgiven when the
 * password turns out right (`succeeded`): a hundred guesses sent at once are counted as they arrive, not
 * after the 200 ms each takes to verify. Admission is serialised per key (advisory locks, taken in one
 * order), so two instances cannot both admit the fifth guess. Names are counted whether or not an account
 * has them: a locked name tells nothing about whether it exists.
 */
import { inTransaction } from '../../db/transaction.js';
import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { AuthSettings } from '../../config.js';
import { ErrorCode, HubError, Reason } from '../../errors.js';
import type { LockScope } from './lockout.entity.js';

export type LockoutSettings = AuthSettings['lockout'];

/** Who is trying: the account name as typed, lower-cased, and the client's address. */
export interface Attempt {
  account: string;
  address: string;
}

/** An admitted attempt: its two failure rows, counted until `succeeded` forgives them. */
export interface Ticket {
  attempt: Attempt;
  ids: string[];
}

const keys = (a: Attempt): [LockScope, string][] => [
  ['account', a.account.slice(0, 100)],
  ['address', a.address.slice(0, 100)],
];

/** One 64-bit advisory lock key per (scope, key), taken in ascending order so two attempts never wait in a circle. */
const lockIds = (a: Attempt) =>
  keys(a)
    .map(([scope, key]) => createHash('sha256').update(`${scope}\0${key}`).digest().readBigInt64BE(0))
    .toSorted((x, y) => (x < y ? -1 : x > y ? 1 : 0))
    .map(String);

const MATCH = `((scope = 'account' and key = $1) or (scope = 'address' and key = $2))`;

export const lockedError = (lockMs: number) =>
  new HubError({
    code: ErrorCode.unauthenticated,
    reason: Reason.authLocked,
    zh: `登录失败次数过多，已暂时锁定：请 ${Math.ceil(lockMs / 60_000)} 分钟后再试，或请管理员解锁`,
    en: `too many failed sign-ins: locked for now; try again in ${Math.ceil(lockMs / 60_000)} minutes, or ask an administrator to unlock`,
  });

/** One transaction holding the advisory locks of the attempt's account and address (concurrent guesses counted one by one). */
async function underLocks<T>(pool: pg.Pool, attempt: Attempt, fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    return await inTransaction(client, async () => {
      for (const id of lockIds(attempt)) await client.query('select pg_advisory_xact_lock($1::bigint)', [id]);
      return fn(client);
    });
  } finally {
    client.release();
  }
}

/** Failures in the window per scope (pending attempts included). */
async function counts(c: pg.PoolClient, attempt: Attempt, windowMs: number): Promise<Map<LockScope, number>> {
  const [[, account], [, address]] = keys(attempt);
  const { rows } = await c.query<{ scope: LockScope; n: string }>(
    `select scope, count(*) as n from sign_in_failure where ${MATCH} and at > now() - $3 * interval '1 millisecond' group by scope`,
    [account, address, windowMs],
  );
  return new Map(rows.map((r) => [r.scope, Number(r.n)]));
}

/**
 * Lets an attempt go on to check its password, recording it as a failure until `succeeded` says otherwise;
 * throws auth/locked (before any password is looked at) when its name or its address is locked.
 */
export async function admit(pool: pg.Pool, settings: LockoutSettings, attempt: Attempt): Promise<Ticket> {
  const [[, account], [, address]] = keys(attempt);
  const ids = await underLocks(pool, attempt, async (c) => {
    await c.query(`delete from sign_in_lock where ${MATCH} and locked_until <= now()`, [account, address]);
    const locked = await c.query(`select 1 from sign_in_lock where ${MATCH}`, [account, address]);
    // Attempts still being checked count too: five guesses in flight leave no room for a sixth.
    const n = await counts(c, attempt, settings.windowMs);
    if (locked.rowCount || Math.max(n.get('account') ?? 0, n.get('address') ?? 0) >= settings.failures) return null;
    const { rows } = await c.query<{ id: string }>(
      `insert into sign_in_failure (scope, key) values ('account', $1), ('address', $2) returning id`,
      [account, address],
    );
    return rows.map((r) => r.id);
  });
  if (!ids) throw lockedError(settings.lockMs);
  return { attempt, ids };
}

/** The password was right: this attempt and the name's earlier failures are forgiven (the address's others stay). */
export async function succeeded(pool: pg.Pool, ticket: Ticket): Promise<void> {
  await pool.query(`delete from sign_in_failure where id = any($1::bigint[]) or (scope = 'account' and key = $2)`, [
    ticket.ids,
    keys(ticket.attempt)[0][1],
  ]);
}

/** The attempt could not be checked (the directory was down): it is not counted, the rest stays. */
export async function withdrawn(pool: pg.Pool, ticket: Ticket): Promise<void> {
  await pool.query(`delete from sign_in_failure where id = any($1::bigint[])`, [ticket.ids]);
}

/**
 * The password was wrong: the failure stays counted, and a name or address that has reached `failures` in
 * the window is locked for `lockMs` (its failures spent on the lock). Returns the scopes locked now.
 */
export async function failed(pool: pg.Pool, settings: LockoutSettings, ticket: Ticket): Promise<LockScope[]> {
  const locked = await underLocks(pool, ticket.attempt, async (c) => {
    const n = await counts(c, ticket.attempt, settings.windowMs);
    const now: LockScope[] = [];
    for (const [scope, key] of keys(ticket.attempt)) {
      if ((n.get(scope) ?? 0) < settings.failures) continue;
      await c.query(
        `insert into sign_in_lock (scope, key, locked_until) values ($1, $2, now() + $3 * interval '1 millisecond')
         on conflict (scope, key) do update set locked_until = excluded.locked_until`,
        [scope, key, settings.lockMs],
      );
      await c.query(`delete from sign_in_failure where scope = $1 and key = $2`, [scope, key]);
      now.push(scope);
    }
    return now;
  });
  // Names tried once and never again would stay for ever: now and then, failures past every window go.
  if (Math.random() < 0.01)
    await pool.query(`delete from sign_in_failure where at < now() - $1 * interval '1 millisecond'`, [settings.windowMs]);
  return locked;
}
