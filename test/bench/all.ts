/**
 * `pnpm bench` (e2e part): the timing promises the tests hold only to a ceiling (promises.ts, hospital scale), the
 * dashboard pages against the room's targets (dashboard-pages.ts), write latency
 * under ten concurrent writers (writes.ts), then the peers
 * benchmark, the aggregates benchmark and the indicators benchmark, with the same arguments (--scale).
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
for (const script of ['promises.ts', 'dashboard-pages.ts', 'writes.ts', 'peers.ts', 'aggregates.ts', 'indicators.ts']) {
  const args = ['promises.ts', 'dashboard-pages.ts', 'writes.ts'].includes(script) ? [] : process.argv.slice(2);
  const r = spawnSync(process.execPath, [join(here, script), ...args], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
