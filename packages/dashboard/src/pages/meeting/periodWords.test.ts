import { describe, expect, it } from 'vitest';
import { periodWords } from './periodWords.ts';

describe('dashboard/meeting period words', () => {
  it('should keep a month’s words and say 本期, 上期, 去年同期 for a longer period', () => {
    const zh = '本月 93.5%，较上月 +1.2，较去年同月 +3.0；近 12 个月平均 90.1%。';
    expect(periodWords(zh, '2026-11', 'zh')).toBe(zh);
    expect(periodWords(zh, '2026-Q3', 'zh')).toBe('本期 93.5%，较上期 +1.2，较去年同期 +3.0；近 12 个月平均 90.1%。');
    expect(periodWords('院党委 2026年第3季度 月度例会', '2026-Q3', 'zh')).toBe('院党委 2026年第3季度 例会');
    expect(periodWords('Of 6 headline rates, 2 are higher than last month', '2026-H1', 'en')).toBe(
      'Of 6 headline rates, 2 are higher than the period before',
    );
    expect(periodWords('Last 12 months', '2026', 'en')).toBe('Last 12 months');
  });
});
