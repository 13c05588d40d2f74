import { describe, expect, it } from 'vitest';
import type { CompareRow } from './options.ts';
import {
  compareView,
  evidenceLink,
  generalBranchOf,
  groupRows,
  headerWords,
  packLines,
  parseShow,
  pickShown,
  sortRows,
  valueOrder,
  type TreeOrg,
} from './view.ts';

// org_life_attendance_rate: higher is better; complaint_count: lower is better; branch_count: context only.
const HIGH = 'org_life_attendance_rate';
const LOW = 'complaint_count';
const row = (id: string, values: Record<string, number | null>): CompareRow => ({
  id,
  name: `支部${id}`,
  cells: Object.fromEntries(
    Object.entries(values).map(([k, v]) => [k, { value: v, nullReason: v === null ? 'NOT_REPORTED' : null, status: null }]),
  ),
});
const ROWS = [
  row('a', { [HIGH]: 90, [LOW]: 1 }),
  row('b', { [HIGH]: null, [LOW]: 4 }),
  row('c', { [HIGH]: 60, [LOW]: null }),
  row('d', { [HIGH]: 75, [LOW]: 0 }),
  row('e', { [LOW]: 2 }), // no cell at all for HIGH
  row('f', { [HIGH]: 60, [LOW]: 3 }),
];
const org = (id: string, kind: string, parent: string | null): TreeOrg => ({
  id,
  name: id.toUpperCase(),
  kind,
  parent: parent ? { id: parent } : null,
});
const ids = (rows: CompareRow[]) => rows.map((r) => r.id).join('');

describe('dashboard/branches view: sorting', () => {
  it('should put the worst first by the indicator’s direction, ties in their order, missing values last', () => {
    expect(ids(sortRows(ROWS, HIGH, 'worst'))).toBe('cfdabe');
    expect(ids(sortRows(ROWS, LOW, 'worst'))).toBe('bfeadc');
  });

  it('should keep missing values last when the order is reversed', () => {
    expect(ids(sortRows(ROWS, HIGH, 'best'))).toBe('adcfbe');
    expect(ids(sortRows(ROWS, LOW, 'best'))).toBe('daefbc');
  });

  it('should say how the values run for aria-sort', () => {
    expect(valueOrder(HIGH, 'worst')).toBe('ascending');
    expect(valueOrder(HIGH, 'best')).toBe('descending');
    expect(valueOrder(LOW, 'worst')).toBe('descending');
    // Context only: lowest first, like a higher-is-better one.
    expect(valueOrder('branch_count', 'worst')).toBe('ascending');
  });
});

describe('dashboard/branches view: worst and best N', () => {
  it('should read only the offered choices from the URL', () => {
    expect(parseShow('worst5')).toEqual({ side: 'worst', n: 5 });
    expect(parseShow('best10')).toEqual({ side: 'best', n: 10 });
    expect(parseShow('worst3')).toBeNull();
    expect(parseShow('all')).toBeNull();
    expect(parseShow('nonsense')).toBeNull();
  });

  it('should keep the N worst or best among the branches with a value, in their given order', () => {
    expect(ids(pickShown(ROWS, HIGH, { side: 'worst', n: 2 }))).toBe('cf');
    expect(ids(pickShown(ROWS, HIGH, { side: 'best', n: 2 }))).toBe('ad');
    expect(ids(pickShown(ROWS, LOW, { side: 'worst', n: 3 }))).toBe('bef');
    // Fewer with a value than asked: those only, never a missing one as "worst".
    expect(ids(pickShown(ROWS, HIGH, { side: 'worst', n: 10 }))).toBe('acdf');
  });

  it('should cut, then sort, and count the total and the branches without a value', () => {
    const v = compareView(ROWS, [LOW, HIGH], { sort: HIGH, dir: 'worst', show: 'worst5' });
    expect(v).toMatchObject({ sortId: HIGH, total: 6, unranked: 2 });
    expect(ids(v.rows)).toBe('cfda');
    const best = compareView(ROWS, [LOW, HIGH], { sort: HIGH, dir: 'best', show: 'best5' });
    expect(ids(best.rows)).toBe('adcf');
  });

  it('should keep the tree’s order with no sort, and cut on the first indicator when none is chosen', () => {
    expect(compareView(ROWS, [HIGH], { sort: '', dir: 'worst', show: 'all' })).toMatchObject({ sortId: null, total: 6 });
    expect(ids(compareView(ROWS, [HIGH], { sort: 'not_compared', dir: 'worst', show: 'all' }).rows)).toBe('abcdef');
    const v = compareView(ROWS, [LOW, HIGH], { sort: '', dir: 'worst', show: 'worst5' });
    expect(v.sortId).toBe(LOW);
    expect(ids(v.rows)).toBe('bfead');
  });
});

