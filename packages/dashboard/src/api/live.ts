/**
 * Live updates: a page subscribes to `indicatorsChanged` for its organisation and reloads what moved.
 * While the socket is down it falls back to a refresh every `FALLBACK_MS`; the header shows which
 * (live mark or "refreshing every minute") and the time of the last update. The mark is the socket's alone:
 * an organisation or a month without data is a page's to say (its panels read 暂无数据), and a subscription
 * the hub refused (GraphQL errors on a working socket) makes that one view poll, not the mark say the network
 * is down; nor does the client closing an idle socket itself (1000, between two pages' subscriptions).
 * A socket that came back after a fault (graphql-ws retried it) may have missed changes meanwhile: every live view
 * reloads once, after a random 0–3 s, so the boards of a whole hospital reconnecting together after a hub restart
 * do not all ask at the same moment.
 */
import { IndicatorsChangedDocument, type IndicatorsChangedSubscription } from '@party-hub/schema/client';
import { indicator } from '@party-hub/schema/indicators';
import { onScopeDispose, ref, watch, type Ref } from 'vue';
import { reportAuth, sawReadAfter, wsClient, type Document, type HubGraphQLError } from './client.ts';
import { PushedRevisions, type Push } from './patches.ts';

export type LiveMode = 'connecting' | 'live' | 'polling';
export type ChangeEvent = IndicatorsChangedSubscription['indicatorsChanged'];

export const FALLBACK_MS = 60_000;

/** A reconnected socket's views reload after a random delay up to this. */
export const RECONNECT_JITTER_MS = 3_000;

/** Shared by the header: one socket per tab, whatever the pages subscribe to. */
export const liveState = { mode: ref<LiveMode>('connecting'), lastUpdate: ref<Date | null>(null) };

/** What the socket did, as the mark reads it. */
export type SocketEvent = { type: 'connected' } | { type: 'closed'; code?: number } | { type: 'error' };

/** A close the client asked for (graphql-ws closes a lazy socket with no subscription left so). */
const NORMAL_CLOSURE = 1000;

/** The mark after a socket event: live once connected, polling only when the socket failed or was closed on us. */
export function nextMode(mode: LiveMode, e: SocketEvent): LiveMode {
  if (e.type === 'connected') return 'live';
  if (e.type === 'closed' && e.code === NORMAL_CLOSURE) return mode;
  return 'polling';
}

/** Whether a subscription's error is the socket's (a close, a network error) rather than the hub's answer (GraphQL errors). */
export const isSocketFault = (err: unknown): boolean => !Array.isArray(err);

const onSocket = (e: SocketEvent) => (liveState.mode.value = nextMode(liveState.mode.value, e));

const reloaders = new Set<() => void>();
let reconnectTimer: ReturnType<typeof setTimeout> | null = null;

/** Calls `reload` once after each reconnect (see `reconnected`); returns how to stop. */
export function onReconnect(reload: () => void): () => void {
  reloaders.add(reload);
  return () => void reloaders.delete(reload);
}

/**
 * The socket came back after a fault: every view registered with `onReconnect` reloads once, after a random
 * 0–RECONNECT_JITTER_MS. Another reconnect before then changes nothing (the reload still to come covers it).
 */
export function reconnected(random: () => number = Math.random): void {
  if (reconnectTimer) return;
  reconnectTimer = setTimeout(() => {
    reconnectTimer = null;
    for (const reload of reloaders) reload();
  }, random() * RECONNECT_JITTER_MS);
}

let watching = false;
function watchSocket(): void {
  if (watching) return;
  watching = true;
  const client = wsClient();
  client.on('connected', (_socket, _payload, wasRetry) => {
    onSocket({ type: 'connected' });
    if (wasRetry) reconnected();
  });
  client.on('closed', (event) => onSocket({ type: 'closed', code: (event as { code?: number } | null)?.code }));
  client.on('error', () => onSocket({ type: 'error' }));
}

/** Marks data as fresh (a page calls it after every successful load). */
export function markUpdated(at = new Date()): void {
  liveState.lastUpdate.value = at;
}

/**
 * Whether a change concerns what a view shows: a full refresh always does; otherwise one of the
 * changed indicators must be among `shown` (no list: the view shows everything under the organisation).
 */
export function affects(e: Pick<ChangeEvent, 'refreshAll' | 'indicatorIds'> | null, shown?: readonly string[]): boolean {
  // An empty list is the hub's "everything under these organisations" (a payload too long to list).
  if (!e || e.refreshAll || !shown || e.indicatorIds.length === 0) return true;
  // A derived indicator (the integration index) moves with its inputs, which the hub names instead,
  // and a hospital may weigh other inputs than the catalog's: any change may move it.
  if (shown.some((id) => indicator(id)?.rollup === 'DERIVED')) return true;
  return e.indicatorIds.some((id) => shown.includes(id));
}

