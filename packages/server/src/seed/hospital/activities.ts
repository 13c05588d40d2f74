/**
 * Activities: 三会一课 at the official cadence with realistic misses and make-ups, the monthly theme day,
 * yearly reviews, elections (meetings.ts), service to the public and education (outreach.ts), and
 * committee-level study. Every held one gets an attendance plan, which the set-based SQL expands.
 * One stream per branch, drawn month by month: meetings first, then outreach.
 */
import { addMonths, monthStart, workday, ymd, type Day } from '../dates.js';
import type { Rng } from '../random.js';
import { activityWriter, type AddActivity, type BranchMonth } from './activity-writer.js';
import { meetings, type MeetingContext } from './meetings.js';
import { clamp, type Branch, type Hospital } from './model.js';
import { educationActivities, serviceActivities } from './outreach.js';

const partyMembersOn = (branch: Branch, day: Day) => branch.people.filter((p) => p.joined !== null && p.joined <= day).length;

export function addActivities(h: Hospital): void {
  const themeDay = h.r('theme-day').int(5, 25); // the hospital's fixed 主题党日 each month
  const add = activityWriter(h);
  h.months = [];
  for (let m = monthStart(h.start); m <= h.horizon; m = addMonths(m, 1)) h.months.push(m);
  const committeeSecretaryId = h.committeeSecretary?.id ?? null;
  for (const branch of h.branches) {
    const c: MeetingContext = { themeDay, owed: { committee: false }, committeeSecretaryId };
    branchActivities(add, branch, h.r(`activities:${branch.id}`), h.months, c);
  }
  committeeActivities(h, add);
}

function branchActivities(add: AddActivity, branch: Branch, b: Rng, months: Day[], c: MeetingContext): void {
  for (const m of months) {
    const x = branchMonth(branch, b, m);
    meetings(add, x, c);
    serviceActivities(add, x);
    educationActivities(add, x);
  }
}

function branchMonth(branch: Branch, b: Rng, m: Day): BranchMonth {
  const { y, m: mon } = ymd(m);
  // Misses cluster around the Spring Festival and the summer holidays.
  const season = mon === 1 || mon === 2 ? 0.07 : mon === 8 ? 0.03 : 0;
  return {
    branch,
    b,
    m,
    y,
    mon,
    size: partyMembersOn(branch, m),
    held: (base) => b.float() < clamp(base - season, 0.3, 0.995),
    dom: (lo, hi) => workday(m + b.int(lo, hi) - 1),
  };
}

/** Committee and general-branch level: central-group study monthly, the 七一 meeting, general-branch study quarterly. */
function committeeActivities({ r, committeeId, generals, months }: Hospital, add: AddActivity): void {
  const top = r('committee-activities');
  for (const m of months) {
    const mon = ymd(m).m;
    if (top.chance(mon === 2 ? 0.7 : 0.95)) {
      add({
        org: committeeId,
        type: 'central_group_study',
        title: `党委理论学习中心组${mon}月集体学习`,
        day: workday(m + top.int(2, 20)),
        audience: 'leaders',
        attend: 0.92,
        time: '08:30:00',
      });
    }
    if (mon === 7)
      add({
        org: committeeId,
        type: 'study_session',
        title: '庆祝建党节暨“两优一先”表彰大会',
        day: workday(m - 2),
        audience: 'leaders',
        attend: 0.95,
        festival: '七一',
      });
    if ((mon - 1) % 3 === 0) generalBranchStudy(add, top, generals, m);
  }
}

function generalBranchStudy(add: AddActivity, top: Rng, generals: Hospital['generals'], m: Day): void {
  for (const g of generals) {
    if (top.chance(0.85))
      add({
        org: g.id,
        type: 'study_session',
        title: `${g.name}季度集中学习`,
        day: addMonths(m, top.int(0, 2), top.int(5, 25)),
        audience: 'leaders',
        attend: 0.9,
      });
  }
}
