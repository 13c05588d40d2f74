/**
 * Medical-ethics events and monthly business figures per department. A few departments are weaker:
 * more complaints, fewer banners, lower satisfaction (the survey plan uses the same factor).
 */
import { addMonths, isoDay, monthStart, ymd } from '../dates.js';
import { stamp, type Hospital } from './model.js';

export function addOperations(h: Hospital): void {
  const { sink, end, r, departments, everyone, months } = h;
  // Ethics events and business figures per department and month. A few departments are weaker:
  // more complaints, fewer banners, lower satisfaction (the survey plan below uses the same factor).
  const weakness = new Map(departments.map((d) => [d.id, r(`weak:${d.id}`).chance(0.15) ? 1 : 0]));
  const eth = r('ethics');
  const met = r('metrics');
  const lastFullMonth = addMonths(end, -1); // the month before the end date's month
  for (const d of departments) {
    const clinical = d.type === 'clinical';
    const weak = weakness.get(d.id)!;
    const staffMembers = everyone.filter((p) => p.deptId === d.id && p.membership === 'active');
    const staff = Math.max(8, Math.round(staffMembers.length * (2.2 + met.float())));
    // Senior-title staff include every senior-titled person on the roll (members are a share of them, never more).
    const seniorOnRoll = staffMembers.filter((p) => p.title === 'senior_full' || p.title === 'senior_associate').length;
    const senior = Math.max(1, Math.round(staff * (clinical ? 0.3 : 0.15)), Math.ceil(seniorOnRoll / 0.75));
    for (const m of months) {
      if (m > end) break;
      const { m: mon } = ymd(m);
      const dim = m === monthStart(end) ? ymd(end).d : new Date(Date.UTC(ymd(m).y, mon, 0)).getUTCDate();
      const counts: [string, number][] = clinical
        ? [
            ['banner', eth.poisson(d.weight * (weak ? 0.4 : 0.9))],
            ['thank_letter', eth.poisson(d.weight * (weak ? 0.5 : 1.1))],
            ['refused_red_envelope', eth.poisson(d.weight * 0.12)],
            ['complaint', eth.poisson(d.weight * (weak ? 1.1 : 0.3))],
            ['dispute', eth.poisson(weak ? 0.08 : 0.02)],
          ]
        : [
            ['thank_letter', eth.poisson(0.2)],
            ['complaint', eth.poisson(0.08)],
          ];
      let complaints = 0;
      for (const [type, n] of counts) {
        for (let i = 0; i < n; i++) {
          const day = m + eth.int(0, dim - 1);
          if (type === 'complaint') complaints++;
          sink.add('ethics_event', {
            id: sink.id('ethics_event'),
            type,
            department_id: d.id,
            member_id: staffMembers.length && eth.chance(0.6) ? eth.pick(staffMembers).id : null,
            amount: type === 'refused_red_envelope' ? (eth.int(2, 50) * 100).toFixed(2) : null,
            occurred_on: isoDay(day),
            created_at: stamp(day, '17:00:00'),
          });
        }
      }
      if (m > lastFullMonth) continue; // business figures arrive after the month closes
      const seasonal = 1 + 0.12 * Math.cos(((mon - 1) / 12) * 2 * Math.PI) - (mon === 2 ? 0.18 : 0);
      const metric = (code: string, value: number) =>
        sink.add('department_metric', {
          id: sink.id('department_metric'),
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
  }
  h.weakness = weakness;
}
