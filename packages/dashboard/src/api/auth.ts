/**
 * The hub's access refusals, as the dashboard reads them (issue 20): which refusals send the visitor to another
 * page, which page, and the `next` to return to afterwards. Pure: the router and the client wire it up
 * (state/session.ts), and the tests drive it without a browser.
 */

/** The refusals that are the session's, not the page's: each has a page of its own. */
export const AUTH_REASONS = ['auth/required', 'auth/password_change_required', 'auth/no_admin'] as const;
export type AuthReason = (typeof AUTH_REASONS)[number];

/** The dashboard's own pages for them (their route paths). */
export const SIGN_IN_PATH = '/signin';
export const PASSWORD_PATH = '/password';
export const NO_ADMIN_PATH = '/no-admin';
/** The account's personal access tokens (from the account menu): not a session page, `next` is not one to keep. */
export const TOKENS_PATH = '/tokens';
const PAGE_OF: Record<AuthReason, string> = {
  'auth/required': SIGN_IN_PATH,
  'auth/password_change_required': PASSWORD_PATH,
  'auth/no_admin': NO_ADMIN_PATH,
};
const AUTH_PAGES: readonly string[] = Object.values(PAGE_OF);

export const isAuthReason = (v: unknown): v is AuthReason => AUTH_REASONS.includes(v as AuthReason);

/** The first session refusal among a response's errors (null: the page's own error, shown where it happened). */
export function authReasonOf(errors: readonly { extensions?: { reason?: unknown } }[] | null | undefined): AuthReason | null {
  const hit = errors?.find((e) => isAuthReason(e.extensions?.reason));
  return hit ? (hit.extensions!.reason as AuthReason) : null;
}

/** A backslash is a slash to a browser's URL parser, and a tab or newline is dropped by it: neither belongs in a path here. */
const unsafe = (s: string): boolean => s.includes('\\') || [...s].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);

/** Stands in for this origin while checking a path (never fetched). */
const BASE = 'http://hub.invalid';

/**
 * `?next=` as a path of this dashboard to return to, else `fallback`. Only a same-origin path is taken:
 * never `//evil.com` or `/\evil.com` (both read as another host), a scheme (`https:`, `javascript:`), control
 * characters, or a sign-in page itself (signing in would land on the sign-in page again).
 */
export function safeNext(v: unknown, fallback = '/'): string {
  const s = Array.isArray(v) ? v[0] : v;
  if (typeof s !== 'string' || !s.startsWith('/') || s.startsWith('//')) return fallback;
  if (unsafe(s)) return fallback;
  let url: URL;
  try {
    url = new URL(s, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE || AUTH_PAGES.includes(url.pathname)) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** Where the visitor is: a route's path, full path (with query and hash) and query. */
export interface Place {
  path: string;
  fullPath: string;
  query: Record<string, unknown>;
}

/** A navigation target, as vue-router takes it. */
export interface Target {
  path: string;
  query: Record<string, string>;
}

/** What a link keeps across a sign-in page: the language and the theme the visitor was reading in. */
const KEPT = ['lang', 'theme'] as const;

/** The page to return to from `here`: itself, or (on a sign-in page already) the page that one returns to. */
export const returnPath = (here: Place): string => (AUTH_PAGES.includes(here.path) ? safeNext(here.query.next) : safeNext(here.fullPath));

/**
 * Where a session refusal sends the visitor who is at `here`: the refusal's page, with `next` the page to
 * come back to; null when already there (no loop: the sign-in page never sends to itself).
 */
export function authRedirect(reason: AuthReason, here: Place): Target | null {
  const path = PAGE_OF[reason];
  if (here.path === path) return null;
  const query: Record<string, string> = {};
  const next = returnPath(here);
  if (next !== '/') query.next = next;
  for (const k of KEPT) if (typeof here.query[k] === 'string') query[k] = here.query[k];
  return { path, query };
}

export interface Redirector {
  /** A refusal seen (by any request): navigates once to its page, however many requests saw it. */
  (reason: AuthReason): void;
}

export interface RedirectorDeps {
  here: () => Place;
  go: (to: Target) => Promise<unknown>;
  /** Told before navigating, so the state the guard reads agrees (the account is gone, must change its password …). */
  saw?: (reason: AuthReason) => void;
  /** A navigation under way: its guard decides from the state `saw` kept, so nothing is navigated here. */
  busy?: () => boolean;
}

/**
 * The one place session refusals become navigation. A page's five queries refused together navigate once:
 * while one redirect (or any navigation, whose guard reads the same state) is under way the others are
 * dropped; on its page, nothing happens.
 */
export function createRedirector({ here, go, saw, busy }: RedirectorDeps): Redirector {
  let pending = false;
  return (reason) => {
    saw?.(reason);
    if (pending || busy?.()) return;
    const to = authRedirect(reason, here());
    if (!to) return;
    pending = true;
    void go(to)
      .catch(() => undefined)
      .finally(() => (pending = false));
  };
}

/** What a page needs: nothing (`public`: signing in, the no-administrator notice), a session even one that must change its password first (`session`), or a session free to read (`account`, every other page). */
export type Access = 'public' | 'session' | 'account';

/** What is known of the session when a page is opened (state/account.ts SessionState, and whether the password must change). */
export interface SessionView {
  state: 'unknown' | 'signedOut' | 'signedIn' | 'noAdmin';
  mustChangePassword?: boolean;
}

/**
 * Why a page cannot be opened now, as the refusal the hub would give (null: it can). A session not known (the
 * network failed) opens the page: its own requests then meet the hub's answer.
 */
export function accessProblem(access: Access, s: SessionView): AuthReason | null {
  if (s.state === 'noAdmin') return 'auth/no_admin';
  if (access === 'public' || s.state === 'unknown') return null;
  if (s.state === 'signedOut') return 'auth/required';
  return access === 'account' && s.mustChangePassword ? 'auth/password_change_required' : null;
}
