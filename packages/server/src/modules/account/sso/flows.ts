/**
 * A browser's sign-in with an identity provider, from `/auth/<provider>/start` to its callback, kept in a
 * server-side table (sso_flow) rather than in a cookie: nothing to sign, nothing a stolen cookie replays,
 * used once (the callback deletes its row), and every instance behind a load balancer finds it.
 *
 * The flow's random `state` travels through the provider (OIDC's state, CAS's service URL) and names the
 * row; the row is bound to the browser that started it by a second random value in a short-lived HttpOnly
 * cookie (`hub_sso`, SameSite=Lax: the callback is a top-level navigation from the provider's site, which a
 * Strict cookie would miss). So a callback URL sent to somebody else (login CSRF) opens nothing: their
 * browser has no matching cookie. Both are stored as SHA-256, as session tokens are.
 */
import { createHash, randomBytes } from 'node:crypto';
import type pg from 'pg';
import { Reason } from '../../../errors.js';
import { SsoFailure } from './failure.js';
import type { Provider } from './identity.entity.js';

export const FLOW_COOKIE = 'hub_sso';

/** How long a browser may take at the provider (typing a password, a second factor). */
export const FLOW_TTL_MS = 10 * 60_000;

/** Live flows one address may have: anybody may start one, so a loop of starts must not fill the table. */
export const FLOWS_PER_ADDRESS = 30;

const RANDOM = /^[A-Za-z0-9_-]{43}$/;
const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
const random = () => randomBytes(32).toString('base64url');

/** What a flow keeps besides its state (OIDC: the PKCE verifier and the nonce). */
export interface FlowSecrets {
  verifier: string | null;
  nonce: string | null;
}

/**
 * `?next=` of a start as a path of this hub to land on after signing in, else null (then /): a path only, never
 * `//host` or `/\host` (another host to a browser), a scheme, control characters, or over 500 characters.
 */
export function landingPath(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 500 || !value.startsWith('/') || value.startsWith('//')) return null;
  if (/[\\\p{Cc}]/u.test(value)) return null;
  return new URL(value, 'http://hub.invalid').origin === 'http://hub.invalid' ? value : null;
}

/** The flow cookie's value in a Cookie header, if it is one of ours. */
export function flowCookie(header: string | undefined): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    const value = part.slice(eq + 1).trim();
    if (eq > 0 && part.slice(0, eq).trim() === FLOW_COOKIE && RANDOM.test(value)) return value;
  }
  return undefined;
}

/** A Set-Cookie value for the flow cookie (null: clear it). Path /auth/: no other request carries it. */
export const flowCookieValue = (value: string | null, secure: boolean) =>
  `${FLOW_COOKIE}=${value ?? ''}; Path=/auth/; Max-Age=${value ? FLOW_TTL_MS / 1000 : 0}; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;

/**
 * Starts a flow for a browser at `address`: its state, and the browser's flow cookie (the one it brought, so two
 * tabs signing in at once both finish, or a new one). Flows past their time are deleted on the way; an address
 * with FLOWS_PER_ADDRESS live flows gets sso/too_many until some end.
 */
export async function beginFlow(
  pool: pg.Pool,
  provider: Provider,
  secrets: FlowSecrets,
  client: { browser: string | undefined; address: string; next: string | null },
): Promise<{ state: string; browser: string }> {
  const state = random();
  const cookie = client.browser ?? random();
  const address = client.address.slice(0, 64);
  await pool.query(`delete from sso_flow where expires_at < now()`);
  const { rows } = await pool.query<{ n: number }>(`select count(*)::int as n from sso_flow where address = $1`, [address]);
  if (rows[0]!.n >= FLOWS_PER_ADDRESS) throw new SsoFailure(Reason.ssoTooMany, `${address} has ${rows[0]!.n} sign-ins under way`);
  await pool.query(
    `insert into sso_flow (id, provider, browser, address, next, verifier, nonce, expires_at)
     values ($1, $2, $3, $4, $5, $6, $7, now() + $8 * interval '1 millisecond')`,
    [sha256(state), provider, sha256(cookie), address, client.next, secrets.verifier, secrets.nonce, FLOW_TTL_MS],
  );
  return { state, browser: cookie };
}

/**
 * Ends a flow: its secrets and landing path, when `state` names a live flow of this provider started by this browser; null
 * otherwise (unknown, used, expired, another provider's, another browser's). A flow ends once.
 */
export async function endFlow(
  pool: pg.Pool,
  provider: Provider,
  state: unknown,
  browser: string | undefined,
): Promise<(FlowSecrets & { next: string | null }) | null> {
  if (typeof state !== 'string' || !RANDOM.test(state) || !browser) return null;
  const { rows } = await pool.query<FlowSecrets & { next: string | null }>(
    `delete from sso_flow where id = $1 and provider = $2 and browser = $3 and expires_at > now() returning verifier, nonce, next`,
    [sha256(state), provider, sha256(browser)],
  );
  return rows[0] ?? null;
}
