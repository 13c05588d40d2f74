/**
 * Positions: secretaries (mostly department heads, with the previous term), branch committees of 3–5
 * where a branch has ≥ 7 full members, group leaders, general-branch and committee secretaries.
 */
import { addMonths, type Day } from '../dates.js';
import { TITLE_RANK } from './members.js';
import { YEAR, type Hospital, type Person } from './model.js';

export function appointPositions(h: Hospital): void {
  const { start, end, r, committeeId, generals, branches, everyone } = h;
  const positions: { org: number; member: Person; role: string; from: Day; to: Day | null }[] = [];
  for (const branch of branches) {
    const b = r(`positions:${branch.id}`);
    const fullMembers = branch.people.filter((p) => p.joined !== null && p.joined < branch.termStart - 30 && p.membership === 'active');
    if (!fullMembers.length) continue;
    let head = fullMembers.find((p) => p.isDeptHead);
    // A branch built on a department is led by one of its heads: the director's branch by the director,
    // a nursing branch by the head nurse (护士长). Where no head is a member yet, the senior member heads
    // the unit (a deputy director or head nurse) in most branches.
    if (!head && ['clinical', 'medtech', 'nursing'].includes(branch.category) && b.chance(0.9)) {
      head = fullMembers.reduce((a, c) =>
        TITLE_RANK[c.title]! > TITLE_RANK[a.title]! || (c.title === a.title && c.birth < a.birth) ? c : a,
      );
      head.isDeptHead = true;
      head.isBackbone = true;
    }
    // The 2018 opinion: the secretary is generally a department head who is a member (≈ 90 % after the reform).
    const secretary =
      head && b.chance(0.95)
        ? head
        : (fullMembers.filter((p) => p.title.startsWith('senior') || p.title === 'intermediate').toSorted((x, y) => x.birth - y.birth)[0] ??
          fullMembers[0]);
    branch.secretaryId = secretary.id;
    positions.push({ org: branch.id, member: secretary, role: 'secretary', from: branch.termStart, to: null });
    const prevStart = branch.termStart - 3 * YEAR;
    if (prevStart < end) {
      // The previous term's secretary was a member by then (they attend committee meetings from its start).
      const eligible = fullMembers.filter((p) => p.joined! < prevStart - 30);
      const prev = eligible.includes(secretary) && b.chance(0.6) ? secretary : eligible.length ? b.pick(eligible) : null;
      if (prev) positions.push({ org: branch.id, member: prev, role: 'secretary', from: prevStart, to: branch.termStart - 1 });
    }
    branch.committee = [secretary.id];
    // ≥ 7 full members: a branch committee of 3–5.
    if (fullMembers.length >= 7) {
      const others = b.sample(
        fullMembers.filter((p) => p !== secretary),
        b.int(2, 4),
      );
      const roles = ['organization_member', 'publicity_member', 'discipline_member', 'deputy_secretary'];
      others.forEach((p, i) => {
        positions.push({ org: branch.id, member: p, role: roles[i], from: branch.termStart, to: null });
        branch.committee.push(p.id);
      });
    }
    for (const g of branch.groups) {
      const inGroup = branch.people.filter((p) => p.groupId === g && p.joined !== null && p.membership === 'active');
      if (inGroup.length) positions.push({ org: g, member: b.pick(inGroup), role: 'group_leader', from: branch.termStart, to: null });
    }
  }
  const veterans = everyone.filter((p) => p.joined !== null && p.title === 'senior_full' && p.membership === 'active' && p.joined < start);
  const leadersRng = r('leaders');
  for (const g of generals) {
    const inGeneral = branches
      .filter((b) => b.generalId === g.id)
      .flatMap((b) => b.people.filter((p) => p.joined !== null && p.membership === 'active' && p.joined < start));
    if (inGeneral.length)
      positions.push({
        org: g.id,
        member: leadersRng.pick(inGeneral),
        role: 'general_branch_secretary',
        from: addMonths(end, -leadersRng.int(6, 34), 1),
        to: null,
      });
  }
  const committeeSecretary = veterans.length ? leadersRng.pick(veterans) : everyone.find((p) => p.joined !== null)!;
  positions.push({
    org: committeeId,
    member: committeeSecretary,
    role: 'committee_secretary',
    from: addMonths(end, -leadersRng.int(12, 50), 1),
    to: null,
  });
  h.committeeSecretary = committeeSecretary;
  h.positions = positions;
}
