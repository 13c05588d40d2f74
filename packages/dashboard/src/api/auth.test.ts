import { describe, expect, it, vi } from 'vitest';
import { accessProblem, authReasonOf, authRedirect, createRedirector, safeNext, type Place, type Target } from './auth.ts';

const at = (fullPath: string): Place => {
  const url = new URL(fullPath, 'http://hub.invalid');
  return { path: url.pathname, fullPath, query: Object.fromEntries(url.searchParams) };
};

describe('dashboard/auth next', () => {
  it('should take a same-origin path with its query and hash', () => {
    expect(safeNext('/branches?org=T3Jn&period=2026-Q4#evidence')).toBe('/branches?org=T3Jn&period=2026-Q4#evidence');
    expect(safeNext(['/honors', '/other'])).toBe('/honors');
  });

  it('should refuse another origin, a scheme, a backslash or control characters', () => {
    for (const bad of [
      '//evil.com',
      '//evil.com/path',
      '/\\evil.com',
      '\\\\evil.com',
      'https://evil.com/',
      'http:/evil.com',
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      ' /branches',
      '/\t/evil.com',
      '/\n/evil.com',
      'branches',
      '',
    ])
      expect(safeNext(bad), bad).toBe('/');
    expect(safeNext(undefined)).toBe('/');
    expect(safeNext(42, '/x')).toBe('/x');
  });

  it('should never return to a sign-in page (signing in would land there again)', () => {
    expect(safeNext('/signin?next=/branches')).toBe('/');
    expect(safeNext('/password')).toBe('/');
    expect(safeNext('/no-admin')).toBe('/');
  });
});

describe('dashboard/auth redirect', () => {
  it('should send a refused session to its page with the current full path as next, keeping language and theme', () => {
    const here = at('/branches?org=T3Jn&lang=en&theme=dark');
    expect(authRedirect('auth/required', here)).toEqual({
      path: '/signin',
      query: { next: '/branches?org=T3Jn&lang=en&theme=dark', lang: 'en', theme: 'dark' },
    });
    expect(authRedirect('auth/password_change_required', at('/honors'))).toEqual({ path: '/password', query: { next: '/honors' } });
    expect(authRedirect('auth/no_admin', at('/honors'))).toEqual({ path: '/no-admin', query: { next: '/honors' } });
    expect(authRedirect('auth/required', at('/'))).toEqual({ path: '/signin', query: {} });
  });

  it('should not redirect to the page the visitor is on (no loop)', () => {
    expect(authRedirect('auth/required', at('/signin?next=/honors'))).toBeNull();
    expect(authRedirect('auth/password_change_required', at('/password?next=/honors'))).toBeNull();
    expect(authRedirect('auth/no_admin', at('/no-admin'))).toBeNull();
  });

  it("should carry a sign-in page's own next on rather than nest it", () => {
    expect(authRedirect('auth/required', at('/password?next=%2Fhonors'))).toEqual({ path: '/signin', query: { next: '/honors' } });
    expect(authRedirect('auth/required', at('/password?next=//evil.com'))).toEqual({ path: '/signin', query: {} });
  });

  it('should read only the session refusals among the errors', () => {
    expect(authReasonOf([{ extensions: { reason: 'period/invalid' } }, { extensions: { reason: 'auth/required' } }])).toBe('auth/required');
    expect(authReasonOf([{ extensions: { reason: 'auth/failed' } }, { extensions: { reason: 'auth/locked' } }])).toBeNull();
    expect(authReasonOf([{ extensions: { reason: 'auth/forbidden' } }])).toBeNull();
    expect(authReasonOf([{}])).toBeNull();
    expect(authReasonOf(undefined)).toBeNull();
  });
});

/** A redirector at `place`, whose navigations finish when told (`done`). */
const setup = (place: Place, busy = false) => {
  let here = place;
  let finish: () => void = () => undefined;
  const go = vi.fn((to: Target) => {
    here = at(`${to.path}?${new URLSearchParams(to.query)}`);
    return new Promise<void>((done) => (finish = done));
  });
  const saw = vi.fn();
  const redirect = createRedirector({ here: () => here, go, saw, busy: () => busy });
  return { redirect, go, saw, done: () => finish() };
};

describe('dashboard/auth redirector', () => {
  it('should navigate once for many refused requests, and not again once on the sign-in page', async () => {
    const { redirect, go, saw, done } = setup(at('/branches'));
    redirect('auth/required');
    redirect('auth/required');
    redirect('auth/required');
    expect(go).toHaveBeenCalledTimes(1);
    expect(go).toHaveBeenCalledWith({ path: '/signin', query: { next: '/branches' } });
    expect(saw).toHaveBeenCalledTimes(3);
    done();
    await Promise.resolve();
    await Promise.resolve();
    redirect('auth/required');
    expect(go).toHaveBeenCalledTimes(1);
  });

  it('should go to each reason’s page: password change, no administrator', () => {
    const pw = setup(at('/honors'));
    pw.redirect('auth/password_change_required');
    expect(pw.go).toHaveBeenCalledWith({ path: '/password', query: { next: '/honors' } });
    const none = setup(at('/honors'));
    none.redirect('auth/no_admin');
    expect(none.go).toHaveBeenCalledWith({ path: '/no-admin', query: { next: '/honors' } });
  });

  it('should leave a navigation under way to its guard, telling the state what it saw', () => {
    const { redirect, go, saw } = setup(at('/'), true);
    redirect('auth/no_admin');
    expect(go).not.toHaveBeenCalled();
    expect(saw).toHaveBeenCalledWith('auth/no_admin');
  });
});

describe('dashboard/auth access', () => {
  it('should send a signed-out visitor to sign in, except from a public page', () => {
    expect(accessProblem('account', { state: 'signedOut' })).toBe('auth/required');
    expect(accessProblem('session', { state: 'signedOut' })).toBe('auth/required');
    expect(accessProblem('public', { state: 'signedOut' })).toBeNull();
  });

  it('should hold a session that must change its password to the password page', () => {
    expect(accessProblem('account', { state: 'signedIn', mustChangePassword: true })).toBe('auth/password_change_required');
    expect(accessProblem('session', { state: 'signedIn', mustChangePassword: true })).toBeNull();
    expect(accessProblem('account', { state: 'signedIn', mustChangePassword: false })).toBeNull();
  });

  it('should send everyone to the no-administrator page while there is none, and open pages when the session is not known', () => {
    expect(accessProblem('public', { state: 'noAdmin' })).toBe('auth/no_admin');
    expect(accessProblem('account', { state: 'unknown' })).toBeNull();
  });
});
