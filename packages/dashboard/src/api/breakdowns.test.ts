import { afterEach, describe, expect, it, vi } from 'vitest';
import { breakdownsDocument, loadBreakdowns, MAX_ROOT_FIELDS } from './breakdowns.ts';

describe('api/breakdowns', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('should ask every breakdown under an alias with its organisation as a variable, never an unknown id in the text', () => {
    const text = breakdownsDocument([{ id: 'general_meeting_rate', orgId: 'T3Jn' }], 'CHILD_ORGANIZATION').toString();
    expect(text).toContain('b0: indicatorBreakdown(id: "general_meeting_rate", orgId: $o0, period: $period, by: CHILD_ORGANIZATION)');
    expect(() => breakdownsDocument([{ id: 'x") { __schema', orgId: 'T3Jn' }], 'DEPARTMENT')).toThrow(/not an indicator id/);
  });

  it('should split more asks than the hub takes in one operation into several, and give the rows back in order', async () => {
    const bodies: { query: string; variables: Record<string, string> }[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_url: string, init: { body: string }) => {
        const body = JSON.parse(init.body) as { query: string; variables: Record<string, string> };
        bodies.push(body);
        const data: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(body.variables))
          if (k.startsWith('o'))
            data[`b${k.slice(1)}`] = { rows: [{ rank: 1, organization: { id: v, name: v, kind: 'BRANCH' }, department: null, point: {} }] };
        return new Response(JSON.stringify({ data }), { status: 200, headers: { 'content-type': 'application/json' } });
      }),
    );
    const asks = Array.from({ length: MAX_ROOT_FIELDS + 5 }, (_, i) => ({ id: 'general_meeting_rate', orgId: `org${i}` }));
    const rows = await loadBreakdowns(asks, '2026-11', 'CHILD_ORGANIZATION');
    expect(bodies).toHaveLength(2);
    expect(bodies.map((b) => (b.query.match(/indicatorBreakdown\(/g) ?? []).length)).toEqual([MAX_ROOT_FIELDS, 5]);
    expect(rows.map((r) => r[0]!.organization!.id)).toEqual(asks.map((a) => a.orgId));
  });
});