/**
 * While the socket is not live (or the hub refused a view's subscription: `refused()`), calls `reload` every
 * FALLBACK_MS; after a reconnect, once. Stops with the component's scope, with `stop`.
 */
function keepFresh(reload: () => void, refused: () => boolean, stop: () => void): void {
  const timer = setInterval(() => {
    if (refused() || liveState.mode.value !== 'live') reload();
  }, FALLBACK_MS);
  const offReconnect = onReconnect(reload);
  onScopeDispose(() => {
    stop();
    offReconnect();
    clearInterval(timer);
  });
}

/** A subscription's error: the socket's (the mark says polling) or the hub's refusal (reported; `refuse` marks the view). */
function subscriptionError(err: unknown, refuse: () => void): void {
  if (isSocketFault(err)) liveState.mode.value = 'polling';
  else {
    refuse();
    // A session refusal (signed out, must change the password) is the session's page to show.
    reportAuth(err as HubGraphQLError[]);
  }
}

/**
 * Calls `onChange` when the hub reports a change under `orgId` that `affects` the `indicators` shown
 * (or asks for a full refresh), and every FALLBACK_MS while the socket is down. Stops with the
 * component's scope.
 */
export function useLive(
  orgId: Ref<string | null | undefined>,
  onChange: (e: ChangeEvent | null) => void,
  indicators?: () => readonly string[],
): void {
  watchSocket();
  let unsubscribe: (() => void) | null = null;
  /** The hub refused this view's subscription (its socket is fine): this view polls on its own. */
  let refused = false;
  const stop = watch(
    orgId,
    (id) => {
      unsubscribe?.();
      unsubscribe = null;
      refused = false;
      if (!id) return;
      unsubscribe = wsClient().subscribe<IndicatorsChangedSubscription>(
        { query: IndicatorsChangedDocument.toString(), variables: { orgId: id } },
        {
          next: (msg) => {
            // The re-query this push causes must read what it announces (read replicas: client.ts, readAfter).
            sawReadAfter(msg.data?.indicatorsChanged.readAfter);
            if (msg.data && affects(msg.data.indicatorsChanged, indicators?.())) onChange(msg.data.indicatorsChanged);
          },
          error: (err) => subscriptionError(err, () => (refused = true)),
          complete: () => undefined,
        },
      );
    },
    { immediate: true },
  );
  keepFresh(
    () => onChange(null),
    () => refused,
    () => {
      stop();
      unsubscribe?.();
    },
  );
}

/**
 * A view the hub pushes (`subscription { live(orgId) { …the view's fields… } }`): subscribed with the view's
 * variables (again whenever they change), each push handed to `onPush` — the view shows it without asking the
 * hub. A document asking for patches (`live(orgId, patches: true)`) gets them applied to the last push's data
 * (patches.ts). `reload` is called when a push may be missing: a push with errors, a patch that does not follow
 * the revision held or does not apply (then the view also subscribes anew, its next push whole), every FALLBACK_MS
 * while the socket is down or the hub refused the subscription, and once after a reconnect (0–3 s later).
 */
export function usePushed<S, V>(document: Document<S, V>, variables: () => V | null, onPush: (data: S) => void, reload: () => void): void {
  watchSocket();
  let unsubscribe: (() => void) | null = null;
  let refused = false;
  const revisions = new PushedRevisions<S>();
  const subscribe = () => {
    unsubscribe?.();
    unsubscribe = null;
    refused = false;
    revisions.forget();
    const vars = variables();
    if (vars === null) return;
    unsubscribe = wsClient().subscribe<S>(
      { query: document.toString(), variables: vars as Record<string, unknown> },
      {
        next: (msg) => {
          if (msg.errors?.length) return reload();
          const push = msg as Push<S>;
          const data = revisions.take(push);
          if (data !== null) return onPush(data);
          // Nothing to show: load the view once, and subscribe again (a subscription's first push is whole).
          reload();
          if (push.extensions?.live) subscribe();
        },
        error: (err) => subscriptionError(err, () => (refused = true)),
        complete: () => undefined,
      },
    );
  };
  const stop = watch(() => JSON.stringify(variables()), subscribe, { immediate: true });
  keepFresh(
    reload,
    () => refused,
    () => {
      stop();
      unsubscribe?.();
    },
  );
}
