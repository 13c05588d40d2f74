/**
 * Personal access tokens (api_token): a signed-in account makes one for a script, which then sends
 * `Authorization: Bearer hub_pat_…` instead of a session cookie. A token acts as its account — the same role,
 * the same scope, the same gate — but may only read (gate.ts: auth/read_only_token), so it can neither write,
 * nor make tokens, nor change the password. It ends at its expiry (1–90 days, 30 by default), when revoked,
 * when its account changes its password (tokens made with a password somebody else knew are gone with it),
 * and it does not work while its account is disabled or its password must change.
 *
 * The secret is `hub_pat_` and 32 random bytes in base64url, shown once. Only its SHA-256 is stored: a
 * plain, fast hash is enough for 256 random bits (there is no dictionary to try and no brute force that a
 * slow hash would slow down meaningfully), and it lets a request be matched with one index lookup.
 */
import { createHash, randomBytes } from 'node:crypto';
import type pg from 'pg';
import type { AccountRole } from '../../domain/enums.js';
import { ErrorCode, HubError, Reason } from '../../errors.js';
import { Problems } from '../../graphql/problems.js';
import { asDate } from './account.common.js';
import { AUTH_CHANNEL, type AuthChange } from './sessions.js';
import { TODAY_SQL } from '../../domain/dates.js';

export const TOKEN_PREFIX = 'hub_pat_';
/** Days a token lasts: 30 unless asked, at most 90. */
export const TOKEN_DAYS = { default: 30, min: 1, max: 90 } as const;
/** Tokens an account may hold unexpired and unrevoked at once. */
export const MAX_LIVE_TOKENS = 20;
export const TOKEN_NAME_MAX = 100;

const SECRET = /^hub_pat_[A-Za-z0-9_-]{43}$/;

/** Whether a string has a token's shape (anything else is no token, and never queried). */
export const isTokenSecret = (value: string): boolean => SECRET.test(value);

/** What the table stores for a secret. */
export const tokenHash = (secret: string): string => createHash('sha256').update(secret).digest('hex');

/**
 * The credential of an `Authorization` header: what follows `Bearer ` (any case, one or more spaces), or the
 * whole header when it names another scheme (which is then no token). undefined: no header.
 */
export function bearerOf(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const m = /^bearer +(\S+) *$/i.exec(header);
  return m ? m[1] : header;
}

