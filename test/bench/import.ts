/**
 * `pnpm --filter @party-hub/e2e run bench:import [--people 5000]`: a members roll of that many people
 * (.xlsx, spread over the demo hospital's branches) through importDryRun and importCommit over HTTP, as the
 * committee, on the demo hospital freshly seeded into a throw-away data directory; then the same file
 * again (everything unchanged). Prints the seconds of each step, the hub's peak resident memory, and the
 * cells checked against a rebuild (`indicators verify`, must be 0 differences). The ceiling: dry
 * run and commit of 5,000 people ≤ 15 s each.
 */
import ExcelJS from 'exceljs';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { embeddedDbUrl, gql, repoRoot, startHub } from '../support/hub-process.ts';

const { values: args } = parseArgs({ options: { people: { type: 'string', default: '5000' } }, allowPositionals: true });
const PEOPLE = Number(args.people);

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const idCard = (first17: string) => first17 + '10X98765432'[WEIGHTS.reduce((s, w, i) => s + w * Number(first17[i]), 0) % 11];

/** The i-th person: a full member with a unique valid ID-card number, gender matching it. */
function person(i: number, branch: string): unknown[] {
  const year = 1970 + (i % 30);
  const id = idCard(
    `330102${year}${String(1 + (i % 12)).padStart(2, '0')}${String(1 + (i % 28)).padStart(2, '0')}${String(i % 1000).padStart(3, '0')}`,
  );
  return [
    `基准${i}`,
    id,
    Number(id[16]) % 2 ? '男' : '女',
    branch,
    '正式党员',
    `${year + 25}-07-01`,
    `${year + 26}-07-01`,
    '大学本科',
    '中级',
    '护士',
    `139${String(i).padStart(8, '0')}`,
  ];
}

async function roll(branches: string[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('党员名册');
  ws.addRow(['姓名', '身份证号', '性别', '所在党支部', '政治面貌', '入党日期', '转正日期', '学历', '职称', '人员类别', '手机号']);
  for (let i = 0; i < PEOPLE; i++) ws.addRow(person(i, branches[i % branches.length]));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const rssPeak = (pid: number) => Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
const rssNow = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

async function timed<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const t = performance.now();
  const r = await fn();
  console.log(`| ${label} | ${((performance.now() - t) / 1000).toFixed(2)} s |`);
  return r;
}

const DRY = `mutation($f: String!) { importDryRun(kind: MEMBERS, file: $f) { fileHash create update unchanged problemCount problems { row column zh } } }`;
const COMMIT = `mutation($f: String!, $h: String!) { importCommit(kind: MEMBERS, file: $f, dryRunHash: $h) { create update unchanged } }`;

async function run(url: string, file: string, round: string) {
  const dry = await timed(`${round}: importDryRun`, () => gql(url, DRY, { f: file }));
  const r = dry.data?.importDryRun;
  if (!r || r.problemCount) throw new Error(`dry run: ${JSON.stringify(dry.errors ?? r.problems.slice(0, 5))}`);
  const c = await timed(`${round}: importCommit`, () => gql(url, COMMIT, { f: file, h: r.fileHash }));
  if (!c.data) throw new Error(`commit: ${JSON.stringify(c.errors)}`);
  console.log(`|   → ${JSON.stringify(c.data.importCommit)} | |`);
}

const dataDir = await mkdtemp(join(process.getuid?.() === 0 ? '/var/lib' : tmpdir(), 'party-hub-bench-import-'));
const hub = await startHub({ HUB_DATA_DIR: dataDir, HUB_SEED: 'hospital' }, 10 * 60_000);
try {
  const orgs = await gql(hub.url, `{ organizations(first: 100, filter: { kind: { in: [BRANCH] } }) { nodes { name dissolvedOn } } }`);
  const names: string[] = orgs.data.organizations.nodes
    .filter((o: { dissolvedOn: string | null }) => !o.dissolvedOn)
    .map((o: { name: string }) => o.name);
  const unique = names.filter((n) => names.indexOf(n) === names.lastIndexOf(n));
  const buf = await roll(unique);
  const file = buf.toString('base64');
  const idle = rssNow(hub.child.pid!);
  console.log(
    `\nmembers roll: ${PEOPLE.toLocaleString('en')} people, ${unique.length} branches, ${(buf.length / 1024).toFixed(0)} KB .xlsx; hub idle ${idle.toFixed(0)} MB\n`,
  );
  console.log('| step | time |\n|---|---|');
  await run(hub.url, file, 'first import');
  await run(hub.url, file, 'same file again');
  console.log(`\nhub peak resident memory ${rssPeak(hub.child.pid!).toFixed(0)} MB (idle ${idle.toFixed(0)} MB before the imports)`);
  const verify = spawnSync(process.execPath, [join(repoRoot, 'packages/server/dist/cli/indicators.js'), 'verify'], {
    env: { ...process.env, DATABASE_URL: embeddedDbUrl(hub, dataDir) },
    encoding: 'utf8',
  });
  console.log(`indicators verify: ${verify.stdout.trim().split('\n').at(-1)}`);
  if (verify.status !== 0) process.exitCode = 1;
} finally {
  hub.child.kill('SIGTERM');
  await hub.exited;
  await rm(dataDir, { recursive: true, force: true });
}
