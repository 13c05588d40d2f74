import { describe, expect, it } from 'vitest';
import { PushedRevisions } from './patches.ts';

type Board = { live: { values: { id: string; value: number | null }[] } };
const whole = (revision: number, ...values: number[]) => ({
  data: { live: { values: values.map((value, i) => ({ id: `i${i}`, value })) } } as Board,
  extensions: { live: { revision } },
});
const patch = (revision: number, ...ops: { op: 'replace'; path: string; value: unknown }[]) => ({
  extensions: { live: { revision, patch: ops } },
});

describe('dashboard/patches', () => {
  it('should take a whole push, then apply each patch to the revision before, leaving the data shown before untouched', () => {
    const r = new PushedRevisions<Board>();
    const first = r.take(whole(4, 1, 2));
    expect(first).toEqual(whole(4, 1, 2).data);
    const second = r.take(patch(5, { op: 'replace', path: '/live/values/1/value', value: 3 }));
    expect(second).toEqual(whole(0, 1, 3).data);
    expect(first).toEqual(whole(4, 1, 2).data);
    expect(r.take(patch(6, { op: 'replace', path: '/live/values/0/value', value: null }))).toEqual({
      live: {
        values: [
          { id: 'i0', value: null },
          { id: 'i1', value: 3 },
        ],
      },
    });
  });

  it('should give nothing for a patch after a revision gap, a patch that does not apply, or a patch with nothing to apply to', () => {
    const r = new PushedRevisions<Board>();
    expect(r.take(patch(2, { op: 'replace', path: '/live/values/0/value', value: 9 }))).toBeNull();
    r.take(whole(1, 1, 2));
    expect(r.take(patch(3, { op: 'replace', path: '/live/values/0/value', value: 9 }))).toBeNull();
    // After a failure it holds nothing: even the revision that would have followed is refused until a whole push.
    expect(r.take(patch(2, { op: 'replace', path: '/live/values/0/value', value: 9 }))).toBeNull();
    r.take(whole(7, 1, 2));
    expect(r.take(patch(8, { op: 'replace', path: '/live/values/5/value', value: 9 }))).toBeNull();
    // A plain push (no revision: the hub answered this view on its own) is data, but no base for a patch.
    expect(r.take({ data: whole(0, 5).data })).toEqual(whole(0, 5).data);
    expect(r.take(patch(1, { op: 'replace', path: '/live/values/0/value', value: 6 }))).toBeNull();
    r.take(whole(9, 5));
    expect(r.take(patch(10, { op: 'replace', path: '/live/values/0/value', value: 6 }))).toEqual(whole(0, 6).data);
  });
});
