/**
 * Honors at all levels (mostly around 七一) and model posts.
 */
import { dayOf, isoDay, ymd, type Day } from '../dates.js';
import { stamp, YEAR, labelOf, type Hospital, type Person } from './model.js';

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

export function addRecognition(h: Hospital): void {
  const { input, sink, start, end, r, committeeId, hospitalId, branches, departments, everyone } = h;
  const hon = r('honors');
  const activeMembers = everyone.filter((p) => p.joined !== null && p.membership === 'active');
  const partyIssuer: Record<string, string> = {
    national: '中共中央组织部',
    provincial: '中共江南省委',
    municipal: '中共江城市委',
    county: '中共江城市江北区委',
    sector: '江城市卫生健康委员会党委',
    hospital: `${input.name}党委`,
  };
  const govIssuer: Record<string, string> = {
    national: '国家卫生健康委员会',
    provincial: '江南省人民政府',
    municipal: '江城市人民政府',
    county: '江城市江北区人民政府',
    sector: '江城市卫生健康委员会',
    hospital: input.name,
  };
  const honor = (x: {
    type: string;
    member?: Person;
    org?: number;
    dept?: number;
    title: string;
    category: string;
    level: string;
    day: Day;
  }) =>
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
      issuer: (x.category === 'party' ? partyIssuer : govIssuer)[x.level],
      awarded_on: isoDay(x.day),
      created_at: stamp(x.day),
    });
  let committeeHonors = 0;
  for (let y = ymd(start).y - 1; y <= ymd(end).y; y++) {
    const july = dayOf(y, 6, 28);
    if (july > end) break;
    const n = Math.round(activeMembers.length * 0.025);
    for (const p of hon.sample(activeMembers, n)) {
      honor({
        type: 'person',
        member: p,
        title: '优秀共产党员',
        category: 'party',
        level: hon.weighted([
          ['hospital', 80],
          ['county', 5],
          ['sector', 8],
          ['municipal', 5],
          ['provincial', 1.6],
          ['national', 0.4],
        ] as const),
        day: july,
      });
    }
    for (const b of hon.sample(
      branches.filter((x) => x.secretaryId),
      Math.max(1, Math.round(branches.length * 0.12)),
    )) {
      honor({
        type: 'person',
        member: everyone.find((p) => p.id === b.secretaryId),
        title: '优秀党务工作者',
        category: 'party',
        level: hon.weighted([
          ['hospital', 80],
          ['sector', 12],
          ['municipal', 8],
        ] as const),
        day: july,
      });
    }
    for (const b of hon.sample(branches, Math.max(1, Math.round(branches.length * 0.1)))) {
      honor({
        type: 'branch',
        org: b.id,
        title: '先进基层党组织',
        category: 'party',
        level: hon.weighted([
          ['hospital', 70],
          ['sector', 15],
          ['municipal', 12],
          ['provincial', 3],
        ] as const),
        day: july,
      });
    }
    if (hon.chance(0.4))
      honor({
        type: 'branch',
        org: hon.pick(branches).id,
        title: '标准化规范化建设示范党支部',
        category: 'party',
        level: hon.pick(['sector', 'municipal', 'provincial']),
        day: dayOf(y, 11, 20),
      });
    // The committee's own honor comes every few years: at least once in the data's span.
    const lastJuly = dayOf(y + 1, 6, 28) > end;
    const committeeHonored = hon.chance(0.3 * input.size) || (lastJuly && !committeeHonors);
    if (committeeHonored) committeeHonors++;
    if (committeeHonored)
      honor({
        type: 'committee',
        org: committeeId,
        title: '先进基层党组织',
        category: 'party',
        level: hon.pick(['municipal', 'provincial']),
        day: july,
      });
    if (hon.chance(0.05))
      honor({
        type: 'branch',
        org: hon.pick(branches).id,
        title: '全国党建工作样板支部',
        category: 'party',
        level: 'national',
        day: dayOf(y, 12, 15),
      });
    for (const a of PERSON_AWARDS) {
      for (const p of hon.sample(activeMembers.filter(a.who), Math.round(activeMembers.length * a.share))) {
        honor({
          type: 'person',
          member: p,
          title: a.title,
          category: a.category,
          level: hon.pick(a.levels),
          day: dayOf(y, a.month, a.day),
        });
      }
    }
    for (const d of hon.sample(departments, Math.max(1, Math.round(departments.length * 0.05)))) {
      honor({
        type: 'department',
        dept: d.id,
        title: hon.pick(['青年文明号', '巾帼文明岗', '工人先锋号']),
        category: 'union_league',
        level: hon.pick(['municipal', 'provincial', 'sector']),
        day: dayOf(y, 5, 4),
      });
    }
    if (hon.chance(0.3))
      honor({
        type: 'hospital',
        title: '文明单位',
        category: 'civilization',
        level: hon.pick(['municipal', 'provincial']),
        day: dayOf(y, 12, 20),
      });
    if (hon.chance(0.5))
      honor({
        type: 'team',
        title: '科学技术进步奖',
        category: 'research',
        level: hon.pick(['municipal', 'provincial']),
        day: dayOf(y, 10, 15),
      });
  }

  // A large hospital collects the odd national honor: one collective award to a department in the window.
  const nat = r('national-honor');
  if (input.size >= 0.9 && departments.length) {
    const day = start + nat.int(0, end - start);
    honor({
      type: 'department',
      dept: nat.pick(departments).id,
      title: '全国卫生健康系统先进集体',
      category: 'administrative',
      level: 'national',
      day,
    });
  }

  const mp = r('model-posts');
  for (const branch of branches) {
    const k = branch.category === 'retired' ? (mp.chance(0.3) ? 1 : 0) : mp.poisson(0.9);
    for (let i = 0; i < k; i++) {
      const type = mp.weighted([
        ['model_post', 40],
        ['vanguard_post', 25],
        ['service_desk', 15],
        ['commando_team', 10],
        ['responsibility_area', 10],
      ] as const);
      const holder = branch.people.filter((p) => p.joined !== null && p.membership === 'active');
      const established = start - 2 * YEAR + mp.int(0, 3 * YEAR);
      const byMember = (type === 'model_post' || type === 'responsibility_area') && holder.length > 0;
      const dept = branch.deptIds.length ? mp.pick(branch.deptIds) : null;
      const deptName = departments.find((d) => d.id === dept)?.name ?? branch.name.replace(/党支部$/, '');
      sink.add('model_post', {
        id: sink.id('model_post'),
        type,
        title: `${deptName}${labelOf(type)}`,
        member_id: byMember ? mp.pick(holder).id : null,
        department_id: type === 'vanguard_post' ? dept : null,
        organization_id: byMember || (type === 'vanguard_post' && dept) ? null : branch.id,
        level: mp.weighted([
          ['hospital', 80],
          ['sector', 10],
          ['municipal', 8],
          ['provincial', 2],
        ] as const),
        established_on: isoDay(established),
        revoked_on: mp.chance(0.1) ? isoDay(Math.min(end, established + mp.int(180, 700))) : null,
        created_at: stamp(Math.min(established, end)),
      });
    }
  }
}
