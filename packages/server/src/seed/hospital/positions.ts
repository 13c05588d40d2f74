/**
 * Positions: secretaries (mostly department heads, with the previous term), branch committees of 3–5
 * where a branch has ≥ 7 full members, group leaders, general-branch and committee secretaries.
 */
import { addMonths } from '../dates.js';
import type { Rng } from '../random.js';
import { TITLE_RANK } from './members.js';
import { YEAR, type Branch, type Hospital, type Person } from './model.js';

const COMMITTEE_ROLES = ['organization_member', 'publicity_member', 'discipline_member', 'deputy_secretary'];

export function appointPositions(h: Hospital): void {
  for (const branch of h.branches) appointBranch(h, branch);
  appointLeaders(h);
}

/** A branch's secretary (and the previous term's), committee and group leaders; none where no member is eligible. */
function appointBranch(h: Hospital, branch: Branch): void {
  const b = h.r(`positions:${branch.id}`);
  // Full members (converted: a probationary member holds no position) who had joined before the term began.
  const fullMembers = branch.people.filter(
    (p) => p.joined !== null && p.converted !== null && p.joined < branch.termStart - 30 && p.membership === 'active',
  );
  if (!fullMembers.length) return;
  const secretary = chooseSecretary(b, branch, fullMembers);
  branch.secretaryId = secretary.id;
  h.positions.push({ org: branch.id, member: secretary, role: 'secretary', from: branch.termStart, to: null });
  appointPreviousSecretary(h, b, branch, fullMembers, secretary);
  branch.committee = [secretary.id];
  // ≥ 7 full members: a branch committee of 3–5.
  if (fullMembers.length >= 7) {
    const others = b.sample(
      fullMembers.filter((p) => p !== secretary),
      b.int(2, 4),
    );
    others.forEach((p, i) => {
      h.positions.push({ org: branch.id, member: p, role: COMMITTEE_ROLES[i], from: branch.termStart, to: null });
      branch.committee.push(p.id);
    });
  }
  appointGroupLeaders(h, b, branch);
}

/**
 * The 2018 opinion: the secretary is generally a department head who is a member (≈ 90 % after the
 * reform); otherwise the oldest senior or intermediate member.
 */
function chooseSecretary(b: Rng, branch: Branch, fullMembers: Person[]): Person {
  const head = findHead(b, branch, fullMembers);
  if (head && b.chance(0.95)) return head;
  const seasoned = fullMembers.filter((p) => p.title.startsWith('senior') || p.title === 'intermediate');
  return seasoned.toSorted((x, y) => x.birth - y.birth)[0] ?? fullMembers[0];
}

/**
 * A branch built on a department is led by one of its heads: the director's branch by the director,
 * a nursing branch by the head nurse (护士长). Where no head is a member yet, the senior member heads
 * the unit (a deputy director or head nurse) in most branches.
 */
function findHead(b: Rng, branch: Branch, fullMembers: Person[]): Person | undefined {
  const head = fullMembers.find((p) => p.isDeptHead);
  if (head || !['clinical', 'medtech', 'nursing'].includes(branch.category) || !b.chance(0.9)) return head;
  const senior = fullMembers.reduce((a, c) =>
    TITLE_RANK[c.title] > TITLE_RANK[a.title] || (c.title === a.title && c.birth < a.birth) ? c : a,
  );
  senior.isDeptHead = true;
  senior.isBackbone = true;
  return senior;
}

/** The previous term's secretary, when that term began before the end date: often the same person, a member by then. */
function appointPreviousSecretary(h: Hospital, b: Rng, branch: Branch, fullMembers: Person[], secretary: Person): void {
  const prevStart = branch.termStart - 3 * YEAR;
  if (prevStart >= h.end) return;
  // The previous term's secretary was a member by then (they attend committee meetings from its start).
  const eligible = fullMembers.filter((p) => p.joined! < prevStart - 30);
  const prev = eligible.includes(secretary) && b.chance(0.6) ? secretary : eligible.length ? b.pick(eligible) : null;
  if (prev) h.positions.push({ org: branch.id, member: prev, role: 'secretary', from: prevStart, to: branch.termStart - 1 });
}

function appointGroupLeaders(h: Hospital, b: Rng, branch: Branch): void {
  for (const g of branch.groups) {
    const inGroup = branch.people.filter(
      (p) => p.groupId === g && p.joined !== null && p.converted !== null && p.joined < branch.termStart && p.membership === 'active',
    );
    if (inGroup.length) h.positions.push({ org: g, member: b.pick(inGroup), role: 'group_leader', from: branch.termStart, to: null });
  }
}

/** General-branch secretaries and the committee's secretary (a senior member since before the window). */
function appointLeaders(h: Hospital): void {
  const { start, end, r, committeeId, generals, branches, everyone, positions } = h;
  const veterans = everyone.filter(
    (p) => p.joined !== null && p.converted !== null && p.title === 'senior_full' && p.membership === 'active' && p.joined < start,
  );
  const leadersRng = r('leaders');
  for (const g of generals) {
    const inGeneral = branches
      .filter((b) => b.generalId === g.id)
      .flatMap((b) => b.people.filter((p) => p.joined !== null && p.converted !== null && p.membership === 'active' && p.joined < start));
    if (inGeneral.length)
      positions.push({
        org: g.id,
        member: leadersRng.pick(inGeneral),
        role: 'general_branch_secretary',
        from: addMonths(end, -leadersRng.int(6, 34), 1),
        to: null,
      });
  }
  const committeeSecretary = veterans.length ? leadersRng.pick(veterans) : everyone.find((p) => p.converted !== null)!;
  positions.push({
    org: committeeId,
    member: committeeSecretary,
    role: 'committee_secretary',
    from: addMonths(end, -leadersRng.int(12, 50), 1),
    to: null,
  });
  h.committeeSecretary = committeeSecretary;
}
