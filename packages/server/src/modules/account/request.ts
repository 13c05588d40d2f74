/**
 * A request's sign-in state, for the GraphQL context: the account of its session cookie (from this
 * instance's session store: no statement on most requests), its client's address, and how to set its
 * response's cookie.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AuthSettings } from '../../config.js';
import type { RequestAuth } from '../../context.js';
import { overTls, SESSION_COOKIE, sessionCookie, setCookieValue } from './cookie.js';
import type { SessionStore } from './session-store.js';

/** The TCP peer's address, an IPv4-mapped IPv6 address written as IPv4. */
export function clientAddress(req: IncomingMessage): string {
  const address = req.socket.remoteAddress ?? 'unknown';
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}

/** Sets the session cookie on a response, replacing one set earlier in the same request. */
function putCookie(res: ServerResponse, value: string): void {
  const current = res.getHeader('set-cookie');
  const others = (Array.isArray(current) ? current : current === undefined ? [] : [String(current)]).filter(
    (c) => !c.startsWith(`${SESSION_COOKIE}=`),
  );
  res.setHeader('set-cookie', [...others, value]);
}

export async function requestAuth(
  sessions: SessionStore,
  settings: AuthSettings,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<RequestAuth> {
  const token = sessionCookie(req.headers.cookie);
  const account = token === undefined ? null : await sessions.find(token);
  const secure = overTls(req);
  const userAgent = req.headers['user-agent'] ?? null;
  const auth: RequestAuth = {
    account,
    address: clientAddress(req),
    userAgent,
    settings,
    setCookie: (value, maxAgeMs) => putCookie(res, setCookieValue(value, secure, maxAgeMs)),
    changed: (change) => sessions.changed(change),
  };
  // A cookie naming no live session (expired, revoked, made up) is cleared, so the browser stops sending it.
  if (token !== undefined && !account) auth.setCookie(null);
  return auth;
}
