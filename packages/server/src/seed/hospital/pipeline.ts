/**
 * The development procedure (发展党员): dated events per person, from the application to conversion,
 * with introducers, training hours and the odd extended probation; the status at the end date follows.
 * Each step's dates are drawn from the branch's stream in the order of the procedure.
 */
import { statusOfStages } from '../../domain/development.js';
import type { DevelopmentStage } from '../../domain/enums.js';
import { addYears, workday, type Day } from '../dates.js';
import type { Rng } from '../random.js';
import { YEAR, type DevEvent, type Hospital, type Person } from './model.js';

type Step = Omit<DevEvent, 'member'>;
type Introducers = [number, number];

export function runPipeline(h: Hospital): void {
  for (const branch of h.branches) {
    const b = h.r(`pipeline:${branch.id}`);
    const full = branch.people.filter((p) => p.joined !== null);
    for (const p of branch.people) if (p.pipeline) develop(h, b, p, full);
  }
}

/** One applicant's story, cut at the end date: the status, dates and events are what had happened by then. */
function develop(h: Hospital, b: Rng, p: Person, full: Person[]): void {
  const intro: Introducers =
    full.length >= 2 ? (b.sample(full, 2).map((x) => x.id) as Introducers) : [full[0]?.id ?? p.id, full[0]?.id ?? p.id];
  // Applications keep coming until the end date: the pipeline is full at every month of the data.
  const applied = Math.max(h.start - 2 * YEAR + b.int(0, 5 * YEAR), p.birth + 18 * YEAR + 30);
  const steps: Step[] = [{ stage: 'application_submitted', day: applied }];
  drawProcedure(b, p, steps, applied, intro);
  const happened = steps.filter((s) => s.day <= h.end);
  // The one stage model (domain/development.ts): voted in by the branch and not yet approved is its own state.
  p.status = statusOfStages(happened.map((s) => s.stage as DevelopmentStage));
  if (p.joined !== null && p.joined > h.end) p.joined = null;
  // Party age counts from a conversion the committee approved: voted but not yet approved is still 预备党员, no date.
  if (p.converted !== null && !happened.some((s) => s.stage === 'conversion_approved')) p.converted = null;
  for (const s of happened) h.events.push({ member: p, ...s });
}

/** The steps after the application, as far as this person goes; sets the days they joined and converted (`develop` cuts them at the end date). */
function drawProcedure(b: Rng, p: Person, steps: Step[], applied: Day, intro: Introducers): void {
  if (b.chance(0.12)) return; // still an applicant, or never taken further
  const activistSince = applied + b.int(30, 180);
  steps.push({ stage: 'activist_confirmed', day: activistSince });
  const targetDay = activistYears(b, steps, activistSince);
  if (targetDay === null) return;
  p.joined = developmentTarget(b, steps, targetDay, intro);
  p.converted = probation(b, steps, p.joined);
}

/**
 * At least a year as an activist (the rules' minimum), often longer, with half-yearly reviews; a few
 * branches hurry (under a year: the timeline-compliance indicator counts them), a few activists
 * withdraw. The day they become a development target, or null when they withdrew.
 */
function activistYears(b: Rng, steps: Step[], since: Day): Day | null {
  const targetDay = since + (b.chance(0.06) ? b.int(240, 350) : YEAR + b.int(0, 420));
  const withdrawDay = b.chance(0.05) ? since + b.int(200, 500) : null;
  const stop = withdrawDay ?? targetDay;
  // Half-yearly reviews while an activist, never after the next step.
  for (let k = 1; since + k * 182 < stop; k++) steps.push({ stage: 'activist_review', day: since + k * 182 });
  if (withdrawDay === null) return targetDay;
  steps.push({ stage: 'withdrawn', day: withdrawDay });
  return null;
}

/** About a year on the list: review, training, public notice, then the branch's vote. The day they joined. */
function developmentTarget(b: Rng, steps: Step[], targetDay: Day, intro: Introducers): Day {
  let day = targetDay;
  steps.push({ stage: 'target_confirmed', day, intro });
  steps.push({ stage: 'political_review', day: (day += b.int(30, 120)) });
  steps.push({ stage: 'training_completed', day: (day += b.int(60, 240)), hours: b.pick([24, 32, 40]) });
  steps.push({ stage: 'public_notice', day: (day += b.int(5, 20)) });
  const vote = workday(day + b.int(7, 120));
  steps.push({ stage: 'branch_vote_admit', day: vote, intro });
  return vote;
}

/** Approval, the oath, a year's probation (now and then extended), then conversion. The day of the conversion vote. */
function probation(b: Rng, steps: Step[], joined: Day): Day {
  const approved = joined + b.int(14, 85);
  steps.push({ stage: 'committee_approved', day: approved });
  steps.push({ stage: 'oath_taken', day: approved + b.int(1, 30) });
  let expiry = addYears(joined, 1);
  if (b.chance(0.04)) {
    steps.push({ stage: 'probation_extended', day: expiry - b.int(0, 10) });
    expiry += b.int(183, 365);
  }
  steps.push({ stage: 'conversion_requested', day: expiry - b.int(7, 30) });
  const vote = workday(expiry + b.int(0, 30));
  steps.push({ stage: 'branch_vote_convert', day: vote });
  steps.push({ stage: 'conversion_approved', day: vote + b.int(14, 60) });
  return vote;
}
