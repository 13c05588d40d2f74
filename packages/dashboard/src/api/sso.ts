/**
 * Single sign-on as the sign-in page sees it (issue 20): which identity providers the hub has configured
 * (`GET /auth/providers`, open to anybody: the GraphQL gate lets an anonymous caller only sign in), where each
 * one's sign-in starts, and the reasons a provider's callback sends the visitor back with (`/signin?error=`).
 * Only reasons listed here are shown: a URL anybody can craft never puts its own text on the page.
 */

/** The providers the hub may offer; LDAP is the ordinary form (its username and password go to the directory). */
export interface Providers {
  oidc: boolean;
  cas: boolean;
  ldap: boolean;
}

export const NO_PROVIDERS: Providers = { oidc: false, cas: false, ldap: false };

/** Providers whose sign-in is a button (a redirect to the provider), in the order shown. */
export const REDIRECT_PROVIDERS = ['oidc', 'cas'] as const;
export type RedirectProvider = (typeof REDIRECT_PROVIDERS)[number];

/**
 * Where a provider's sign-in starts (a plain navigation: the hub answers with a redirect to the provider), and
 * the dashboard path to land on afterwards (already made safe: api/auth.ts `safeNext`; `/` needs no mention).
 */
export const startPath = (provider: RedirectProvider, next = '/'): string =>
  `/auth/${provider}/start${next === '/' ? '' : `?next=${encodeURIComponent(next)}`}`;

/** The configured providers, or none when the hub cannot say (an older hub, the network): the form still works. */
export async function fetchProviders(fetcher: typeof fetch = fetch): Promise<Providers> {
  try {
    const res = await fetcher('/auth/providers', { headers: { accept: 'application/json' }, credentials: 'same-origin' });
    if (!res.ok) return NO_PROVIDERS;
    const body = (await res.json()) as Partial<Record<keyof Providers, unknown>>;
    return { oidc: body.oidc === true, cas: body.cas === true, ldap: body.ldap === true };
  } catch {
    return NO_PROVIDERS;
  }
}

/** A callback's reasons (the hub's errors.ts) and the message key of each in the sign-in page's catalog. */
const ERROR_KEYS: Record<string, string> = {
  'auth/not_linked': 'notLinked',
  'auth/failed': 'refused',
  'auth/locked': 'locked',
  'sso/invalid_state': 'invalidState',
  'sso/rejected': 'rejected',
  'sso/provider_error': 'providerError',
  'sso/unavailable': 'unavailable',
  'sso/not_configured': 'notConfigured',
  'sso/too_many': 'tooMany',
};

/** The message key (under `signin.sso.errors`) of `?error=`, or null for none or a reason this page does not know. */
export function ssoErrorKey(value: unknown): string | null {
  const reason = Array.isArray(value) ? value[0] : value;
  return typeof reason === 'string' && Object.hasOwn(ERROR_KEYS, reason) ? ERROR_KEYS[reason]! : null;
}
