/**
 * The initial-JavaScript budget of the shipped dashboard: what a browser downloads before the first
 * page draws (the entry chunk and its static imports; pages are lazy), gzip-compressed. The build
 * writes packages/dashboard/dist/budget.json; this fails above its budget, and when that file does not
 * describe the dist it sits in (a stale budget must not pass for a fresh bundle).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/hub-process.ts';

const dist = join(repoRoot, 'packages', 'dashboard', 'dist');
const kb = (n: number) => (n / 1024).toFixed(1);

interface Budget {
  files: string[];
  gzip: number;
  raw: number;
  budgetKB: number;
}

describe('e2e/dashboard initial JavaScript budget', () => {
  it('should keep the initial JavaScript within the budget (gzip)', () => {
    const path = join(dist, 'budget.json');
    if (!existsSync(path)) throw new Error(`${path} is missing: run \`pnpm build\` (the dashboard's build writes it)`);
    const budget = JSON.parse(readFileSync(path, 'utf8')) as Budget;
    console.log(`dashboard initial JavaScript: ${kb(budget.gzip)} KB gzip (${kb(budget.raw)} KB raw) of ${budget.budgetKB} KB`);
    expect(budget.budgetKB).toBeGreaterThan(0);
    expect(budget.budgetKB).toBeLessThanOrEqual(350);
    expect(budget.gzip).toBeLessThanOrEqual(budget.budgetKB * 1024);
  });

  it('should describe the built files: the entry index.html loads, measured again', () => {
    const budget = JSON.parse(readFileSync(join(dist, 'budget.json'), 'utf8')) as Budget;
    const html = readFileSync(join(dist, 'index.html'), 'utf8');
    expect(budget.files.length).toBeGreaterThan(0);
    expect(budget.files.some((f) => html.includes(f))).toBe(true);
    let gzip = 0;
    for (const f of budget.files) gzip += gzipSync(readFileSync(join(dist, f)), { level: 9 }).length;
    expect(gzip).toBe(budget.gzip);
  });
});
