/**
 * Wall displays (大屏): a committee member, a branch secretary or an analyst makes a one-time display link
 * (`createDisplayLink`) and opens it once in the browser of a meeting-room TV. Opening it
 * (`GET /auth/display/<token>`, routes.ts) makes a personal access token for the link's account named
 * `大屏 · <name>`, lasting the link's days, and hands it to that browser in the `hub_display` cookie
 * (HttpOnly, SameSite=Strict). From then on the TV reads the boards as that token — read-only, the account's
 * role and scope, no idle timeout, no 12-hour limit — until the token expires or is revoked (the Tokens page
 * lists it), or somebody presses 退出 on the display (signOut revokes it).
 *
 * The link is stored as sign-in links are (sign_in_link, its token's SHA-256), good for 24 hours and once; unlike
 * the demo's sign-in links it opens from any address (a TV is not this machine), and it signs nobody in: all it
 * can ever give is a read-only token.
 */
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { Reason } from '../../errors.js';
import { Problems } from '../../graphql/problems.js';
import { asDate, auditAccount } from './account.common.js';
import { sessionId } from './sessions.js';
import { createToken, TOKEN_DAYS, TOKEN_NAME_MAX, type TokenOwner } from './tokens.js';

export const DISPLAY_PATH = '/auth/display/';
/** A display link is good for a day. */
export const DISPLAY_LINK_TTL_MS = 24 * 3_600_000;
/** What a display's token is called: `大屏 · 三楼会议室`. */
export const DISPLAY_TOKEN_PREFIX = '大屏 · ';
export const DISPLAY_NAME_MAX = TOKEN_NAME_MAX - [...DISPLAY_TOKEN_PREFIX].length;
export const DISPLAY_PATH_MAX = 200;
export const DEFAULT_DISPLAY_PATH = '/?kiosk=1';

/** Stands in for the hub's origin while checking a path (never fetched). */
const BASE = 'http://hub.invalid';

/**
 * Whether a path is one of the hub's own: starts with one `/`, no scheme or host, no backslash (a slash to a
 * browser), no whitespace or control characters, at most DISPLAY_PATH_MAX characters.
 */
export function isHubPath(path: string): boolean {
  if (path.length > DISPLAY_PATH_MAX || !path.startsWith('/') || path.startsWith('//')) return false;
  // eslint-disable-next-line no-control-regex
  if (/[\\\s\u0000-\u001f\u007f]/.test(path)) return false;
  try {
    return new URL(path, BASE).origin === BASE;
  } catch {
    return false;
  }
}

export interface DisplayInput {
  name: string;
  days?: number | null;
  path?: string | null;
}

/** Checks a display link's name, days and page; throws one coded error naming every bad field. */
function checkDisplay(input: DisplayInput): { name: string; days: number; path: string } {
  const p = new Problems('createDisplayLink');
  const name = input.name.trim();
  const days = input.days ?? TOKEN_DAYS.default;
  const path = input.path ?? DEFAULT_DISPLAY_PATH;
  if (!name)
    p.add(
      'input.name',
      Reason.inputRequired,
      '请给大屏起个名字（如“三楼会议室”）',
      'give the display a name (such as "3rd floor meeting room")',
    );
  else if ([...name].length > DISPLAY_NAME_MAX)
    p.add(
      'input.name',
      Reason.inputTooLong,
      `名称不能超过 ${DISPLAY_NAME_MAX} 个字符`,
      `a name has at most ${DISPLAY_NAME_MAX} characters`,
    );
  // eslint-disable-next-line no-control-regex
  else if (/[\u0000-\u001f\u007f]/.test(name))
    p.add('input.name', Reason.inputInvalidCharacter, '名称不能含控制字符', 'a name may not hold control characters');
  if (!Number.isInteger(days) || days < TOKEN_DAYS.min || days > TOKEN_DAYS.max)
    p.add(
      'input.days',
      Reason.inputOutOfRange,
      `有效天数须为 ${TOKEN_DAYS.min}–${TOKEN_DAYS.max} 天（收到 ${days}）`,
      `days must be from ${TOKEN_DAYS.min} to ${TOKEN_DAYS.max} (got ${days})`,
    );
  if (!isHubPath(path))
    p.add(
      'input.path',
      Reason.inputInvalidPath,
      `页面须是本系统内以“/”开头的路径（不含协议和主机名，至多 ${DISPLAY_PATH_MAX} 个字符），如 ${DEFAULT_DISPLAY_PATH}`,
      `the page must be a path of this hub starting with "/" (no scheme or host, at most ${DISPLAY_PATH_MAX} characters), such as ${DEFAULT_DISPLAY_PATH}`,
    );
  p.check();
  return { name, days, path };
}

/**
 * Makes a display link for an account: its path on the hub (`/auth/display/<token>`, shown once) and when it
 * stops working (24 hours). Audited (`auth.display_link`: name, days, page, address; never the token).
 */
export async function createDisplayLink(
  pool: pg.Pool,
  owner: TokenOwner,
  input: DisplayInput,
  address: string,
): Promise<{ url: string; expiresAt: Date }> {
  const { name, days, path } = checkDisplay(input);
  const token = randomBytes(32).toString('base64url');
  const { rows } = await pool.query<{ expires_at: Date | string }>(
    `insert into sign_in_link (id, account_id, expires_at, display_name, display_days, display_path)
     values ($1, $2, now() + $3 * interval '1 millisecond', $4, $5, $6) returning expires_at`,
    [sessionId(token), owner.id, DISPLAY_LINK_TTL_MS, name, days, path],
  );
  const expiresAt = asDate(rows[0].expires_at);
  await auditAccount(pool, owner.username, 'auth.display_link', owner.id, {
    name,
    days,
    path,
    expiresAt: expiresAt.toISOString(),
    address,
  });
  return { url: `${DISPLAY_PATH}${token}`, expiresAt };
}

interface UsedLink {
  id: string;
  account_id: number;
  username: string;
  display_name: string;
  display_days: number;
  display_path: string;
}

/**
 * Opens a display link: marks it used and makes its display's token (auth.token_create, then
 * `auth.display_opened` with the address). null when the link is unknown, used, expired, not a display's, or
 * its account disabled. Should the token not be made (the account holds too many), the link stays unused and
 * the error is thrown.
 */
export async function openDisplayLink(
  pool: pg.Pool,
  token: string,
  address: string,
): Promise<{ secret: string; tokenId: number; days: number; path: string } | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const { rows } = await pool.query<UsedLink>(
    `update sign_in_link l set used_at = now() from account a
      where l.id = $1 and l.display_path is not null and l.used_at is null and l.expires_at > now()
        and a.id = l.account_id and not a.disabled
      returning l.id, l.account_id, a.username, l.display_name, l.display_days, l.display_path`,
    [sessionId(token)],
  );
  const link = rows[0];
  if (!link) return null;
  const owner = { id: link.account_id, username: link.username };
  let made: Awaited<ReturnType<typeof createToken>>;
  try {
    made = await createToken(pool, owner, { name: `${DISPLAY_TOKEN_PREFIX}${link.display_name}`, days: link.display_days }, address);
  } catch (err) {
    await pool.query(`update sign_in_link set used_at = null where id = $1`, [link.id]);
    throw err;
  }
  await auditAccount(pool, link.username, 'auth.display_opened', link.account_id, {
    name: link.display_name,
    token: made.token.id,
    expiresAt: made.token.expiresAt.toISOString(),
    address,
  });
  return { secret: made.secret, tokenId: made.token.id, days: link.display_days, path: link.display_path };
}
