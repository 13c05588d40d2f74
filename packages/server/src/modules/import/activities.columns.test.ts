import { describe, expect, it } from 'vitest';
import { ActivityStatus } from '../../domain/enums.js';
import { ACTIVITY_COLUMNS } from './activities.columns.js';
import { parseCell } from './columns.js';

const status = ACTIVITY_COLUMNS.find((c) => c.field === 'status')!;
const read = (raw: string) => {
  const p = parseCell(status, raw);
  return p.ok ? p.value : `refused: ${(p as { zh: string }).zh}`;
};

describe('import/activities columns', () => {
  it('should read a meeting’s state as 台账 write it: the labels, 已召开 and its kin, in any case', () => {
    expect(read('已开展')).toBe(ActivityStatus.HELD);
    expect(read('已召开')).toBe(ActivityStatus.HELD);
    expect(read(' 已举行 ')).toBe(ActivityStatus.HELD);
    expect(read('Held')).toBe(ActivityStatus.HELD);
    expect(read('拟召开')).toBe(ActivityStatus.PLANNED);
    expect(read('计划中')).toBe(ActivityStatus.PLANNED);
    expect(read('已取消')).toBe(ActivityStatus.CANCELLED);
    // Still refused, with the choices: a word that could be either (未召开: planned, or called off?).
    expect(read('未召开')).toMatch(/refused: “未召开” 不是可选值；可填：计划中、已开展、已取消/);
  });
});
