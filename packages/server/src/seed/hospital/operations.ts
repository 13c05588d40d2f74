/**
 * Medical-ethics events and monthly business figures per department. A few departments are weaker:
 * more complaints, fewer banners, lower satisfaction (surveys.ts plans responses with the same factor).
 */
import { addMonths, daysInMonth, isoDay, monthStart, ymd, type Day } from '../dates.js';
import type { Rng } from '../random.js';
import { stamp, type Dept, type Hospital, type Person } from './model.js';

/** A department's standing figures and the streams its months draw from. */
interface DeptOperations {
  h: Hospital;
  d: Dept;
  /** 1 for a weaker department, else 0. */
  weak: number;
  staffMembers: Person[];
  staff: number;
  senior: number;
  eth: Rng;
  met: Rng;
}

export function addOperations(h: Hospital): void {
  h.weakness = new Map(h.departments.map((d) => [d.id, h.r(`weak:${d.id}`).chance(0.15) ? 1 : 0]));
  const eth = h.r('ethics');
  const met = h.r('metrics');
  const lastFullMonth = addMonths(h.end, -1); // the month before the end date's month
  for (const d of h.departments) {
    const dept = deptOperations(h, d, eth, met);
    for (const m of h.months) {
      if (m > h.end) break;
      const complaints = addEthicsEvents(dept, m);
      if (m <= lastFullMonth) addMetrics(dept, m, complaints); // business figures arrive after the month closes
    }
  }
}

function deptOperations(h: Hospital, d: Dept, eth: Rng, met: Rng): DeptOperations {
  const staffMembers = h.everyone.filter((p) => p.deptId === d.id && p.membership === 'active');
  const staff = Math.max(8, Math.round(staffMembers.length * (2.2 + met.float())));
  // Senior-title staff include every senior-titled person on the roll (members are a share of them, never more).
  const seniorOnRoll = staffMembers.filter((p) => p.title === 'senior_full' || p.title === 'senior_associate').length;
  const senior = Math.max(1, Math.round(staff * (d.type === 'clinical' ? 0.3 : 0.15)), Math.ceil(seniorOnRoll / 0.75));
  return { h, d, weak: h.weakness.get(d.id)!, staffMembers, staff, senior, eth, met };
}

/** How many events of each kind a department has in a month: clinical ones many more, weak ones worse. */
function drawEthicsCounts({ d, weak, eth }: DeptOperations): [string, number][] {
  if (d.type !== 'clinical')
    return [
      ['thank_letter', eth.poisson(0.2)],
      ['complaint', eth.poisson(0.08)],
    ];
  return [
    ['banner', eth.poisson(d.weight * (weak ? 0.4 : 0.9))],
    ['thank_letter', eth.poisson(d.weight * (weak ? 0.5 : 1.1))],
    ['refused_red_envelope', eth.poisson(d.weight * 0.12)],
    ['complaint', eth.poisson(d.weight * (weak ? 1.1 : 0.3))],
    ['dispute', eth.poisson(weak ? 0.08 : 0.02)],
  ];
}

/** The month's ethics events (up to the end date in its last month); returns the number of complaints. */
function addEthicsEvents(dept: DeptOperations, m: Day): number {
  const { h, d, staffMembers, eth } = dept;
  const { y, m: mon } = ymd(m);
  const dim = m === monthStart(h.end) ? ymd(h.end).d : daysInMonth(y, mon);
  let complaints = 0;
  for (const [type, n] of drawEthicsCounts(dept)) {
    for (let i = 0; i < n; i++) {
      const day = m + eth.int(0, dim - 1);
      if (type === 'complaint') complaints++;
      h.sink.add('ethics_event', {
        id: h.sink.id('ethics_event'),
        type,
        department_id: d.id,
        member_id: staffMembers.length && eth.chance(0.6) ? eth.pick(staffMembers).id : null,
        amount: type === 'refused_red_envelope' ? (eth.int(2, 50) * 100).toFixed(2) : null,
        occurred_on: isoDay(day),
        created_at: stamp(day, '17:00:00'),
      });
    }
  }
  return complaints;
}

/** The month's business figures, reported early the next month. */
function addMetrics({ h, d, staff, senior, met }: DeptOperations, m: Day, complaints: number): void {
  const clinical = d.type === 'clinical';
  const { m: mon } = ymd(m);
  const seasonal = 1 + 0.12 * Math.cos(((mon - 1) / 12) * 2 * Math.PI) - (mon === 2 ? 0.18 : 0);
  const metric = (code: string, value: number) =>
    h.sink.add('department_metric', {
      id: h.sink.id('department_metric'),
      department_id: d.id,
      month: isoDay(m),
      code,
      value: value.toFixed(2),
      created_at: stamp(addMonths(m, 1, 5)),
    });
  metric('staff_count', staff);
  metric('senior_title_staff', senior);
  if (clinical) {
    metric('outpatient_visits', Math.round(d.weight * 6500 * seasonal * (0.93 + met.float() * 0.14)));
    metric('discharges', Math.round(d.weight * 320 * seasonal * (0.93 + met.float() * 0.14)));
    if (d.surgical) metric('surgeries', Math.round(d.weight * 210 * seasonal * (0.92 + met.float() * 0.16)));
    metric('new_techniques', met.poisson(0.15 * d.weight));
  }
  if (clinical || d.type === 'medtech' || d.type === 'research') {
    metric('papers', met.poisson((clinical ? 0.9 : 0.5) * d.weight));
    if (mon % 3 === 0) metric('research_grants', met.poisson(0.8 * d.weight));
  }
  metric('complaints', complaints);
}
