import { describe, expect, it } from 'vitest';
import { beijingToday, firstPlaced, keyFor, keyOf, placeProblems } from './problems.ts';

const MEETING = [
  'input.organizationId',
  'input.type',
  'input.heldOn',
  'input.title',
  'input.location',
  'input.attendance',
  'input.attendance.0',
  'input.attendance.3',
];

describe('entry/problems', () => {
  it('should put a problem beside the input its field path names, the longest key winning', () => {
    expect(keyOf('recordActivity.input.title', MEETING)).toBe('input.title');
    expect(keyOf('recordActivity.input.attendance.3.memberId', MEETING)).toBe('input.attendance.3');
    expect(keyOf('recordActivity.input.attendance', MEETING)).toBe('input.attendance');
    // A row the form does not show: the attendance list as a whole.
    expect(keyOf('recordActivity.input.attendance.7.hours', MEETING)).toBe('input.attendance');
    expect(keyOf('recordDepartmentMetrics.values.2.value', ['month', 'values', 'values.2'])).toBe('values.2');
    expect(keyOf('correctDevelopmentStep.correction.on', ['correction.on', 'correction.reason'])).toBe('correction.on');
  });

  it('should not take a key for a longer sibling name, nor a path it does not know', () => {
    expect(keyOf('recordActivity.input.titleExtra', MEETING)).toBe('form');
    expect(keyOf('recordActivity.input.attendance.31.memberId', MEETING)).toBe('input.attendance');
    expect(keyOf(undefined, MEETING)).toBe('form');
  });

  it('should place every problem of a refusal, and an uncoded refusal on the form', () => {
    const placed = placeProblems(
      {
        message: 'x',
        extensions: {
          code: 'BAD_USER_INPUT',
          problems: [
            { field: 'recordActivity.input.heldOn', reason: 'date/out_of_range', zh: '日期不能晚于今天', en: 'not after today' },
            { field: 'recordActivity.input.attendance.3.memberId', reason: 'member/not_in_organization', zh: '不属于', en: 'not in' },
          ],
        },
      },
      MEETING,
    );
    expect(placed).toEqual({
      'input.heldOn': [{ zh: '日期不能晚于今天', en: 'not after today' }],
      'input.attendance.3': [{ zh: '不属于', en: 'not in' }],
    });
    expect(firstPlaced(placed, MEETING)).toBe('input.heldOn');
    const scope = placeProblems(
      { message: 'a / b', extensions: { reason: 'auth/out_of_scope', messageZh: '超出范围', messageEn: 'out of scope' } },
      MEETING,
    );
    expect(scope).toEqual({ form: [{ zh: '超出范围', en: 'out of scope' }] });
    expect(placeProblems({ message: 'net down' }, MEETING)).toEqual({ form: [{ zh: 'net down', en: 'net down' }] });
  });

  it('should keep a save’s idempotency key for the same request sent again, and make a new one when it changed', () => {
    let n = 0;
    const make = () => `key-${++n}` as ReturnType<typeof crypto.randomUUID>;
    const first = keyFor({ title: 'a' }, null, make);
    expect(first.key).toBe('key-1');
    expect(keyFor({ title: 'a' }, first, make)).toBe(first);
    expect(keyFor({ title: 'b' }, first, make).key).toBe('key-2');
  });

  it('should date today in Beijing, not in the browser’s zone', () => {
    expect(beijingToday(Date.parse('2026-12-02T17:30:00Z'))).toBe('2026-12-03');
    expect(beijingToday(Date.parse('2026-12-02T15:30:00Z'))).toBe('2026-12-02');
  });
});