/** A token as its owner sees it: never its secret nor its hash. */
export interface TokenRow {
  id: number;
  name: string;
  createdAt: Date;
  expiresAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

interface DbTokenRow {
  id: number;
  name: string;
  created_at: Date | string;
  expires_at: Date | string;
  last_used_at: Date | string | null;
  revoked_at: Date | string | null;
}

const COLUMNS = 'id, name, created_at, expires_at, last_used_at, revoked_at';

const rowOf = (r: DbTokenRow): TokenRow => ({
  id: r.id,
  name: r.name,
  createdAt: asDate(r.created_at),
  expiresAt: asDate(r.expires_at),
  lastUsedAt: r.last_used_at === null ? null : asDate(r.last_used_at),
  revokedAt: r.revoked_at === null ? null : asDate(r.revoked_at),
});

/** An audit row about a token: who, what, which token (never its secret). */
async function auditToken(
  db: pg.Pool | pg.PoolClient,
  actor: string,
  action: string,
  tokenId: number,
  detail: Record<string, unknown>,
): Promise<void> {
  await db.query(`insert into audit_log (actor, action, entity, entity_id, after) values ($1, $2, 'api_token', $3, $4)`, [
    actor.slice(0, 100),
    action,
    tokenId,
    JSON.stringify(detail),
  ]);
}

export interface TokenOwner {
  id: number;
  username: string;
}

/** Checks a new token's name and days; throws one coded error naming every bad field. */
function checkNew(name: string, days: number): string {
  const p = new Problems('createApiToken');
  const trimmed = name.trim();
  if (!trimmed)
    p.add(
      'input.name',
      Reason.inputRequired,
      '请给令牌起个名字（如“月报脚本”）',
      'give the token a name (such as "monthly report script")',
    );
  else if ([...trimmed].length > TOKEN_NAME_MAX)
    p.add('input.name', Reason.inputTooLong, `名称不能超过 ${TOKEN_NAME_MAX} 个字符`, `a name has at most ${TOKEN_NAME_MAX} characters`);
  // eslint-disable-next-line no-control-regex
  else if (/[\u0000-\u001f\u007f]/.test(trimmed))
    p.add('input.name', Reason.inputInvalidCharacter, '名称不能含控制字符', 'a name may not hold control characters');
  if (!Number.isInteger(days) || days < TOKEN_DAYS.min || days > TOKEN_DAYS.max)
    p.add(
      'input.days',
      Reason.inputOutOfRange,
      `有效天数须为 ${TOKEN_DAYS.min}–${TOKEN_DAYS.max} 天（收到 ${days}）`,
      `days must be from ${TOKEN_DAYS.min} to ${TOKEN_DAYS.max} (got ${days})`,
    );
  p.check();
  return trimmed;
}

/**
 * Makes a token for an account: its secret (to be shown once) and its row. At most MAX_LIVE_TOKENS live at
 * once. Audited (`auth.token_create`: its id, name and expiry, never the secret).
 */
export async function createToken(
  pool: pg.Pool,
  owner: TokenOwner,
  input: { name: string; days?: number | null },
  address: string,
): Promise<{ secret: string; token: TokenRow }> {
  const days = input.days ?? TOKEN_DAYS.default;
  const name = checkNew(input.name, days);
  const live = await pool.query<{ n: number }>(
    `select count(*)::int as n from api_token where account_id = $1 and revoked_at is null and expires_at > now()`,
    [owner.id],
  );
  if (live.rows[0].n >= MAX_LIVE_TOKENS) {
    const p = new Problems('createApiToken');
    p.add(
      'input',
      Reason.inputTooMany,
      `每个账号最多同时持有 ${MAX_LIVE_TOKENS} 个有效令牌：请先撤销不用的令牌`,
      `an account holds at most ${MAX_LIVE_TOKENS} live tokens at once: revoke one you no longer use first`,
    );
    p.check();
  }
  const secret = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  const { rows } = await pool.query<DbTokenRow>(
    `insert into api_token (account_id, name, token_hash, expires_at) values ($1, $2, $3, now() + $4 * interval '1 day') returning ${COLUMNS}`,
    [owner.id, name, tokenHash(secret), days],
  );
  const token = rowOf(rows[0]);
  await auditToken(pool, owner.username, 'auth.token_create', token.id, {
    account: owner.id,
    name,
    days,
    expiresAt: token.expiresAt.toISOString(),
    address,
  });
  return { secret, token };
}

/** An account's tokens, newest first (revoked and expired ones too: their owner sees what was and when). */
export async function listTokens(db: pg.Pool | pg.PoolClient, accountId: number): Promise<TokenRow[]> {
  const { rows } = await db.query<DbTokenRow>(
    `select ${COLUMNS} from api_token where account_id = $1 order by created_at desc, id desc limit 200`,
    [accountId],
  );
  return rows.map(rowOf);
}

export const tokenNotFound = (field: string[]) =>
  new HubError({
    code: ErrorCode.notFound,
    reason: Reason.idNotFound,
    field,
    zh: '本账号没有这个令牌',
    en: 'this account has no such token',
  });

/**
 * Revokes one of an account's tokens (another account's is not found, as one that does not exist). Every
 * instance forgets it as the notification arrives (well within a second); audited (`auth.token_revoke`).
 * Revoking a token already revoked or expired changes nothing and answers it as it is.
 */
export async function revokeToken(pool: pg.Pool, owner: TokenOwner, tokenId: number, address: string): Promise<TokenRow> {
  const ended = await pool.query<DbTokenRow>(
    `with ended as (
       update api_token set revoked_at = now() where id = $1 and account_id = $2 and revoked_at is null returning ${COLUMNS})
     select ended.*, pg_notify('${AUTH_CHANNEL}', $3) as notified from ended`,
    [tokenId, owner.id, JSON.stringify({ token: tokenId } satisfies AuthChange)],
  );
  if (ended.rows[0]) {
    await auditToken(pool, owner.username, 'auth.token_revoke', tokenId, { account: owner.id, name: ended.rows[0].name, address });
    return rowOf(ended.rows[0]);
  }
  const { rows } = await pool.query<DbTokenRow>(`select ${COLUMNS} from api_token where id = $1 and account_id = $2`, [tokenId, owner.id]);
  if (!rows[0]) throw tokenNotFound(['revokeApiToken', 'id']);
  return rowOf(rows[0]);
}

/**
 * Revokes every live token of an account (its password changed). The caller sends the account's change
 * on `hub_auth` afterwards (revokeOtherSessions does), so every instance forgets them.
 */
export async function revokeAccountTokens(db: pg.Pool | pg.PoolClient, accountId: number): Promise<number> {
  const { rowCount } = await db.query(`update api_token set revoked_at = now() where account_id = $1 and revoked_at is null`, [accountId]);
  return rowCount ?? 0;
}

/** A token's row and its account, as a request's lookup reads them. */
export interface TokenFound {
  tokenId: number;
  expiresAt: Date;
  revoked: boolean;
  expired: boolean;
  lastUsedAt: Date | null;
  account: {
    id: number;
    username: string;
    displayName: string;
    role: AccountRole;
    mustChangePassword: boolean;
    auditReader: boolean;
    passwordSetAt: Date;
    disabled: boolean;
    scope: number[] | null;
  };
}

interface LookupRow {
  token_id: number;
  expires_at: Date | string;
  revoked: boolean;
  expired: boolean;
  last_used_at: Date | string | null;
  account_id: number;
  username: string;
  display_name: string;
  role: AccountRole;
  must_change_password: boolean;
  audit_reader: boolean;
  password_set_at: Date | string;
  disabled: boolean;
  whole_tree: boolean;
  roots: number[] | null;
}

/**
 * The token with this secret's hash and its account with today's scope, whatever its state (the caller
 * decides, and records why a use was refused); null when no token has it. One statement.
 */
export async function lookupToken(db: pg.Pool, hash: string): Promise<TokenFound | null> {
  const { rows } = await db.query<LookupRow>(
    `select t.id as token_id, t.expires_at, t.revoked_at is not null as revoked, t.expires_at <= now() as expired, t.last_used_at,
            a.id as account_id, a.username, a.display_name, a.role, a.must_change_password, a.audit_reader, a.password_set_at, a.disabled,
            coalesce(bool_or(sc.organization_id is null) filter (where sc.id is not null), false) as whole_tree,
            array_agg(sc.organization_id order by sc.organization_id) filter (where sc.organization_id is not null) as roots
       from api_token t join account a on a.id = t.account_id
       left join account_scope sc on sc.account_id = a.id and sc.starts_on <= ${TODAY_SQL}
                                 and (sc.ends_on is null or sc.ends_on >= ${TODAY_SQL})
      where t.token_hash = $1
      group by t.id, a.id`,
    [hash],
  );
  const r = rows[0];
  if (!r) return null;
  return {
    tokenId: r.token_id,
    expiresAt: asDate(r.expires_at),
    revoked: r.revoked,
    expired: r.expired,
    lastUsedAt: r.last_used_at === null ? null : asDate(r.last_used_at),
    account: {
      id: r.account_id,
      username: r.username,
      displayName: r.display_name,
      role: r.role,
      mustChangePassword: r.must_change_password,
      auditReader: r.audit_reader,
      passwordSetAt: asDate(r.password_set_at),
      disabled: r.disabled,
      scope: r.whole_tree ? null : (r.roots ?? []),
    },
  };
}
