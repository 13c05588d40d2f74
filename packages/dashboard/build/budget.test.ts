import { describe, expect, it } from 'vitest';
import { initialBytes } from './budget.ts';

describe('dashboard/budget', () => {
  it('should count the entry and what it imports statically, not the lazy pages', () => {
    const big = 'x'.repeat(10_000);
    const r = initialBytes({
      'index.js': { type: 'chunk', isEntry: true, code: 'entry', imports: ['vendor.js'] },
      'vendor.js': { type: 'chunk', code: 'vendor', imports: [] },
      'OverviewPage.js': { type: 'chunk', code: big, imports: ['vendor.js'] },
      'style.css': { type: 'asset' },
    });
    expect(r.files).toEqual(['index.js', 'vendor.js']);
    expect(r.raw).toBe('entry'.length + 'vendor'.length);
    expect(r.gzip).toBeGreaterThan(0);
  });
});
