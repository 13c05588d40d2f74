import type { HonorsListQuery } from '@party-hub/schema/client';
import { HonorLevelLabels } from '@party-hub/schema/labels';
import { describe, expect, it } from 'vitest';
import { honorFilter, honorRows, isFiltered, levelYearCounts, recipientText } from './view.ts';

type Honor = NonNullable<HonorsListQuery['honors']>['nodes'][number];
const honor = (over: Partial<Honor> = {}): Honor => ({
  id: 'H1',
  awardedOn: '2026-07-01',
  title: '优秀共产党员',
  level: 'MUNICIPAL',
  category: 'PARTY',
  issuer: null,
  recipientType: 'PERSON',
  organization: { name: '心血管内科医疗党支部' },
  department: { name: '心血管内科' },
  hospital: { name: '市第一人民医院' },
  ...over,
});

const person = (unit: string) => `个人 · ${unit}`;

describe('dashboard/honors view', () => {
  it('should keep the groups with a level and a year, the year read from its bucket', () => {
    const counts = levelYearCounts([
      { count: 3, keys: { level: 'HOSPITAL', awardedOnYear: '2025-01-01' } },
      { count: 9, keys: { level: null, awardedOnYear: '2025-01-01' } },
    ]);
    expect(counts).toEqual([{ level: 'HOSPITAL', year: 2025, count: 3 }]);
  });

  it("should never name a person: a person's honor shows the unit it belongs to", () => {
    expect(recipientText(honor(), person)).toBe('个人 · 心血管内科');
    expect(recipientText(honor({ recipientType: 'BRANCH', department: null }), person)).toBe('心血管内科医疗党支部');
    const [row] = honorRows([honor()], 'zh', person);
    expect(row).toMatchObject({
      id: 'H1',
      date: '2026-07-01',
      level: HonorLevelLabels.MUNICIPAL.zh,
      issuer: '—',
      recipient: '个人 · 心血管内科',
    });
  });

  it('should show honours that read the same as one row with how many, and keep different ones apart', () => {
    const rows = honorRows(
      [
        honor({ id: 'H1' }),
        honor({ id: 'H2' }),
        honor({ id: 'H3' }),
        honor({ id: 'H4', department: { name: '肾内科' } }),
        honor({ id: 'H5', awardedOn: '2026-06-30' }),
      ],
      'zh',
      person,
    );
    expect(rows.map((r) => [r.id, r.recipient, r.count])).toEqual([
      ['H1', '个人 · 心血管内科', 3],
      ['H4', '个人 · 肾内科', 1],
      ['H5', '个人 · 心血管内科', 1],
    ]);
  });
});

describe('dashboard/honors filter', () => {
  const all = { level: '', category: '', issuer: '', q: '' };

  it('should ask for the whole subtree up to the month when nothing is chosen', () => {
    expect(honorFilter('O1', '2026-11-30', all)).toEqual({ orgId: 'O1', awardedOn: { lte: '2026-11-30' } });
    expect(isFiltered(all)).toBe(false);
  });

  it('should narrow by level, category and kind of issuer, and ignore a value the API does not know', () => {
    const f = honorFilter('O1', '2026-11-30', { level: 'MUNICIPAL', category: 'PARTY', issuer: 'GOVERNMENT', q: '' });
    expect(f).toMatchObject({ level: { eq: 'MUNICIPAL' }, category: { eq: 'PARTY' }, issuerKind: { eq: 'GOVERNMENT' } });
    const stale = honorFilter('O1', '2026-11-30', { ...all, level: 'GALACTIC' });
    expect(stale).not.toHaveProperty('level');
    expect(isFiltered({ ...all, level: 'GALACTIC' })).toBe(false);
    expect(isFiltered({ ...all, issuer: 'PARTY' })).toBe(true);
  });

  it('should find words where a row shows them: the title, the issuer, and the unit the recipient reads as', () => {
    const f = honorFilter('O1', '2026-11-30', { ...all, q: '  护理 ' });
    expect(isFiltered({ ...all, q: '   ' })).toBe(false);
    expect(f.or).toEqual([
      { title: { contains: '护理' } },
      { issuer: { contains: '护理' } },
      { department: { name: { contains: '护理' } } },
      { departmentId: { isNull: true }, organization: { name: { contains: '护理' } } },
      { departmentId: { isNull: true }, organizationId: { isNull: true }, hospital: { name: { contains: '护理' } } },
    ]);
    // The recipient text the rows show follows the same order: department, else organisation, else hospital.
    expect(recipientText(honor({ recipientType: 'BRANCH', department: null }), person)).toBe('心血管内科医疗党支部');
  });

  it('should keep identical rows grouped in a filtered list', () => {
    const rows = honorRows([honor({ id: 'H1' }), honor({ id: 'H2' })], 'zh', person);
    expect(rows.map((r) => r.count)).toEqual([2]);
  });
});
