/**
 * The session cookie: opaque (the token, nothing else), HttpOnly (no script reads it), SameSite=Strict (no
 * other site's page sends it), Path=/, `Secure` when the request came over TLS (proxy.ts), and lasting no longer than
 * the session may.
 */
export const SESSION_COOKIE = 'hub_session';

/** The session cookie's value in a Cookie header, if there is one. */
export function sessionCookie(header: string | undefined): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === SESSION_COOKIE) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** A Set-Cookie value: the token for `maxAgeMs`, or (null) one that clears the cookie. */
export function setCookieValue(token: string | null, secure: boolean, maxAgeMs = 0): string {
  const value = token ?? '';
  const maxAge = token ? Math.max(0, Math.floor(maxAgeMs / 1000)) : 0;
  return `${SESSION_COOKIE}=${value}; Path=/; Max-Age=${maxAge}; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}
