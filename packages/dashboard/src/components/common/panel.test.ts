import { describe, expect, it } from 'vitest';
import { ref } from 'vue';
import type { QueryState } from '../../api/useQuery.ts';
import { panelOf } from './panel.ts';

const refresh = async () => undefined;

describe('dashboard/panel', () => {
  it("should give a card the query's loading, error and retry, empty until data unless told", () => {
    const q: QueryState<number[]> = { data: ref<number[] | null>(null), loading: ref(true), error: ref('HTTP 502'), refresh };
    expect(panelOf(q)).toEqual({ loading: true, error: 'HTTP 502', empty: true, onRetry: refresh });
    q.data.value = [];
    expect(panelOf(q).empty).toBe(false);
    expect(panelOf(q, q.data.value.length === 0).empty).toBe(true);
  });
});
