/**
 * A page's data, the one way every page loads it: a typed document (or a loader that makes several
 * requests) runs whenever its variables change (null variables: wait), keeps the last data while
 * reloading, says what went wrong, and (with `live`) reloads when the hub reports a change under that
 * organisation to what it shows, or every minute while the socket is down; (with `pushed`) takes the data
 * the hub pushes after each change (whole, or patches applied to the last push) instead of reloading. A newer load aborts the one in flight, and
 * only the newest load may write: an answer that arrives late is dropped.
 */
import { ref, shallowRef, watch, type Ref } from 'vue';
import { request, type Document } from './client.ts';
import { markUpdated, useLive, usePushed } from './live.ts';

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
  /**
   * Instead of `live`: the hub pushes the data after each change (a `live` subscription with the same
   * variables, live.ts `usePushed`: whole, or as patches applied to the last push when the document asks for
   * them); `pick` takes the view's data out of a push. Reloaded only after a reconnect, while the socket is down,
   * when a push carries errors, or when a patch cannot be applied.
   */
  pushed?: { document: { toString(): string }; pick: (push: unknown) => unknown };
}

/** Loads a view's data for its variables; passes `signal` on to every request it makes. */
export type Loader<R, V> = (variables: V, signal: AbortSignal) => Promise<R>;

const isAbort = (e: unknown) => (e as Error | null)?.name === 'AbortError';

/** One document as a loader: post it with the variables. */
const documentLoader =
  <R, V>(doc: Document<R, V>): Loader<R, V> =>
  (variables, signal) =>
    request(doc, variables, signal);

export function useQuery<R, V>(source: Document<R, V> | Loader<R, V>, variables: () => V | null, opts: QueryOptions = {}): QueryState<R> {
  const load = typeof source === 'function' ? source : documentLoader(source);
  const data = shallowRef<R | null>(null);
  const loading = ref(false);
  const error = ref<string | null>(null);
  let controller: AbortController | null = null;

  async function refresh(): Promise<void> {
    const vars = variables();
    if (vars === null) return;
    controller?.abort();
    const mine = (controller = new AbortController());
    const current = () => controller === mine;
    loading.value = true;
    try {
      const answer = await load(vars, mine.signal);
      if (!current()) return;
      data.value = answer;
      error.value = null;
      markUpdated();
    } catch (e) {
      if (current() && !isAbort(e)) error.value = (e as Error).message;
    } finally {
      if (current()) loading.value = false;
    }
  }

  watch(
    () => JSON.stringify(variables()),
    () => void refresh(),
    { immediate: true },
  );
  if (opts.pushed) {
    const { document, pick } = opts.pushed;
    const onPush = (push: unknown) => {
      // A load in flight (new variables, a reconnect's reload) answers for itself; a push of the same board is newer.
      controller?.abort();
      controller = null;
      loading.value = false;
      data.value = pick(push) as R;
      error.value = null;
      markUpdated();
    };
    usePushed(document as Document<unknown, V>, variables, onPush, () => void refresh());
  } else if (opts.live) useLive(opts.live, () => void refresh(), opts.indicators);
  return { data, loading, error, refresh };
}
