import { describe, expect, it } from 'vitest';
import { attendanceInput, attendanceKey, sheetFor, tally, takesReason } from './attendance.ts';

describe('entry/attendance keyboard', () => {
  it('should set a status with 1 2 3 (or P L A) and move to the next row, staying on the last', () => {
    expect(attendanceKey('1', 0, 20, null)).toEqual({ mark: 'PRESENT', focus: 1 });
    expect(attendanceKey('2', 4, 20, 'PRESENT')).toEqual({ mark: 'LEAVE', focus: 5 });
    expect(attendanceKey('3', 19, 20, null)).toEqual({ mark: 'ABSENT', focus: 19 });
    expect(attendanceKey('L', 2, 20, null)).toEqual({ mark: 'LEAVE', focus: 3 });
    expect(attendanceKey('a', 2, 20, null)).toEqual({ mark: 'ABSENT', focus: 3 });
  });

  it('should change the status in place with ← → and move with ↑ ↓ Home End', () => {
    expect(attendanceKey('ArrowRight', 3, 20, 'PRESENT')).toEqual({ mark: 'LEAVE' });
    expect(attendanceKey('ArrowRight', 3, 20, 'ABSENT')).toEqual({ mark: 'PRESENT' });
    expect(attendanceKey('ArrowLeft', 3, 20, 'PRESENT')).toEqual({ mark: 'ABSENT' });
    expect(attendanceKey('ArrowRight', 3, 20, null)).toEqual({ mark: 'PRESENT' });
    expect(attendanceKey('ArrowDown', 3, 20, null)).toEqual({ focus: 4 });
    expect(attendanceKey('ArrowUp', 0, 20, null)).toEqual({ focus: 0 });
    expect(attendanceKey('Home', 7, 20, null)).toEqual({ focus: 0 });
    expect(attendanceKey('End', 7, 20, null)).toEqual({ focus: 19 });
    // Tab, Enter and the rest are the browser's.
    expect(attendanceKey('Tab', 3, 20, null)).toBeNull();
    expect(attendanceKey('Enter', 3, 20, null)).toBeNull();
    expect(attendanceKey('4', 3, 20, null)).toBeNull();
  });

  it('should send only the marked rows, and keep an edited activity’s attendance', () => {
    const rows = sheetFor(
      [
        { id: 'm1', name: '张三' },
        { id: 'm2', name: '李四' },
        { id: 'm3', name: null },
      ],
      [
        { memberId: 'm1', status: 'LEAVE' },
        { memberId: 'm3', status: 'EXEMPT' },
      ],
    );
    expect(rows.map((r) => r.mark)).toEqual(['LEAVE', null, null]);
    expect(rows[2]!.name).toBe('—');
    expect(attendanceInput(rows)).toEqual([{ memberId: 'm1', status: 'LEAVE' }]);
    expect(tally(rows)).toEqual({ PRESENT: 0, LEAVE: 1, ABSENT: 0, unmarked: 2 });
  });

  it('should send a reason only with leave or absence, trimmed, and show a stored one', () => {
    const rows = sheetFor(
      [
        { id: 'm1', name: '张三' },
        { id: 'm2', name: '李四' },
        { id: 'm3', name: '王五' },
      ],
      [
        { memberId: 'm1', status: 'LEAVE', reason: '外出进修' },
        { memberId: 'm2', status: 'PRESENT', reason: null },
        { memberId: 'm3', status: 'ABSENT' },
      ],
    );
    expect(rows.map((r) => r.reason)).toEqual(['外出进修', '', '']);
    rows[1] = { ...rows[1], reason: '迟到' };
    rows[2] = { ...rows[2], reason: '  手术中 ' };
    expect(attendanceInput(rows)).toEqual([
      { memberId: 'm1', status: 'LEAVE', reason: '外出进修' },
      { memberId: 'm2', status: 'PRESENT' },
      { memberId: 'm3', status: 'ABSENT', reason: '手术中' },
    ]);
    expect([takesReason('LEAVE'), takesReason('ABSENT'), takesReason('PRESENT'), takesReason(null)]).toEqual([true, true, false, false]);
  });
});
