import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const me = {
  username: 'wang',
  displayName: '王老师',
  role: 'COMMITTEE',
  mustChangePassword: false,
  passwordExpiresAt: null,
  sessionExpiresAt: '2026-11-20T12:00:00Z',
};
const answer = (status: number, body: unknown) => new Response(JSON.stringify(body), { status });

/** A fresh state module per test (it holds the tab's session). */
const fresh = async () => {
  vi.resetModules();
  return import('./account.ts');
};

beforeEach(() =>
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => answer(200, { data: { me } })),
  ),
);
afterEach(() => vi.unstubAllGlobals());

describe('dashboard/account', () => {
  it('should ask `me` once, however many pages are opened', async () => {
    const { loadAccount, account, session } = await fresh();
    expect(session.value).toBe('unknown');
    await Promise.all([loadAccount(), loadAccount()]);
    await loadAccount();
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(session.value).toBe('signedIn');
    expect(account.value?.displayName).toBe('王老师');
    await loadAccount(true);
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('should be signed out when `me` answers null, and keep no administrator when the hub says so', async () => {
    const { loadAccount } = await fresh();
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => answer(200, { data: { me: null } })),
    );
    expect(await loadAccount()).toBe('signedOut');
    const again = await fresh();
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => answer(503, { errors: [{ message: '尚无管理员 / no administrator', extensions: { reason: 'auth/no_admin' } }] })),
    );
    expect(await again.loadAccount()).toBe('noAdmin');
    expect(again.session.value).toBe('noAdmin');
    expect(again.account.value).toBeNull();
  });

  it('should ask again after a network failure rather than keep it', async () => {
    const { loadAccount } = await fresh();
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );
    expect(await loadAccount()).toBe('unknown');
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => answer(200, { data: { me } })),
    );
    expect(await loadAccount()).toBe('signedIn');
  });

  it('should keep what a refusal says: signed out, must change the password', async () => {
    const { loadAccount, sawRefusal, account, session } = await fresh();
    await loadAccount();
    sawRefusal('auth/password_change_required');
    expect(account.value?.mustChangePassword).toBe(true);
    sawRefusal('auth/required');
    expect(session.value).toBe('signedOut');
    expect(account.value).toBeNull();
    expect(await loadAccount()).toBe('signedOut');
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('should forget the account on sign-out even when the hub cannot be reached', async () => {
    const { loadAccount, signOut, session } = await fresh();
    await loadAccount();
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );
    await signOut();
    expect(session.value).toBe('signedOut');
  });
});
