/**
 * The initial-JavaScript budget: what a browser must download before the first page draws (the entry
 * chunk and its static imports, not the lazy pages), gzip-compressed. The build prints it and writes
 * dist/budget.json; `budget.test.ts` fails above BUDGET_KB.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

export const BUDGET_KB = 350;

interface Chunk {
  type: 'chunk' | 'asset';
  code?: string;
  isEntry?: boolean;
  imports?: string[];
}

/** Gzip bytes of the entry chunks and everything they import statically. */
export function initialBytes(bundle: Record<string, Chunk>): { files: string[]; gzip: number; raw: number } {
  const seen = new Set<string>();
  const visit = (name: string) => {
    const c = bundle[name];
    if (!c || c.type !== 'chunk' || seen.has(name)) return;
    seen.add(name);
    for (const i of c.imports ?? []) visit(i);
  };
  for (const [name, c] of Object.entries(bundle)) if (c.type === 'chunk' && c.isEntry) visit(name);
  let gzip = 0;
  let raw = 0;
  for (const name of seen) {
    const code = Buffer.from(bundle[name]?.code ?? '');
    raw += code.length;
    gzip += gzipSync(code, { level: 9 }).length;
  }
  return { files: [...seen].toSorted(), gzip, raw };
}

const kb = (n: number) => Math.round((n / 1024) * 10) / 10;

export function budgetPlugin(): Plugin {
  let outDir = 'dist';
  return {
    name: 'party-hub-budget',
    apply: 'build',
    configResolved(c) {
      outDir = join(c.root, c.build.outDir);
    },
    writeBundle(_opts, bundle) {
      const r = initialBytes(bundle as unknown as Record<string, Chunk>);
      writeFileSync(join(outDir, 'budget.json'), JSON.stringify({ ...r, budgetKB: BUDGET_KB }, null, 2));
      this.info?.(`initial JavaScript ${kb(r.gzip)} KB gzip (${kb(r.raw)} KB raw) of ${BUDGET_KB} KB budget`);
      console.log(`[budget] initial JavaScript: ${kb(r.gzip)} KB gzip (${kb(r.raw)} KB raw), budget ${BUDGET_KB} KB`);
    },
  };
}
