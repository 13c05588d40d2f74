/**
 * `pnpm --filter @party-hub/e2e run bench:import-activities [--people 2000] [--activities 2000] [--per 10]`:
 * on the demo hospital freshly seeded into a throw-away data directory, a members roll (so the attendees'
 * ID-card numbers are known), then one activities file (sheets 活动 and 出勤: branch general meetings spread
 * over three years, each with `per` of its branch's people) through importDryRun and importCommit over HTTP
 * as the committee; then the same file again (everything unchanged). Prints the seconds of each step, the
 * hub's peak resident memory and `indicators verify` (must be 0 differences). A sheet holds at most 20,000
 * rows: three years of a hospital's meetings (≈ 150 k attendance rows) is several such files.
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

const { values: args } = parseArgs({
  options: {
    people: { type: 'string', default: '2000' },
    activities: { type: 'string', default: '2000' },
    per: { type: 'string', default: '10' },
  },
  allowPositionals: true,
});
const PEOPLE = Number(args.people);
const ACTIVITIES = Number(args.activities);
const PER = Number(args.per);

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const idCard = (first17: string) => first17 + '10X98765432'[WEIGHTS.reduce((s, w, i) => s + w * Number(first17[i]), 0) % 11];

/** The i-th person's ID-card number (unique for i < 30 × 12 × 28 × 1000 / …: enough here). */
function id(i: number): string {
  const year = 1970 + (i % 30);
  return idCard(
    `330103${year}${String(1 + (i % 12)).padStart(2, '0')}${String(1 + (i % 28)).padStart(2, '0')}${String(i % 1000).padStart(3, '0')}`,
  );
}

async function xlsx(sheets: Record<string, unknown[][]>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    for (const r of rows) ws.addRow(r);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const roll = (branches: string[]) =>
  xlsx({
    党员名册: [
      ['姓名', '身份证号', '性别', '所在党支部', '政治面貌', '入党日期', '转正日期', '学历', '职称', '人员类别'],
      ...Array.from({ length: PEOPLE }, (_, i) => {
        const n = id(i);
        const year = 1970 + (i % 30);
        return [
          `基准${i}`,
          n,
          Number(n[16]) % 2 ? '男' : '女',
          branches[i % branches.length],
          '正式党员',
          `${year + 25}-07-01`,
          `${year + 26}-07-01`,
          '大学本科',
          '中级',
          '护士',
        ];
      }),
    ],
  });

/** Activities over the three years before December 2026, each with PER of its branch's people. */
function activities(branches: string[]) {
  const acts: unknown[][] = [['党组织', '活动类型', '日期', '主题']];
  const att: unknown[][] = [['党组织', '活动类型', '日期', '主题', '身份证号', '出勤状态']];
  const start = Date.UTC(2023, 11, 1);
  for (let a = 0; a < ACTIVITIES; a++) {
    const k = a % branches.length;
    const day = new Date(start + Math.floor((a / ACTIVITIES) * 1090) * 86_400_000).toISOString().slice(0, 10);
    const key = [branches[k], '支部党员大会', day, `基准会议${a}`];
    acts.push(key);
    const members = Array.from({ length: Math.ceil(PEOPLE / branches.length) }, (_, j) => k + j * branches.length).filter(
      (i) => i < PEOPLE,
    );
    for (let j = 0; j < Math.min(PER, members.length); j++)
      att.push([...key, id(members[(a + j) % members.length]), j % 7 ? '出席' : '请假']);
  }
  return { acts, att };
}

const rssPeak = (pid: number) => Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
const rssNow = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

async function timed<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const t = performance.now();
  const r = await fn();
  console.log(`| ${label} | ${((performance.now() - t) / 1000).toFixed(2)} s |`);
  return r;
}

const DRY = (kind: string) =>
  `mutation($f: String!) { importDryRun(kind: ${kind}, file: $f) { fileHash create update unchanged problemCount problems { sheet row column zh } } }`;
const COMMIT = (kind: string) =>
  `mutation($f: String!, $h: String!) { importCommit(kind: ${kind}, file: $f, dryRunHash: $h) { sheets { sheet create update unchanged } } }`;

async function run(url: string, kind: string, file: string, round: string) {
  const dry = await timed(`${round}: importDryRun`, () => gql(url, DRY(kind), { f: file }));
  const r = dry.data?.importDryRun;
  if (!r || r.problemCount) throw new Error(`dry run: ${JSON.stringify(dry.errors ?? r.problems.slice(0, 5))}`);
  const c = await timed(`${round}: importCommit`, () => gql(url, COMMIT(kind), { f: file, h: r.fileHash }));
  if (!c.data) throw new Error(`commit: ${JSON.stringify(c.errors)}`);
  console.log(`|   → ${JSON.stringify(c.data.importCommit.sheets)} | |`);
}

const dataDir = await mkdtemp(join(process.getuid?.() === 0 ? '/var/lib' : tmpdir(), 'party-hub-bench-import-'));
const hub = await startHub({ HUB_DATA_DIR: dataDir, HUB_SEED: 'hospital' }, 10 * 60_000);
try {
  const orgs = await gql(hub.url, `{ organizations(first: 100, filter: { kind: { in: [BRANCH] } }) { nodes { name dissolvedOn } } }`);
  const names: string[] = orgs.data.organizations.nodes
    .filter((o: { dissolvedOn: string | null }) => !o.dissolvedOn)
    .map((o: { name: string }) => o.name);
  const unique = names.filter((n) => names.indexOf(n) === names.lastIndexOf(n));
  await run(hub.url, 'MEMBERS', (await roll(unique)).toString('base64'), `members roll (${PEOPLE})`);
  const { acts, att } = activities(unique);
  const buf = await xlsx({ 活动: acts, 出勤: att });
  const file = buf.toString('base64');
  const idle = rssNow(hub.child.pid!);
  console.log(
    `\nactivities: ${(acts.length - 1).toLocaleString('en')} activities, ${(att.length - 1).toLocaleString('en')} attendance rows, ${unique.length} branches, ${(buf.length / 1024).toFixed(0)} KB .xlsx; hub ${idle.toFixed(0)} MB before\n`,
  );
  console.log('| step | time |\n|---|---|');
  await run(hub.url, 'ACTIVITIES', file, 'first import');
  await run(hub.url, 'ACTIVITIES', file, 'same file again');
  console.log(`\nhub peak resident memory ${rssPeak(hub.child.pid!).toFixed(0)} MB (${idle.toFixed(0)} MB before the activities)`);
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
