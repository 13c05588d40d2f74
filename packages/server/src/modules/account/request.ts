/**
 * A request's sign-in state, for the GraphQL context: the account of its session cookie or of its bearer
 * token (from this instance's stores: no statement on most requests), its client's address (proxy.ts), and
 * how to set its response's cookie.
 *
 * A request brings one credential. A cookie and an `Authorization` header together are refused
 * (auth/ambiguous_credentials) rather than one of them being picked: they pass different checks (a cookie
 * is sent by the browser on its own, so its requests are held to the CSRF and origin rules; a bearer token
 * is not, and is not), and a request that has both is either a browser page someone added a token to or a
 * script that picked up a cookie — in both cases which account acts, and with which rights (a session may
 * write, a token may not), would be a guess. The dashboard never sends a token and a script has no cookie,
 * so neither meets the refusal in ordinary use.
 *
 * A wall display (display-links.ts) brings its token in the `hub_display` cookie instead: with neither a
 * session cookie nor a bearer, that cookie acts as its token does (read-only, the same store and revocation,
 * no idle timeout), except that the display may sign out. A display cookie that is refused (revoked, expired)
 * is cleared and the request is anonymous, so the dashboard shows its sign-in page. A session cookie beside a
 * display cookie wins: somebody signed in on that browser (the TV), and acts with their session's rights; the
 * display cookie is left alone and serves again once that session has signed out. A display cookie beside a
 * bearer is as ambiguous as a session cookie beside one.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AuthSettings } from '../../config.js';
import type { RequestAuth } from '../../context.js';
import { requestScope } from '../../domain/request-scope.js';
import { ErrorCode, HubError, Reason } from '../../errors.js';
import { DISPLAY_COOKIE, displayCookie, namedCookieValue, SESSION_COOKIE, sessionCookie, setCookieValue } from './cookie.js';
import { clientAddress, NO_PROXIES, overTls, type TrustedProxies } from './proxy.js';
import type { SessionStore } from './session-store.js';
import type { TokenStore } from './token-store.js';
import { bearerOf } from './tokens.js';

export { clientAddress } from './proxy.js';

/** What a request's credentials are checked against: this instance's sessions and tokens, and the trusted proxies. */
export interface Credentials {
  sessions: SessionStore;
  tokens: TokenStore;
  proxies?: TrustedProxies;
}

/** A bearer token that is none (expired, revoked, unknown, tampered, its account unable to sign in): which, it does not say. */
export const invalidToken = () =>
  new HubError({
    code: ErrorCode.unauthenticated,
    reason: Reason.authInvalidToken,
    zh: '令牌无效、已过期或已撤销',
    en: 'the token is invalid, expired or revoked',
    status: 401,
    headers: { 'www-authenticate': 'Bearer realm="party-hub", error="invalid_token"' },
  });

export const ambiguousCredentials = () =>
  new HubError({
    code: ErrorCode.unauthenticated,
    reason: Reason.authAmbiguous,
    zh: '请求同时带有登录会话（Cookie）和令牌（Authorization）：只能用其中一种',
    en: 'the request carries both a session cookie and an Authorization header: use one or the other',
    status: 400,
  });

/** Sets a cookie (the session's by default) on a response, replacing one of that name set earlier in the same request. */
function putCookie(res: ServerResponse, value: string, name = SESSION_COOKIE): void {
  const current = res.getHeader('set-cookie');
  const others = (Array.isArray(current) ? current : current === undefined ? [] : [String(current)]).filter(
    (c) => !c.startsWith(`${name}=`),
  );
  res.setHeader('set-cookie', [...others, value]);
}

/** Tells both of this instance's stores at once of a change (the other instances hear it over LISTEN). */
const changedIn = (c: Credentials) => (change: Parameters<NonNullable<RequestAuth['changed']>>[0]) => {
  c.sessions.changed(change);
  c.tokens.changed(change);
};

const noCookies = () => {
  throw new HubError({
    code: ErrorCode.forbidden,
    reason: Reason.authReadOnlyToken,
    zh: '令牌不能登录或退出',
    en: 'a token cannot sign in or out',
    status: 403,
  });
};

/**
 * A wall display's request: the account of its cookie's token, marked as a display (its sign-out clears the
 * cookie); or, the token refused, null after the cookie is cleared (the request goes on as nobody's).
 */
async function displayAuth(c: Credentials, secret: string, address: string, res: ServerResponse, secure: boolean) {
  const found = await c.tokens.find(secret);
  const clear = () => putCookie(res, namedCookieValue(DISPLAY_COOKIE, null, secure), DISPLAY_COOKIE);
  if ('refused' in found) {
    c.tokens.refusedUse(found, secret, address, 'http');
    clear();
    return null;
  }
  return {
    account: { ...found.account, display: true },
    setCookie: (value: string | null) => (value === null ? clear() : noCookies()),
  };
}

/**
 * The request's id: random, made here (a client's own `x-request-id` is not taken: it could name another request),
 * sent back in the `x-request-id` header and written into each audit row the request leaves, so an answer, a log
 * line and its audit rows can be found together.
 */
function requestIdOf(res: ServerResponse, address: string): string {
  const id = randomUUID();
  if (!res.headersSent) res.setHeader('x-request-id', id);
  Object.assign(requestScope(), { requestId: id, address });
  return id;
}

export async function requestAuth(c: Credentials, settings: AuthSettings, req: IncomingMessage, res: ServerResponse): Promise<RequestAuth> {
  const proxies = c.proxies ?? NO_PROXIES;
  const token = sessionCookie(req.headers.cookie);
  const display = displayCookie(req.headers.cookie);
  const bearer = bearerOf(req.headers.authorization);
  const address = clientAddress(req, proxies);
  const userAgent = req.headers['user-agent'] ?? null;
  const secure = overTls(req, proxies);
  const requestId = requestIdOf(res, address);
  if (bearer !== undefined) {
    if (token !== undefined || display !== undefined) throw ambiguousCredentials();
    const found = await c.tokens.find(bearer);
    if ('refused' in found) {
      c.tokens.refusedUse(found, bearer, address, 'http');
      throw invalidToken();
    }
    return { account: found.account, address, requestId, userAgent, settings, setCookie: noCookies, changed: changedIn(c) };
  }
  if (token === undefined && display !== undefined) {
    const shown = await displayAuth(c, display, address, res, secure);
    if (shown) return { ...shown, address, requestId, userAgent, settings, changed: changedIn(c) };
  }
  const account = token === undefined ? null : await c.sessions.find(token);
  const auth: RequestAuth = {
    account,
    address,
    requestId,
    userAgent,
    settings,
    setCookie: (value, maxAgeMs) => putCookie(res, setCookieValue(value, secure, maxAgeMs)),
    changed: changedIn(c),
  };
  // A cookie naming no live session (expired, revoked, made up) is cleared, so the browser stops sending it.
  if (token !== undefined && !account) auth.setCookie(null);
  return auth;
}
