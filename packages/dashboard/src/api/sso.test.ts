import { describe, expect, it, vi } from 'vitest';
import { fetchProviders, NO_PROVIDERS, ssoErrorKey, startPath } from './sso.ts';

describe('dashboard/sso', () => {
  it('should name the message of every reason a provider callback sends back, and of nothing else', () => {
    expect(ssoErrorKey('auth/not_linked')).toBe('notLinked');
    expect(ssoErrorKey(['sso/invalid_state', 'x'])).toBe('invalidState');
    expect(ssoErrorKey('sso/rejected')).toBe('rejected');
    expect(ssoErrorKey('sso/too_many')).toBe('tooMany');
    for (const v of [undefined, null, '', 'toString', '__proto__', '<img src=x onerror=alert(1)>', 'auth/required', 42])
      expect(ssoErrorKey(v)).toBeNull();
  });

  it('should read the configured providers, and fall back to none on any trouble', async () => {
    const answer = (body: unknown, ok = true) => vi.fn(async () => ({ ok, json: async () => body }) as Response);
    expect(await fetchProviders(answer({ oidc: true, cas: false, ldap: true }))).toEqual({ oidc: true, cas: false, ldap: true });
    expect(await fetchProviders(answer({ oidc: 'yes', cas: 1 }))).toEqual(NO_PROVIDERS);
    expect(await fetchProviders(answer({}, false))).toEqual(NO_PROVIDERS);
    expect(await fetchProviders(vi.fn(async () => Promise.reject(new TypeError('offline'))))).toEqual(NO_PROVIDERS);
    expect(startPath('cas')).toBe('/auth/cas/start');
    expect(startPath('oidc', '/branches?org=T3Jn')).toBe('/auth/oidc/start?next=%2Fbranches%3Forg%3DT3Jn');
  });
});
