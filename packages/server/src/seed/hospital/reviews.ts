/**
 * Party-building research projects and yearly assessments (四级分类考核; 优秀 at most a third).
 */
import { dayOf, isoDay, ymd } from '../dates.js';
import type { Rng } from '../random.js';
import { stamp, clamp, YEAR, gradeOf, type Branch, type Hospital } from './model.js';
import { RESEARCH_TOPICS } from './texts.js';

const PROJECT_LEVELS = [
  ['hospital', 50],
  ['sector', 20],
  ['municipal', 20],
  ['provincial', 10],
] as const;
const MEMBER_GRADES = [
  ['excellent', 28],
  ['good', 68],
  ['fair', 3.5],
  ['poor', 0.5],
] as const;

export function addReviews(h: Hospital): void {
  addResearchProjects(h);
  addAssessments(h);
}

/** About ten projects for a large hospital, approved over three years; their status by age. */
function addResearchProjects({ input, sink, start, end, r, committeeId, branches }: Hospital): void {
  const rp = r('research');
  for (let i = 0, n = Math.max(2, Math.round(10 * input.size)); i < n; i++) {
    const approved = start - YEAR + rp.int(0, 3 * YEAR);
    if (approved > end) continue;
    sink.add('research_project', {
      id: sink.id('research_project'),
      title: rp.pick(RESEARCH_TOPICS),
      organization_id: rp.chance(0.8) ? rp.pick(branches).id : committeeId,
      level: rp.weighted(PROJECT_LEVELS),
      approved_on: isoDay(approved),
      status: projectStatus(rp, end - approved),
      created_at: stamp(approved),
    });
  }
}

/** Newly approved, then in progress (a few terminated), after about 20 months mostly completed. */
function projectStatus(rp: Rng, age: number): string {
  if (age < 120) return 'approved';
  if (age < 600) return rp.chance(0.05) ? 'terminated' : 'in_progress';
  return rp.chance(0.85) ? 'completed' : 'in_progress';
}

/** Each full year: branches, their secretaries and members (民主评议), then the general-branch secretaries. */
function addAssessments(h: Hospital): void {
  const as = h.r('assessments');
  for (let y = ymd(h.start).y; dayOf(y, 12, 31) <= h.end; y++) {
    const at = stamp(dayOf(y + 1, 1, 15));
    for (const branch of h.branches) {
      assessBranch(h, as, branch, y, at);
      reviewMembers(h, as, branch, y, at);
    }
    for (const p of h.positions.filter((x) => x.role === 'general_branch_secretary')) {
      const s = clamp(88 + as.normal(0, 4), 60, 99);
      h.sink.add('assessment', {
        id: h.sink.id('assessment'),
        subject_type: 'general_branch_secretary',
        member_id: p.member.id,
        organization_id: p.org,
        year: y,
        score: s.toFixed(2),
        grade: gradeOf(s),
        created_at: at,
      });
    }
  }
}

/** The branch's score (from its discipline), and its secretary's close to it. */
function assessBranch({ sink }: Hospital, as: Rng, branch: Branch, year: number, at: string): void {
  const score = clamp(Math.round((72 + branch.discipline * 20 + as.normal(0, 3)) * 100) / 100, 55, 99);
  sink.add('assessment', {
    id: sink.id('assessment'),
    subject_type: 'branch',
    organization_id: branch.id,
    year,
    score: score.toFixed(2),
    grade: gradeOf(score),
    created_at: at,
  });
  if (!branch.secretaryId) return;
  const s2 = clamp(score + as.normal(1, 2), 55, 99);
  sink.add('assessment', {
    id: sink.id('assessment'),
    subject_type: 'branch_secretary',
    member_id: branch.secretaryId,
    organization_id: branch.id,
    year,
    score: s2.toFixed(2),
    grade: gradeOf(s2),
    created_at: at,
  });
}

/** 民主评议党员 of the members converted by December: 优秀 at most a third of the branch. */
function reviewMembers({ sink }: Hospital, as: Rng, branch: Branch, year: number, at: string): void {
  const reviewed = branch.people.filter((p) => p.converted !== null && p.converted <= dayOf(year, 12, 1) && p.membership === 'active');
  const excellentCap = Math.floor(reviewed.length / 3);
  let excellent = 0;
  for (const p of reviewed) {
    let grade: string = as.weighted(MEMBER_GRADES);
    if (grade === 'excellent' && ++excellent > excellentCap) grade = 'good';
    sink.add('assessment', {
      id: sink.id('assessment'),
      subject_type: 'member',
      member_id: p.id,
      organization_id: branch.id,
      year,
      grade,
      created_at: at,
    });
  }
}
