import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const { labels } = createRequire(import.meta.url)('../codegen/enum-labels.cjs') as {
  labels: (description: string | undefined, name: string) => { zh: string; en: string };
};

describe('schema/enum labels', () => {
  it("should take an enum value's short label in both languages from its description", () => {
    expect(labels('院级 / Hospital', 'HOSPITAL')).toEqual({ zh: '院级', en: 'Hospital' });
    expect(labels('系统/行业级 / Sector', 'SECTOR')).toEqual({ zh: '系统/行业级', en: 'Sector' });
  });

  it('should leave out the notes in brackets, in either language, over several lines', () => {
    expect(
      labels('\n正式党员（统计党员人数时另须组织关系在册） / Full member (to count members, also require ACTIVE)\n', 'FULL_MEMBER'),
    ).toEqual({ zh: '正式党员', en: 'Full member' });
  });

  it('should fall back to the value itself when there is no description', () => {
    expect(labels(undefined, 'PARTY_GROUP')).toEqual({ zh: 'PARTY_GROUP', en: 'PARTY_GROUP' });
  });
});
