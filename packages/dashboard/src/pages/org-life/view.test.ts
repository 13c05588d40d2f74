import type { OrgLifeComplianceQuery } from '@party-hub/schema/client';
import { describe, expect, it } from 'vitest';
import { complianceCells, complianceVariables, meetingRows, missingKey, monthAxisLabel, windowMonths } from './view.ts';

const text = (n: number) => `${n}月`;

const node = (over: object) => ({
  id: 'a1',
  heldOn: '2026-10-12',
  title: '支委会',
  status: 'HELD' as const,
  isMakeup: false,
  expectedCount: 7,
  organization: { name: '内科支部' },
  present: { totalCount: 6 },
  counted: { totalCount: 7 },
  ...over,
});

describe('dashboard/org-life view', () => {
  it('should show the 12 months up to the month and ask from the start of the first one’s quarter', () => {
    expect(windowMonths('2026-10')).toEqual([
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
    ]);
    expect(complianceVariables('O1', 'PARTY_LECTURE', '2026-10')).toEqual({
      orgId: 'O1',
      type: 'PARTY_LECTURE',
      from: '2025-10-01',
      to: '2026-10-31',
      period: '2026-10',
    });
  });

  it('should judge each branch from its own meetings per month, and a month before its founding as not reported', () => {
    const d: OrgLifeComplianceQuery = {
      activitiesAggregate: {
        groups: [
          { count: 2, keys: { organizationBranch: { id: 'b1' }, heldOnMonth: '2026-10-01' } },
          { count: 5, keys: { organizationBranch: null, heldOnMonth: '2026-10-01' } },
        ],
      },
      organizations: { nodes: [{ id: 'b2', foundedOn: '2026-10-01', dissolvedOn: null }] },
      indicators: { values: [] },
    };
    const cells = complianceCells(d, [{ id: 'b1' }, { id: 'b2' }], '2026-10', 'MONTH');
    expect(cells).toHaveLength(24);
    expect(cells.find((c) => c.branch === 'b1' && c.month === '2026-10')).toMatchObject({ count: 2, status: 'MET' });
    expect(cells.find((c) => c.branch === 'b2' && c.month === '2026-09')).toMatchObject({ count: null, status: 'NOT_REPORTED' });
    expect(cells.find((c) => c.branch === 'b2' && c.month === '2026-10')).toMatchObject({ count: 0, status: 'NOT_MET' });
  });

  it('should put the year over January and over the first month shown', () => {
    expect(monthAxisLabel('2025-11', '2025-11', text)).toBe('2025\n11月');
    expect(monthAxisLabel('2026-01', '2025-11', text)).toBe('2026\n1月');
    expect(monthAxisLabel('2026-02', '2025-11', text)).toBe('2月');
  });

  it('should list the open cell’s meetings with make-ups marked, a status only when not held, present of counted', () => {
    const rows = meetingRows([node({}), node({ id: 'a2', isMakeup: true, status: 'CANCELLED', counted: { totalCount: 0 } })], {
      makeup: '补课',
      status: (s) => `[${s}]`,
    });
    expect(rows).toEqual([
      { id: 'a1', heldOn: '2026-10-12', title: '支委会', unit: '内科支部', status: '', attendance: '6 / 7' },
      { id: 'a2', heldOn: '2026-10-12', title: '支委会（补课）', unit: '内科支部', status: '[CANCELLED]', attendance: '—' },
    ]);
  });

  it('should say what a missed cell lacks by the kind’s cadence', () => {
    expect(missingKey({ status: 'NOT_MET' }, 'QUARTER')).toBe('orgLife.missing.NOT_MET_QUARTER');
    expect(missingKey({ status: 'PENDING' }, 'QUARTER')).toBe('orgLife.missing.PENDING');
  });
});
