/**
 * Live updates: a page subscribes to `indicatorsChanged` for its organisation and reloads what moved.
 * While the socket is down it falls back to a refresh every `FALLBACK_MS`; the header shows which
 * (live mark or "refreshing every minute") and the time of the last update.
 */
import { IndicatorsChangedDocument, type IndicatorsChangedSubscription } from '@party-hub/schema/client';
import { indicator } from '@party-hub/schema/indicators';
import { onScopeDispose, ref, watch, type Ref } from 'vue';
import { wsClient } from './client.ts';

export type LiveMode = 'connecting' | 'live' | 'polling';
export type ChangeEvent = IndicatorsChangedSubscription['indicatorsChanged'];

export const FALLBACK_MS = 60_000;

/** Shared by the header: one socket per tab, whatever the pages subscribe to. */
export const liveState = { mode: ref<LiveMode>('connecting'), lastUpdate: ref<Date | null>(null) };

let watching = false;
function watchSocket(): void {
  if (watching) return;
  watching = true;
  const client = wsClient();
  client.on('connected', () => (liveState.mode.value = 'live'));
  client.on('closed', () => (liveState.mode.value = 'polling'));
  client.on('error', () => (liveState.mode.value = 'polling'));
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
  const stop = watch(
    orgId,
    (id) => {
      unsubscribe?.();
      unsubscribe = null;
      if (!id) return;
      unsubscribe = wsClient().subscribe<IndicatorsChangedSubscription>(
        { query: IndicatorsChangedDocument.toString(), variables: { orgId: id } },
        {
          next: (msg) => {
            if (msg.data && affects(msg.data.indicatorsChanged, indicators?.())) onChange(msg.data.indicatorsChanged);
          },
          error: () => (liveState.mode.value = 'polling'),
          complete: () => undefined,
        },
      );
    },
    { immediate: true },
  );
  const timer = setInterval(() => {
    if (liveState.mode.value !== 'live') onChange(null);
  }, FALLBACK_MS);
  onScopeDispose(() => {
    stop();
    unsubscribe?.();
    clearInterval(timer);
  });
}
