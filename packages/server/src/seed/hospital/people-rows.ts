/**
 * Writes the people once every step that shapes them has run: members, their development events
 * (by member and date) and positions.
 */
import { isoDay } from '../dates.js';
import { stamp, type Branch, type Hospital, type Person } from './model.js';

export function writePeople(h: Hospital): void {
  for (const branch of h.branches) for (const p of branch.people) writeMember(h, branch, p);
  writeDevelopmentEvents(h);
  writePositions(h);
}

function writeMember({ sink, start, hospitalId }: Hospital, branch: Branch, p: Person): void {
  sink.add('member', {
    id: p.id,
    hospital_id: hospitalId,
    name: p.name,
    gender: p.gender,
    birth_date: isoDay(p.birth),
    ethnicity: p.ethnicity,
    education: p.education,
    professional_title: p.title,
    staff_category: p.category,
    department_id: p.deptId,
    is_dept_head: p.isDeptHead,
    is_backbone: p.isBackbone,
    is_frontline: branch.category === 'clinical' || branch.category === 'nursing',
    political_status: p.status,
    membership_status: p.membership,
    organization_id: branch.id,
    party_group_id: p.joined !== null ? p.groupId : null,
    joined_on: p.joined !== null ? isoDay(p.joined) : null,
    converted_on: p.converted !== null ? isoDay(p.converted) : null,
    id_card_no: p.idCard,
    mobile: p.mobile,
    // 工号: the hospital's staff number, six digits (from the person's id: no random draw, so nothing else moves).
    staff_no: String(p.id).padStart(6, '0'),
    created_at: stamp(Math.min(p.joined ?? start, start)),
  });
}

function writeDevelopmentEvents({ sink, events }: Hospital): void {
  events.sort((a, b) => a.member.id - b.member.id || a.day - b.day);
  for (const e of events) {
    sink.add('development_event', {
      id: sink.id('development_event'),
      member_id: e.member.id,
      stage: e.stage,
      event_date: isoDay(e.day),
      introducer1_id: e.intro?.[0] ?? null,
      introducer2_id: e.intro?.[1] ?? null,
      training_hours: e.hours ?? null,
      created_at: stamp(e.day, '16:00:00'),
    });
  }
}

function writePositions({ sink, positions }: Hospital): void {
  for (const p of positions) {
    // A discipline (academic) leader: a senior backbone. "双带头人" is a branch secretary who is one.
    const discipline = p.member.title.startsWith('senior') && p.member.isBackbone;
    sink.add('position', {
      id: sink.id('position'),
      organization_id: p.org,
      member_id: p.member.id,
      role: p.role,
      start_on: isoDay(p.from),
      end_on: p.to !== null ? isoDay(p.to) : null,
      is_dept_head: p.member.isDeptHead,
      is_discipline_leader: discipline,
      is_dual_leader: discipline && p.role === 'secretary',
      created_at: stamp(p.from),
    });
  }
}
