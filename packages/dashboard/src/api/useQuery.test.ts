import { afterEach, describe, expect, it, vi } from 'vitest';
import { effectScope, nextTick, ref } from 'vue';
import type { Document } from './client.ts';
import { useQuery, type Loader } from './useQuery.ts';

/** A loader whose answers the test gives by hand, in any order. */
function manualLoader<V>() {
  const calls: { vars: V; signal: AbortSignal; resolve: (v: string) => void; reject: (e: Error) => void }[] = [];
  const load: Loader<string, V> = (vars, signal) =>
    new Promise((resolve, reject) => {
      calls.push({ vars, signal, resolve, reject });
    });
  return { load, calls };
}
const settle = () => new Promise((r) => setTimeout(r, 0));

const scope = effectScope();
afterEach(() => vi.unstubAllGlobals());

describe('dashboard/useQuery', () => {
  it('should wait while the variables are null, then load, and reload when they change', async () => {
    const org = ref<string | null>(null);
    const { load, calls } = manualLoader<{ org: string }>();
    const q = scope.run(() => useQuery(load, () => (org.value ? { org: org.value } : null)))!;
    expect(calls).toHaveLength(0);
    org.value = 'a';
    await nextTick();
    expect(calls.map((c) => c.vars)).toEqual([{ org: 'a' }]);
    expect(q.loading.value).toBe(true);
    calls[0].resolve('A');
    await settle();
    expect([q.data.value, q.loading.value, q.error.value]).toEqual(['A', false, null]);
  });

  it('should abort the load in flight and drop a late answer from it', async () => {
    const org = ref('a');
    const { load, calls } = manualLoader<{ org: string }>();
    const q = scope.run(() => useQuery(load, () => ({ org: org.value })))!;
    org.value = 'b';
    await nextTick();
    expect(calls[0].signal.aborted).toBe(true);
    calls[1].resolve('B');
    await settle();
    calls[0].resolve('A, too late');
    await settle();
    expect(q.data.value).toBe('B');
    expect(q.loading.value).toBe(false);
  });

  it('should keep the last data while reloading, say what failed, and forget the error on success', async () => {
    const { load, calls } = manualLoader<Record<string, never>>();
    const q = scope.run(() => useQuery(load, () => ({})))!;
    calls[0].resolve('first');
    await settle();
    void q.refresh();
    calls[1].reject(new Error('HTTP 502'));
    await settle();
    expect([q.data.value, q.error.value, q.loading.value]).toEqual(['first', 'HTTP 502', false]);
    void q.refresh();
    calls[2].resolve('second');
    await settle();
    expect([q.data.value, q.error.value]).toEqual(['second', null]);
  });

  it('should not report an aborted load as an error', async () => {
    const org = ref('a');
    const { load, calls } = manualLoader<{ org: string }>();
    const q = scope.run(() => useQuery(load, () => ({ org: org.value })))!;
    org.value = 'b';
    await nextTick();
    calls[0].reject(Object.assign(new Error('aborted'), { name: 'AbortError' }));
    await settle();
    expect(q.error.value).toBeNull();
    expect(q.loading.value).toBe(true);
  });

  it('should post a typed document with its variables and the abort signal', async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify({ data: { a: 1 } })));
    vi.stubGlobal('fetch', fetch);
    const doc = { toString: () => 'query Q($x: Int) { a }' } as Document<{ a: number }, { x: number }>;
    const q = scope.run(() => useQuery(doc, () => ({ x: 2 })))!;
    await settle();
    expect(q.data.value).toEqual({ a: 1 });
    const init = (fetch.mock.calls[0] as unknown as [string, RequestInit])[1];
    expect(JSON.parse(init.body as string)).toEqual({ query: 'query Q($x: Int) { a }', variables: { x: 2 } });
    expect(init.signal).toBeInstanceOf(AbortSignal);
  });
});
