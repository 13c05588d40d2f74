/**
 * The session in the router: a guard that asks `me` once before the first page (so a signed-out visitor is on
 * the sign-in page before any page's query runs) and sends each page's visitor where the session allows, and
 * the client's session refusals (any request, any subscription) turned into one navigation each.
 */
import type { RouteLocationNormalized, Router } from 'vue-router';
import { accessProblem, authRedirect, createRedirector, type Access, type AuthReason, type Target } from '../api/auth.ts';
import { onAuthRefusal, onSocketAuthRefusal } from '../api/client.ts';
import { account, loadAccount, sawRefusal, session } from './account.ts';

declare module 'vue-router' {
  interface RouteMeta {
    /** What the page needs of the session (api/auth.ts Access); unset: a signed-in account free to read. */
    access?: Access;
    /** A page of the account's own (its tokens): no organisation, period, navigation or live mark, as the session's pages. */
    own?: boolean;
    /** An administrator's page (pages/admin): no organisation or period pickers, no live mark. */
    admin?: boolean;
    /** A data-entry page (pages/entry, pages/import): its own organisation picker, no period picker. */
    form?: boolean;
  }
}

const placeOf = (r: RouteLocationNormalized) => ({ path: r.path, fullPath: r.fullPath, query: r.query });

/** Where the session sends a visitor opening `to` (null: `to` opens). */
export async function guardTarget(to: RouteLocationNormalized): Promise<Target | null> {
  await loadAccount();
  const problem = accessProblem(to.meta.access ?? 'account', {
    state: session.value,
    mustChangePassword: account.value?.mustChangePassword,
  });
  if (problem) return authRedirect(problem, placeOf(to));
  // An administrator reads no Party data: its home is the accounts page, not the overview's refusals.
  if (to.path === '/' && account.value?.role === 'ADMIN') return { path: '/admin/accounts', query: {} };
  return null;
}

/** Wires the session into `router` (main.ts, once). */
export function installSession(router: Router): void {
  let navigating = false;
  router.beforeEach(async (to) => {
    navigating = true;
    return (await guardTarget(to)) ?? true;
  });
  router.afterEach(() => (navigating = false));
  const redirect = createRedirector({
    here: () => placeOf(router.currentRoute.value),
    go: (to) => router.replace(to),
    saw: sawRefusal,
    busy: () => navigating,
  });
  onAuthRefusal(redirect);
  // A socket closed without saying why it was refused: `me` over HTTP says (its refusal reaches `redirect` as any request's does).
  onSocketAuthRefusal((r) => void (r === 'check' ? recheck(redirect) : redirect(r)));
}

/** Asks `me` anew and redirects for what it says of the session (signed out, or the password must change first). */
async function recheck(redirect: (r: AuthReason) => void): Promise<void> {
  const state = await loadAccount(true);
  if (state === 'signedOut') redirect('auth/required');
  else if (state === 'signedIn' && account.value?.mustChangePassword) redirect('auth/password_change_required');
}

/**
 * Goes to a path `safeNext` accepted: the dashboard's own page by the router; a page of the hub itself (the
 * query console) by loading it, as the router would send an unknown path to the overview.
 */
export async function leaveFor(router: Router, to: string | Target): Promise<void> {
  if (typeof to === 'string' && router.resolve(to).name === 'unknown') {
    window.location.assign(to);
    return;
  }
  await router.replace(to);
}
