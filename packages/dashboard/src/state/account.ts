/**
 * Who is signed in, once per tab: `me` is asked at startup (the router's guard waits for it) and then kept
 * here; signing in, changing the password and signing out write it, and a session refusal from any request
 * updates it (state/session.ts). The header and the guard read it.
 */
import { MeDocument, SignOutDocument, type AccountFieldsFragment } from '@party-hub/schema/client';
import { computed, readonly, shallowRef } from 'vue';
import type { AuthReason } from '../api/auth.ts';
import { dropSocket, request, RequestError } from '../api/client.ts';

export type Account = AccountFieldsFragment;

/**
 * What is known of the session: `unknown` before `me` has answered (or when it could not be asked: the network),
 * `signedOut`, `signedIn` (see `account`), or `noAdmin` (the hub has no administrator yet: nothing works).
 */
export type SessionState = 'unknown' | 'signedOut' | 'signedIn' | 'noAdmin';

const current = shallowRef<Account | null>(null);
const state = shallowRef<SessionState>('unknown');
let asking: Promise<SessionState> | null = null;

/** The signed-in account (null: nobody, or not known yet), read-only: the functions below write it. */
export const account = readonly(current);
/** What is known of the session. */
export const session = computed(() => state.value);

/**
 * Whether the signed-in account is an analyst (分析人员): it reads counts, aggregates and indicators but no
 * person's row (the hub refuses an operation that reaches one), so pages ask it role-appropriate documents.
 */
export const isAnalyst = (): boolean => current.value?.role === 'ANALYST';

/** Keeps the account the hub answered with (signIn, changePassword, me). */
export function setAccount(a: Account | null): void {
  current.value = a;
  state.value = a ? 'signedIn' : 'signedOut';
  asking = Promise.resolve(state.value);
}

/** A session refusal seen by a request: what it says about the session, kept for the guard. */
export function sawRefusal(reason: AuthReason): void {
  if (reason === 'auth/required') setAccount(null);
  else if (reason === 'auth/no_admin') {
    current.value = null;
    state.value = 'noAdmin';
    asking = Promise.resolve(state.value);
  } else if (current.value && !current.value.mustChangePassword) current.value = { ...current.value, mustChangePassword: true };
}

/**
 * Asks `me` (once; `again` asks anew, as the page that says there is no administrator does). A refusal that
 * names the session (auth/no_admin) is kept by `sawRefusal` as the client reports it; a network failure
 * leaves the session unknown, and the next navigation asks again.
 */
export function loadAccount(again = false): Promise<SessionState> {
  if (asking && !again) return asking;
  const mine: Promise<SessionState> = request(MeDocument, {})
    .then((d) => {
      setAccount(d.me);
      return state.value;
    })
    .catch((e: unknown) => {
      const noAdmin = e instanceof RequestError && e.errors.some((x) => x.extensions?.reason === 'auth/no_admin');
      if (noAdmin) sawRefusal('auth/no_admin');
      else if (asking === mine) asking = null;
      return state.value;
    });
  asking = mine;
  return mine;
}

/** Signs out: the hub ends the session; here the account is forgotten and the socket closed, whatever the hub answered. */
export async function signOut(): Promise<void> {
  try {
    await request(SignOutDocument, {});
  } catch {
    // Already gone (expired, revoked) or the hub is unreachable: the cookie is the hub's to clear; forget it here anyway.
  } finally {
    setAccount(null);
    dropSocket();
  }
}
