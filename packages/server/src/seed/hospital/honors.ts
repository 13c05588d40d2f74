/**
 * Honors at every level, to people and to collectives: the Party's around 七一, professional and union
 * honors on their days, the hospital's own, and for a large hospital one national collective award.
 * A year's honors draw from one stream, in the order `addHonors` gives them.
 */
import { dayOf, isoDay, ymd, type Day } from '../dates.js';
import type { Rng } from '../random.js';
import { stamp, type Hospital, type Person } from './model.js';

/** Professional honors to individuals: who can get one, what share of members a year, at which levels, on which day. */
const PERSON_AWARDS: {
  title: string;
  category: string;
  who: (p: Person) => boolean;
  share: number;
  levels: string[];
  month: number;
  day: number;
}[] = [
  {
    title: '优秀护士',
    category: 'administrative',
    who: (p) => p.category === 'nurse',
    share: 0.006,
    levels: ['hospital', 'hospital', 'municipal'],
    month: 5,
    day: 12,
  },
  {
    title: '优秀医师',
    category: 'administrative',
    who: (p) => p.category === 'physician',
    share: 0.008,
    levels: ['hospital', 'hospital', 'municipal', 'provincial'],
    month: 8,
    day: 19,
  },
  {
    title: '三八红旗手',
    category: 'union_league',
    who: (p) => p.gender === 'female',
    share: 0.003,
    levels: ['municipal', 'sector'],
    month: 3,
    day: 8,
  },
];

const PARTY_MEMBER_LEVELS = [
  ['hospital', 80],
  ['county', 5],
  ['sector', 8],
  ['municipal', 5],
  ['provincial', 1.6],
  ['national', 0.4],
] as const;
const PARTY_WORKER_LEVELS = [
  ['hospital', 80],
  ['sector', 12],
  ['municipal', 8],
] as const;
const BRANCH_LEVELS = [
  ['hospital', 70],
  ['sector', 15],
  ['municipal', 12],
  ['provincial', 3],
] as const;

/** Who awards an honor of each level: Party bodies for Party honors, the government's for the others. */
function issuers(hospitalName: string): Record<'party' | 'government', Record<string, string>> {
  return {
    party: {
      national: '中共中央组织部',
      provincial: '中共江南省委',
      municipal: '中共江城市委',
      county: '中共江城市江北区委',
      sector: '江城市卫生健康委员会党委',
      hospital: `${hospitalName}党委`,
    },
    government: {
      national: '国家卫生健康委员会',
      provincial: '江南省人民政府',
      municipal: '江城市人民政府',
      county: '江城市江北区人民政府',
      sector: '江城市卫生健康委员会',
      hospital: hospitalName,
    },
  };
}

/** The kind of the issuer issuers() names: Party bodies, the health commission, the hospital, the government. */
function issuerKind(x: { category: string; level: string }): string {
  if (x.category === 'party') return 'party';
  return x.level === 'sector' ? 'health_authority' : x.level === 'hospital' ? 'hospital' : 'government';
}

interface HonorSpec {
  type: string;
  member?: Person;
  org?: number;
  dept?: number;
  title: string;
  category: string;
  level: string;
  day: Day;
}
type Award = (x: HonorSpec) => void;

/** One year's honors: what each kind draws from. */
interface HonorYear {
  h: Hospital;
  hon: Rng;
  award: Award;
  activeMembers: Person[];
  y: number;
  /** The day of the 七一 honors. */
  july: Day;
}

export function addHonors(h: Hospital): void {
  const hon = h.r('honors');
  const award = honorWriter(h);
  const activeMembers = h.everyone.filter((p) => p.joined !== null && p.membership === 'active');
  let committeeHonored = false;
  for (let y = ymd(h.start).y - 1; y <= ymd(h.end).y; y++) {
    const july = dayOf(y, 6, 28);
    if (july > h.end) break;
    const year: HonorYear = { h, hon, award, activeMembers, y, july };
    honorPartyMembers(year);
    honorBranches(year);
    committeeHonored = honorCommittee(year, committeeHonored) || committeeHonored;
    honorModelBranch(year);
    honorProfessionals(year);
    honorHospital(year);
  }
  addNationalHonor(h, award);
}

function honorWriter({ sink, hospitalId, input }: Hospital): Award {
  const issuer = issuers(input.name);
  return (x) =>
    sink.add('honor', {
      id: sink.id('honor'),
      hospital_id: hospitalId,
      recipient_type: x.type,
      member_id: x.member?.id ?? null,
      organization_id: x.org ?? null,
      department_id: x.dept ?? null,
      title: x.title,
      category: x.category,
      level: x.level,
      issuer: issuer[x.category === 'party' ? 'party' : 'government'][x.level],
      issuer_kind: issuerKind(x),
      awarded_on: isoDay(x.day),
      created_at: stamp(x.day),
    });
}

