/**
 * The session cookie: opaque (the token, nothing else), HttpOnly (no script reads it), SameSite=Strict (no
 * other site's page sends it), Path=/, `Secure` when the request came over TLS (proxy.ts), and lasting no longer than
 * the session may. A wall display's cookie (display-links.ts) is made alike: its value is the display's
 * personal access token, and it lasts as long as that token.
 */
export const SESSION_COOKIE = 'hub_session';
/** A wall display's cookie (大屏): the secret of its read-only token. */
export const DISPLAY_COOKIE = 'hub_display';

/** A cookie's value in a Cookie header, if there is one. */
export function cookieOf(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** The session cookie's value in a Cookie header, if there is one. */
export const sessionCookie = (header: string | undefined): string | undefined => cookieOf(header, SESSION_COOKIE);

/** The display cookie's value in a Cookie header, if there is one. */
export const displayCookie = (header: string | undefined): string | undefined => cookieOf(header, DISPLAY_COOKIE);

/** A Set-Cookie value of the cookie `name`: the token for `maxAgeMs`, or (null) one that clears it. */
export function namedCookieValue(name: string, token: string | null, secure: boolean, maxAgeMs = 0): string {
  const value = token ?? '';
  const maxAge = token ? Math.max(0, Math.floor(maxAgeMs / 1000)) : 0;
  return `${name}=${value}; Path=/; Max-Age=${maxAge}; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}

/** A Set-Cookie value: the session's token for `maxAgeMs`, or (null) one that clears the cookie. */
export const setCookieValue = (token: string | null, secure: boolean, maxAgeMs = 0): string =>
  namedCookieValue(SESSION_COOKIE, token, secure, maxAgeMs);
