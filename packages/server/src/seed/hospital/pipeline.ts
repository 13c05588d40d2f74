/**
 * The development procedure (发展党员): dated events per person, from the application to conversion,
 * with introducers, training hours and the odd extended probation; the status at the end date follows.
 */
import { addYears, workday, type Day } from '../dates.js';
import { YEAR, type Hospital, type Person } from './model.js';

export function runPipeline(h: Hospital): void {
  const { start, end, r, branches } = h;
  const events: { member: Person; stage: string; day: Day; intro?: [number, number]; hours?: number }[] = [];
  for (const branch of branches) {
    const b = r(`pipeline:${branch.id}`);
    const full = branch.people.filter((p) => p.joined !== null);
    for (const p of branch.people) {
      if (!p.pipeline) continue;
      const intro: [number, number] =
        full.length >= 2 ? (b.sample(full, 2).map((x) => x.id) as [number, number]) : [full[0]?.id ?? p.id, full[0]?.id ?? p.id];
      // Applications keep coming until the end date: the pipeline is full at every month of the data.
      let day = start - 2 * YEAR + b.int(0, 5 * YEAR);
      day = Math.max(day, p.birth + 18 * YEAR + 30);
      const steps: { stage: string; day: Day; intro?: [number, number]; hours?: number }[] = [{ stage: 'application_submitted', day }];
      let status = 'applicant';
      const at = (stage: string, d: Day, extra: Partial<(typeof steps)[number]> = {}) => {
        steps.push({ stage, day: d, ...extra });
      };
      (() => {
        if (b.chance(0.12)) return; // still an applicant, or never taken further
        day += b.int(30, 180);
        at('activist_confirmed', day);
        status = 'activist';
        const activistSince = day;
        // At least a year as an activist (the rules' minimum), often longer; a few withdraw.
        // A few branches hurry: under a year as an activist (the timeline-compliance indicator counts them).
        const targetDay = activistSince + (b.chance(0.06) ? b.int(240, 350) : YEAR + b.int(0, 420));
        const withdrawDay = b.chance(0.05) ? activistSince + b.int(200, 500) : null;
        const stop = withdrawDay ?? targetDay;
        // Half-yearly reviews while an activist, never after the next step.
        for (let k = 1; activistSince + k * 182 < stop; k++) at('activist_review', activistSince + k * 182);
        if (withdrawDay !== null) {
          at('withdrawn', withdrawDay);
          status = 'withdrawn';
          return;
        }
        day = targetDay;
        at('target_confirmed', day, { intro });
        status = 'development_target';
        // A development target stays on the list for about a year: review, training, notice, then the vote.
        at('political_review', (day += b.int(30, 120)));
        at('training_completed', (day += b.int(60, 240)), { hours: b.pick([24, 32, 40]) });
        at('public_notice', (day += b.int(5, 20)));
        day = workday(day + b.int(7, 120));
        at('branch_vote_admit', day, { intro });
        const joined = day;
        p.joined = joined;
        status = 'probationary';
        const approved = joined + b.int(14, 85);
        at('committee_approved', approved);
        at('oath_taken', approved + b.int(1, 30));
        let expiry = addYears(joined, 1);
        if (b.chance(0.04)) {
          at('probation_extended', expiry - b.int(0, 10));
          expiry += b.int(183, 365);
        }
        at('conversion_requested', expiry - b.int(7, 30));
        const vote = workday(expiry + b.int(0, 30));
        at('branch_vote_convert', vote);
        at('conversion_approved', vote + b.int(14, 60));
        p.converted = vote;
        status = 'full_member';
      })();
      // Cut the story at the end date; the status is what had happened by then.
      const happened = steps.filter((s) => s.day <= end);
      const last = happened[happened.length - 1].stage;
      p.status =
        (
          {
            application_submitted: 'applicant',
            activist_confirmed: 'activist',
            activist_review: 'activist',
            withdrawn: 'masses',
            target_confirmed: 'development_target',
            political_review: 'development_target',
            training_completed: 'development_target',
            public_notice: 'development_target',
            branch_vote_admit: 'probationary',
            committee_approved: 'probationary',
            oath_taken: 'probationary',
            probation_extended: 'probationary',
            conversion_requested: 'probationary',
            branch_vote_convert: 'full_member',
            conversion_approved: 'full_member',
          } as Record<string, string>
        )[last] ?? status;
      if (p.joined !== null && p.joined > end) p.joined = null;
      if (p.converted !== null && p.converted > end) p.converted = null;
      for (const s of happened) events.push({ member: p, ...s });
    }
  }
  h.events = events;
}