/** 优秀共产党员 (2.5 % of the members) and 优秀党务工作者 (branch secretaries). */
function honorPartyMembers({ h, hon, award, activeMembers, july }: HonorYear): void {
  const n = Math.round(activeMembers.length * 0.025);
  for (const p of hon.sample(activeMembers, n)) {
    award({ type: 'person', member: p, title: '优秀共产党员', category: 'party', level: hon.weighted(PARTY_MEMBER_LEVELS), day: july });
  }
  const led = h.branches.filter((x) => x.secretaryId);
  for (const b of hon.sample(led, Math.max(1, Math.round(h.branches.length * 0.12)))) {
    const secretary = h.everyone.find((p) => p.id === b.secretaryId);
    award({
      type: 'person',
      member: secretary,
      title: '优秀党务工作者',
      category: 'party',
      level: hon.weighted(PARTY_WORKER_LEVELS),
      day: july,
    });
  }
}

/** 先进基层党组织 (a tenth of the branches), and now and then a 示范党支部 of the standardisation drive. */
function honorBranches({ h, hon, award, y, july }: HonorYear): void {
  for (const b of hon.sample(h.branches, Math.max(1, Math.round(h.branches.length * 0.1)))) {
    award({ type: 'branch', org: b.id, title: '先进基层党组织', category: 'party', level: hon.weighted(BRANCH_LEVELS), day: july });
  }
  if (hon.chance(0.4))
    award({
      type: 'branch',
      org: hon.pick(h.branches).id,
      title: '标准化规范化建设示范党支部',
      category: 'party',
      level: hon.pick(['sector', 'municipal', 'provincial']),
      day: dayOf(y, 11, 20),
    });
}

/** The committee's own honor comes every few years: at least once in the data's span. True when it came. */
function honorCommittee({ h, hon, award, y, july }: HonorYear, honoredBefore: boolean): boolean {
  const lastJuly = dayOf(y + 1, 6, 28) > h.end;
  if (!(hon.chance(0.3 * h.input.size) || (lastJuly && !honoredBefore))) return false;
  award({
    type: 'committee',
    org: h.committeeId,
    title: '先进基层党组织',
    category: 'party',
    level: hon.pick(['municipal', 'provincial']),
    day: july,
  });
  return true;
}

/** Rarely, a 全国党建工作样板支部. */
function honorModelBranch({ h, hon, award, y }: HonorYear): void {
  if (!hon.chance(0.05)) return;
  award({
    type: 'branch',
    org: hon.pick(h.branches).id,
    title: '全国党建工作样板支部',
    category: 'party',
    level: 'national',
    day: dayOf(y, 12, 15),
  });
}

/** Professional honors to people on their days, and union/league honors to departments on 五四. */
function honorProfessionals({ h, hon, award, activeMembers, y }: HonorYear): void {
  for (const a of PERSON_AWARDS) {
    for (const p of hon.sample(activeMembers.filter(a.who), Math.round(activeMembers.length * a.share))) {
      award({ type: 'person', member: p, title: a.title, category: a.category, level: hon.pick(a.levels), day: dayOf(y, a.month, a.day) });
    }
  }
  for (const d of hon.sample(h.departments, Math.max(1, Math.round(h.departments.length * 0.05)))) {
    award({
      type: 'department',
      dept: d.id,
      title: hon.pick(['青年文明号', '巾帼文明岗', '工人先锋号']),
      category: 'union_league',
      level: hon.pick(['municipal', 'provincial', 'sector']),
      day: dayOf(y, 5, 4),
    });
  }
}

/** The hospital's own honors: 文明单位 some years, a research award to a team most years (in this order). */
const HOSPITAL_HONORS = [
  { chance: 0.3, type: 'hospital', title: '文明单位', category: 'civilization', month: 12, day: 20 },
  { chance: 0.5, type: 'team', title: '科学技术进步奖', category: 'research', month: 10, day: 15 },
];

function honorHospital({ hon, award, y }: HonorYear): void {
  for (const x of HOSPITAL_HONORS) {
    if (hon.chance(x.chance))
      award({
        type: x.type,
        title: x.title,
        category: x.category,
        level: hon.pick(['municipal', 'provincial']),
        day: dayOf(y, x.month, x.day),
      });
  }
}

/** A large hospital collects the odd national honor: one collective award to a department in the window. */
function addNationalHonor({ input, start, end, r, departments }: Hospital, award: Award): void {
  const nat = r('national-honor');
  if (input.size < 0.9 || !departments.length) return;
  const day = start + nat.int(0, end - start);
  award({
    type: 'department',
    dept: nat.pick(departments).id,
    title: '全国卫生健康系统先进集体',
    category: 'administrative',
    level: 'national',
    day,
  });
}
