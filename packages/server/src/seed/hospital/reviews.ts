/**
 * Party-building research projects and yearly assessments (四级分类考核; 优秀 at most a third).
 */
import { RESEARCH_TOPICS } from './texts.js';
import { dayOf, isoDay, ymd } from '../dates.js';
import { stamp, clamp, YEAR, gradeOf, type Hospital } from './model.js';

export function addReviews(h: Hospital): void {
  const { input, sink, start, end, r, committeeId, branches, positions } = h;
  const rp = r('research');
  for (let i = 0, n = Math.max(2, Math.round(10 * input.size)); i < n; i++) {
    const approved = start - YEAR + rp.int(0, 3 * YEAR);
    if (approved > end) continue;
    const age = end - approved;
    sink.add('research_project', {
      id: sink.id('research_project'),
      title: rp.pick(RESEARCH_TOPICS),
      organization_id: rp.chance(0.8) ? rp.pick(branches).id : committeeId,
      level: rp.weighted([
        ['hospital', 50],
        ['sector', 20],
        ['municipal', 20],
        ['provincial', 10],
      ] as const),
      approved_on: isoDay(approved),
      status:
        age < 120
          ? 'approved'
          : age < 600
            ? rp.chance(0.05)
              ? 'terminated'
              : 'in_progress'
            : rp.chance(0.85)
              ? 'completed'
              : 'in_progress',
      created_at: stamp(approved),
    });
  }
  const as = r('assessments');
  for (let y = ymd(start).y; dayOf(y, 12, 31) <= end; y++) {
    const at = stamp(dayOf(y + 1, 1, 15));
    for (const branch of branches) {
      const score = clamp(Math.round((72 + branch.discipline * 20 + as.normal(0, 3)) * 100) / 100, 55, 99);
      sink.add('assessment', {
        id: sink.id('assessment'),
        subject_type: 'branch',
        organization_id: branch.id,
        year: y,
        score: score.toFixed(2),
        grade: gradeOf(score),
        created_at: at,
      });
      if (branch.secretaryId) {
        const s2 = clamp(score + as.normal(1, 2), 55, 99);
        sink.add('assessment', {
          id: sink.id('assessment'),
          subject_type: 'branch_secretary',
          member_id: branch.secretaryId,
          organization_id: branch.id,
          year: y,
          score: s2.toFixed(2),
          grade: gradeOf(s2),
          created_at: at,
        });
      }
      // 民主评议党员: 优秀 at most a third of the branch.
      const reviewed = branch.people.filter((p) => p.converted !== null && p.converted <= dayOf(y, 12, 1) && p.membership === 'active');
      const excellentCap = Math.floor(reviewed.length / 3);
      let excellent = 0;
      for (const p of reviewed) {
        let grade = as.weighted([
          ['excellent', 28],
          ['good', 68],
          ['fair', 3.5],
          ['poor', 0.5],
        ] as const);
        if (grade === 'excellent' && ++excellent > excellentCap) grade = 'good';
        sink.add('assessment', {
          id: sink.id('assessment'),
          subject_type: 'member',
          member_id: p.id,
          organization_id: branch.id,
          year: y,
          grade,
          created_at: at,
        });
      }
    }
    for (const p of positions.filter((x) => x.role === 'general_branch_secretary')) {
      const s = clamp(88 + as.normal(0, 4), 60, 99);
      sink.add('assessment', {
        id: sink.id('assessment'),
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
