/** `pnpm indicators:readme`: rewrites the README's indicator table from the catalog. */
import { readFileSync, writeFileSync } from 'node:fs';
import { withIndicatorTable } from './readme.ts';

const file = new URL('../../../README.md', import.meta.url);
writeFileSync(file, withIndicatorTable(readFileSync(file, 'utf8')));
console.log('README.md: indicator table rewritten from packages/schema/src/catalog.ts');
