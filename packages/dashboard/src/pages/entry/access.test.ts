import { describe, expect, it } from 'vitest';
import { entryLinks, mayEnterData } from './access.ts';

describe('entry/access', () => {
  it('should offer 录入 and 导入 to the roles that write, and to no one else', () => {
    expect(mayEnterData({ role: 'COMMITTEE' })).toBe(true);
    expect(mayEnterData({ role: 'SECRETARY' })).toBe(true);
    expect(mayEnterData({ role: 'ANALYST' })).toBe(false);
    expect(mayEnterData({ role: 'ADMIN' })).toBe(false);
    // A wall display reads only, whatever its account's role.
    expect(mayEnterData({ role: 'SECRETARY', display: true })).toBe(false);
    expect(mayEnterData(null)).toBe(false);
    expect(entryLinks({ role: 'SECRETARY' }).map((l) => l.to)).toEqual(['/entry', '/import']);
    expect(entryLinks({ role: 'ANALYST' })).toEqual([]);
  });
});
