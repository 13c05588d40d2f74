/**
 * `pnpm bench` (e2e part): the timing promises the tests hold only to a ceiling (promises.ts, hospital scale), the
 * dashboard pages against the room's targets (dashboard-pages.ts), write latency
 * under ten concurrent writers (writes.ts), the Excel imports (import.ts: a 5,000-person roll; import-activities.ts:
 * 2,000 meetings with 20,000 attendance rows), then the peers benchmark, the aggregates benchmark and the
 * indicators benchmark, with the same arguments (--scale).
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const OWN_ARGS = ['promises.ts', 'dashboard-pages.ts', 'writes.ts', 'import.ts', 'import-activities.ts'];
for (const script of [...OWN_ARGS, 'peers.ts', 'aggregates.ts', 'indicators.ts']) {
  const args = OWN_ARGS.includes(script) ? [] : process.argv.slice(2);
  const r = spawnSync(process.execPath, [join(here, script), ...args], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
