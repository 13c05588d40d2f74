/**
 * When HUB_TEST_TIMELINE names a file, `pnpm test` writes there when each test file started and ended (seconds
 * from the run's start) and its duration: what the slowest-first order (sequencer.ts) is measured from, and where a
 * run's two workers sat idle. Vitest's own reporters give durations, not when a file ran.
 */
import { writeFileSync } from 'node:fs';
import type { Reporter, TestModule } from 'vitest/node';
import { repoPath } from './sequencer.ts';

export class TimelineReporter implements Reporter {
  readonly #t0 = performance.now();
  readonly #rows = new Map<string, { file: string; start: number; end?: number; ms?: number }>();
  constructor(private readonly path: string) {}

  #now = () => Math.round(performance.now() - this.#t0) / 1000;
  #name = (m: TestModule) => repoPath(m.moduleId);

  /** Handed to a worker (before its imports, which for some files are seconds). */
  onTestModuleQueued(m: TestModule): void {
    this.#rows.set(m.moduleId, { file: this.#name(m), start: this.#now() });
  }

  onTestModuleEnd(m: TestModule): void {
    const row = this.#rows.get(m.moduleId) ?? { file: this.#name(m), start: this.#now() };
    this.#rows.set(m.moduleId, { ...row, end: this.#now(), ms: Math.round(m.diagnostic().duration) });
  }

  onTestRunEnd(): void {
    const rows = [...this.#rows.values()].toSorted((a, b) => a.start - b.start);
    writeFileSync(this.path, `${JSON.stringify(rows, null, 1)}\n`);
  }
}
