/**
 * A browser as far as sign-in redirects go: cookies kept per origin (name → value; Max-Age=0 clears),
 * redirects followed one at a time, so a test sees every hop and can replay one.
 */
export class Browser {
  readonly jar = new Map<string, Map<string, string>>();

  /** The Cookie header this browser sends to a URL's origin. */
  cookieFor(url: string): string {
    return [...(this.jar.get(new URL(url).origin) ?? new Map<string, string>())].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  /** One GET, redirects not followed; its cookies kept. */
  async get(url: string): Promise<Response> {
    const res = await fetch(url, { redirect: 'manual', headers: { cookie: this.cookieFor(url) } });
    const jar = this.jar.get(new URL(url).origin) ?? new Map<string, string>();
    this.jar.set(new URL(url).origin, jar);
    for (const set of res.headers.getSetCookie()) {
      const [pair] = set.split(';');
      const eq = pair.indexOf('=');
      const [name, value] = [pair.slice(0, eq), pair.slice(eq + 1)];
      if (/Max-Age=0/i.test(set)) jar.delete(name);
      else jar.set(name, value);
    }
    return res;
  }

  /**
   * Follows redirects from `url` until one leads back to a path of `home` (its sign-in page, its root): that
   * path and query. Every URL visited is in `hops`.
   */
  async signIn(url: string, home: string, hops: string[] = []): Promise<string> {
    let next = url;
    for (let i = 0; i < 8; i++) {
      hops.push(next);
      const res = await this.get(next);
      const location = res.headers.get('location');
      if (!location) throw new Error(`${next} answered ${res.status} without a redirect: ${await res.text()}`);
      const target = new URL(location, next);
      if (target.origin === new URL(home).origin && !target.pathname.startsWith('/auth/')) return `${target.pathname}${target.search}`;
      next = target.href;
    }
    throw new Error('too many redirects');
  }

  /** This browser's session cookie for `home`, as a Cookie header value (or undefined). */
  session(home: string): string | undefined {
    const token = this.jar.get(new URL(home).origin)?.get('hub_session');
    return token ? `hub_session=${token}` : undefined;
  }
}
