/** `pnpm bench` (e2e part): the peers benchmark, the aggregates benchmark, then the indicators benchmark, with the same arguments (--scale). */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
for (const script of ['peers.ts', 'aggregates.ts', 'indicators.ts']) {
  const r = spawnSync(process.execPath, [join(here, script), ...process.argv.slice(2)], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
