import { EducationLabels } from '@party-hub/schema/labels';
import { describe, expect, it } from 'vitest';
import type { Translate } from '../../i18n.ts';
import { branchFacts, countsByKey, EDUCATION, profileOrg, secretaryText, valueTiles, type ProfileOrg } from './profile.ts';

const t: Translate = (key, params) => (params ? `${key}${JSON.stringify(params)}` : key);
const org = (over: Partial<ProfileOrg> = {}): ProfileOrg => ({
  id: 'O3',
  name: '心血管内科医疗党支部',
  kind: 'BRANCH',
  category: null,
  foundedOn: '2019-07-01',
  termStart: '2024-01-01',
  termYears: 3,
  parent: { id: 'O2', name: '内科党总支' },
  positions: { nodes: [{ isDeptHead: true, isDualLeader: true, startOn: '2024-01-01' }] },
  ...over,
});

describe('dashboard/branch profile', () => {
  it('should read an organisation node, and nothing else, as the branch', () => {
    expect(profileOrg(org())?.name).toBe('心血管内科医疗党支部');
    expect(profileOrg({})).toBeNull();
    expect(profileOrg(null)).toBeNull();
  });

  it('should state the facts, the secretary in words, and the members counted', () => {
    expect(branchFacts(org(), 23, t)).toEqual([
      { label: 'branches.parent', value: '内科党总支' },
      { label: 'branches.founded', value: '2019-07-01' },
      { label: 'branches.term', value: 'branches.termText{"start":"2024-01-01","years":3}' },
      { label: 'branches.secretary', value: 'branches.secretaryDeptHead · branches.secretaryDual' },
      { label: 'branches.members', value: '23 branches.people' },
    ]);
    expect(secretaryText(org({ positions: { nodes: [] } }), t)).toBe('branches.secretaryNone');
    expect(branchFacts(org({ parent: null, termStart: null }), 0, t)[2]).toEqual({ label: 'branches.term', value: '—' });
  });

  it('should write a value that is not reported as 未填报, never 0', () => {
    const tiles = valueTiles([{ indicator: { id: 'theme_party_day_rate' }, value: null, nullReason: 'NOT_REPORTED', status: null }], 'zh');
    expect(tiles).toEqual([
      { id: 'theme_party_day_rate', name: '主题党日开展率', text: '未填报', missing: true, withheld: null, status: null },
    ]);
  });

  it('should write a withheld value as 人数过少·已隐藏 with the reason, never 0', () => {
    const [tile] = valueTiles([{ indicator: { id: 'new_probationary_count' }, value: null, nullReason: 'SUPPRESSED', status: null }], 'zh');
    expect(tile).toMatchObject({ text: '人数过少·已隐藏', missing: true });
    expect(tile.withheld).toContain('涉及人数少于 5 人');
  });

  it('should say withheld members, and no secretary to an analyst (no Position read)', () => {
    const { positions: _, ...bare } = org();
    const facts = branchFacts(bare, null, t, 'en');
    expect(facts[3]).toEqual({ label: 'branches.secretary', value: 'branches.secretaryAnalyst' });
    expect(facts[4]).toMatchObject({ label: 'branches.members', value: 'Too few people · withheld' });
    expect(facts[4].withheld).toMatch(/^Fewer than 5 people/);
  });

  it('should keep a withheld group null (a gap), never 0, and not sum it into its key', () => {
    const counts = countsByKey(
      EDUCATION,
      [
        { key: 'MASTER', count: 6 },
        { key: 'BACHELOR', count: null },
        { key: 'BACHELOR', count: 7 },
      ],
      EducationLabels,
      'zh',
    );
    expect(counts.map((c) => c.count)).toEqual([0, null, 6, 0, 0]);
  });

  it('should count people per key in the fixed order, summing groups and showing 0 for a key nobody has', () => {
    const counts = countsByKey(
      EDUCATION,
      [
        { key: 'MASTER', count: 2 },
        { key: 'BACHELOR', count: 5 },
        { key: 'MASTER', count: 1 },
        { key: null, count: 4 },
      ],
      EducationLabels,
      'zh',
    );
    expect(counts.map((c) => c.count)).toEqual([0, 5, 3, 0, 0]);
    expect(counts[1].label).toBe(EducationLabels.BACHELOR.zh);
  });
});
