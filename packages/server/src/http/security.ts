/**
 * What every request passes before anything else, on HTTP and on the WebSocket alike: the Host must be
 * one the hub serves (loopback, this machine's own addresses, HUB_HOSTNAMES), so a page on another name
 * that resolves here (DNS rebinding) is refused; a browser's WebSocket must come from such an origin too
 * (graphql-ws bypasses Apollo's CSRF prevention). Every response carries headers that keep the hub out
 * of other sites' frames and referrers.
 */
import type express from 'express';
import type { IncomingMessage } from 'node:http';
import { networkInterfaces } from 'node:os';

// Nothing on a page may come from another origin: hospital intranets reach no CDN, and this proves it.
export const CSP =
  "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'";

/** The host part of a Host header or an origin's authority, lower case, without the port. */
export function hostOf(value: string | undefined): string | null {
  if (!value) return null;
  const m = /^(\[[0-9a-fA-F:.]+\]|[^:]+)(?::\d+)?$/.exec(value.trim());
  return m ? m[1]!.toLowerCase() : null;
}

/** Loopback, this machine's addresses (so HOST=0.0.0.0 works by IP out of the box), and the configured names. */
export function servedHosts(configured: readonly string[]): Set<string> {
  const hosts = new Set(['localhost', '127.0.0.1', '[::1]', ...configured.map((h) => h.toLowerCase())]);
  for (const list of Object.values(networkInterfaces()))
    for (const a of list ?? []) hosts.add(a.family === 'IPv6' ? `[${a.address.toLowerCase()}]` : a.address);
  return hosts;
}

/** Whether a request names a host the hub serves. */
export const hostAllowed = (hosts: ReadonlySet<string>, req: IncomingMessage): boolean => {
  const host = hostOf(req.headers.host);
  return host !== null && hosts.has(host);
};

/** Whether a WebSocket's Origin (when a browser sent one) is the hub itself. */
export function originAllowed(hosts: ReadonlySet<string>, req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true; // not a browser: nothing to forge on its behalf
  try {
    const url = new URL(origin);
    return (url.protocol === 'http:' || url.protocol === 'https:') && hosts.has(hostOf(url.host) ?? '');
  } catch {
    return false;
  }
}

/** The words of a cross-origin refusal, on HTTP and on the WebSocket alike. */
export const CROSS_ORIGIN = {
  zh: '跨站请求被拒绝：只有本服务自己的页面可以发送此请求',
  en: "a cross-origin request was refused: only the hub's own pages may send it",
};

/** A GraphQL-shaped refusal body (FORBIDDEN / auth/cross_origin): what a foreign Origin gets instead of an answer. */
export const crossOriginBody = (): string =>
  JSON.stringify({
    errors: [
      {
        message: `${CROSS_ORIGIN.zh} / ${CROSS_ORIGIN.en}`,
        extensions: { code: 'FORBIDDEN', reason: 'auth/cross_origin', messageZh: CROSS_ORIGIN.zh, messageEn: CROSS_ORIGIN.en },
      },
    ],
  });

/**
 * /graphql from a browser page of another origin (its `Origin` header names a host the hub does not serve, or
 * `null`) is refused before the body is read, whatever the method and content type: 403, FORBIDDEN /
 * auth/cross_origin. SameSite=Strict and Apollo's CSRF prevention already keep such a page's cookie out and its
 * simple requests unanswered; this refuses the rest (sign-in, uploads, a token sent from a foreign page) by name.
 * A request without `Origin` is not a browser's cross-site one (scripts, curl, same-origin GETs) and passes.
 */
export function sameOriginOnly(hosts: ReadonlySet<string>): express.RequestHandler {
  return (req, res, next) => {
    if (originAllowed(hosts, req)) return next();
    res.status(403).set('cache-control', 'no-store').type('application/json; charset=utf-8').send(crossOriginBody());
  };
}

const REFUSED_HOST =
  'Misdirected request: this hub does not serve that host name (set HUB_HOSTNAMES) / 本服务不响应该主机名（见 HUB_HOSTNAMES）';

/** The first middleware: a foreign Host gets 421, every answer gets the security headers. */
export function guard(hosts: ReadonlySet<string>): express.RequestHandler {
  return (req, res, next) => {
    if (!hostAllowed(hosts, req)) {
      res.status(421).type('text/plain; charset=utf-8').send(REFUSED_HOST);
      return;
    }
    res.setHeader('content-security-policy', CSP);
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('x-frame-options', 'DENY');
    res.setHeader('referrer-policy', 'no-referrer');
    next();
  };
}
