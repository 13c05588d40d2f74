/**
 * The dashboard's two builds are two wireit scripts (package.json): `build`, the shipped dist/ that `pnpm start`
 * serves, and `build:e2e`, the browser tests' dist-e2e/ (`pnpm build:test`). Wireit has no shared input list, so each
 * lists its own: an input added to one and not the other would leave that build stale when it changes (the browser
 * tests would photograph yesterday's dashboard). The lists must agree, but for the test build's own `.env.e2e`.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

interface Script {
  command: string;
  files: string[];
  output: string[];
  packageLocks: string[];
  dependencies: string[];
}
const { wireit } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { wireit: Record<string, Script> };

describe('dashboard/wireit', () => {
  it('should rebuild the shipped and the test build on the same inputs (the test build also on .env.e2e)', () => {
    const { build, 'build:e2e': e2e } = wireit;
    expect(e2e.files.filter((f) => f !== '.env.e2e')).toEqual(build.files);
    expect(e2e.files).toContain('.env.e2e');
    expect(e2e.dependencies).toEqual(build.dependencies);
    expect(e2e.packageLocks).toEqual(build.packageLocks);
  });

  it('should write the two builds to their own directories, the test build with its mode', () => {
    expect(wireit.build.output).toEqual(['dist/**']);
    expect(wireit['build:e2e'].output).toEqual(['dist-e2e/**']);
    expect(wireit['build:e2e'].command).toBe('vite build --mode e2e');
    expect(wireit.build.command).not.toContain('--mode');
  });
});
