import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { cruise } from 'dependency-cruiser';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

describe('the server’s import graph', () => {
  it('should have no circles and only imports that point down the layers (.dependency-cruiser.cjs)', async () => {
    const config = createRequire(import.meta.url)('../.dependency-cruiser.cjs');
    const cwd = process.cwd();
    process.chdir(root); // dependency-cruiser resolves paths and the tsconfig from the working directory
    try {
      const result = await cruise(['src'], { ruleSet: config, validate: true, ...config.options });
      const output = result.output as {
        summary: { violations: { rule: { name: string }; from: string; to: string }[]; totalCruised: number };
      };
      const violations = output.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
      expect(violations).toEqual([]);
      expect(output.summary.totalCruised).toBeGreaterThan(100); // it read the source, not an empty folder
    } finally {
      process.chdir(cwd);
    }
  });
});