describe('dashboard/branches view: grouping by general branch', () => {
  // In the tree's order (PATH): the committee, general branch g2 before g1, branches under them, one straight under the committee.
  const TREE = [
    org('top', 'UPPER_BODY', null),
    org('k', 'COMMITTEE', 'top'),
    org('g2', 'GENERAL_BRANCH', 'k'),
    org('a', 'BRANCH', 'g2'),
    org('g1', 'GENERAL_BRANCH', 'k'),
    org('b', 'JOINT_BRANCH', 'g1'),
    org('c', 'BRANCH', 'k'),
    org('d', 'BRANCH', 'g1'),
    org('e', 'BRANCH', null),
  ];
  const byId = new Map(TREE.map((o) => [o.id, o]));

  it('should find a branch’s nearest general branch, else its committee', () => {
    expect(generalBranchOf('a', byId)?.id).toBe('g2');
    expect(generalBranchOf('c', byId)?.id).toBe('k');
    expect(generalBranchOf('e', byId)).toBeNull();
    expect(generalBranchOf('unknown', byId)).toBeNull();
  });

  it('should group the rows in the tree’s order, keeping the order of the rows within each', () => {
    const rows = [row('d', {}), row('c', {}), row('a', {}), row('b', {}), row('e', {})];
    const groups = groupRows(rows, TREE);
    expect(groups.map((g) => [g.id, g.name, ids(g.rows)])).toEqual([
      ['k', 'K', 'c'],
      ['g2', 'G2', 'a'],
      ['g1', 'G1', 'db'],
      ['', '', 'e'],
    ]);
  });

  it('should not loop on a cycle in a broken tree', () => {
    const loop = new Map([
      ['x', org('x', 'BRANCH', 'y')],
      ['y', org('y', 'BRANCH', 'x')],
    ]);
    expect(generalBranchOf('x', loop)?.id).toBe('y');
  });
});

describe('dashboard/branches view: links and headers', () => {
  it('should open the indicator’s page for the branch, keeping month, theme and lang but not this page’s view', () => {
    const q = { month: '2026-10', theme: 'dark', lang: 'en', org: 'K', ids: 'a,b', sort: 'a', dir: 'best', show: 'worst5', group: '1' };
    expect(evidenceLink(q, HIGH, 'B3')).toEqual({
      path: `/indicators/${HIGH}`,
      query: { month: '2026-10', theme: 'dark', lang: 'en', org: 'B3' },
    });
  });

  it('should break Chinese headers between words only, never inside 达标率 or a quotation', () => {
    expect(headerWords('组织生活出席率', 'zh')).toEqual(['组织', '生活', '出席率']);
    expect(headerWords('党员志愿服务参与率', 'zh')).toEqual(['党员', '志愿', '服务', '参与率']);
    const quoted = headerWords('“三会一课”综合达标率', 'zh');
    expect(quoted[0]).toBe('“三会一课”');
    expect(quoted.some((w) => w.includes('达标率'))).toBe(true);
    expect(headerWords('党支部数', 'zh')).toEqual(['党支部数']);
    // Nothing lost or reordered.
    expect(headerWords('高级职称人员中党员占比（双培养）', 'zh').join('')).toBe('高级职称人员中党员占比（双培养）');
    expect(headerWords('Attendance at organisational life', 'en')).toEqual(['Attendance at organisational life']);
  });
});

const halfQuotes = (w: string) => [...w].reduce((n, ch) => n + (/[“”]/.test(ch) ? 0.5 : 1), 0);

describe('dashboard/branches view: chart headers', () => {
  it('should pack words into lines that fit, breaking between words only', () => {
    expect(packLines(['支部', '党员', '大会', '按期', '召开率'], 6)).toBe('支部党员大会\n按期召开率');
    expect(packLines(['组织', '生活', '出席率'], 4)).toBe('组织生活\n出席率');
    // A word longer than a line stands alone (ECharts breaks it only as a last resort).
    expect(packLines(['“三会一课”', '综合', '达标率'], 4)).toBe('“三会一课”\n综合\n达标率');
    expect(packLines(['Members volunteering'], 4)).toBe('Members volunteering');
    // Measured: a quote is narrower than a character.
    expect(packLines(['“三会一课”', '综合'], 7, halfQuotes)).toBe('“三会一课”综合');
  });
});
