/**
 * A page's data: runs a typed document whenever its variables change (null variables: wait), keeps the
 * last data while reloading, says what went wrong, and (with `live`) reloads when the hub reports a
 * change under that organisation to what it shows, or every minute while the socket is down.
 */
import { ref, shallowRef, watch, type Ref } from 'vue';
import { request, type Document } from './client.ts';
import { markUpdated, useLive } from './live.ts';

export interface QueryState<R> {
  data: Ref<R | null>;
  loading: Ref<boolean>;
  error: Ref<string | null>;
  refresh: () => Promise<void>;
}

export interface QueryOptions {
  /** Reload when the hub reports a change under this organisation… */
  live?: Ref<string | null | undefined>;
  /** …to one of these indicators (unset: any change under it). */
  indicators?: () => readonly string[];
}

export function useQuery<R, V>(doc: Document<R, V>, variables: () => V | null, opts: QueryOptions = {}): QueryState<R> {
  const data = shallowRef<R | null>(null);
  const loading = ref(false);
  const error = ref<string | null>(null);
  let controller: AbortController | null = null;

  async function refresh(): Promise<void> {
    const vars = variables();
    if (vars === null) return;
    controller?.abort();
    const mine = (controller = new AbortController());
    loading.value = true;
    try {
      data.value = await request(doc, vars, mine.signal);
      error.value = null;
      markUpdated();
    } catch (e) {
      if ((e as Error).name !== 'AbortError') error.value = (e as Error).message;
    } finally {
      if (controller === mine) loading.value = false;
    }
  }

  watch(
    () => JSON.stringify(variables()),
    () => void refresh(),
    { immediate: true },
  );
  if (opts.live) useLive(opts.live, () => void refresh(), opts.indicators);
  return { data, loading, error, refresh };
}
