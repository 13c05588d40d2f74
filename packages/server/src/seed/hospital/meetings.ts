/**
 * 三会一课 and the branch's other required meetings, one branch in one month: the committee meeting,
 * party-group meetings, the theme day, the quarterly general meeting, Party lecture and political
 * birthdays, the yearly review and the election. Each draws from the branch's stream in this order.
 */
import { addMonths, monthStart, workday } from '../dates.js';
import type { AddActivity, BranchMonth } from './activity-writer.js';
import { LECTURE_TOPICS, THEME_DAY_TOPICS } from './texts.js';

/** What a branch's meetings need beyond the month: the theme day, a committee meeting owed, who else lectures. */
export interface MeetingContext {
  /** The hospital's fixed day of the month for the 主题党日. */
  themeDay: number;
  /** A committee meeting missed and not yet made up. */
  owed: { committee: boolean };
  committeeSecretaryId: number | null;
}

export function meetings(add: AddActivity, x: BranchMonth, c: MeetingContext): void {
  committeeMeeting(add, x, c.owed);
  groupMeetings(add, x);
  themePartyDay(add, x, c.themeDay);
  if ((x.mon - 1) % 3 === 0) {
    // Quarterly: one general meeting and one Party lecture, in any month of the quarter.
    const q = Math.floor((x.mon - 1) / 3);
    generalMeeting(add, x, q);
    partyLecture(add, x, c.committeeSecretaryId);
    politicalBirthdays(add, x, q);
  }
  yearlyReview(add, x);
  election(add, x);
}

/** 支委会 monthly where the branch has a committee (≥ 3): held, cancelled, or missed and made up next month. */
function committeeMeeting(add: AddActivity, { branch, b, m, mon, held, dom }: BranchMonth, owed: { committee: boolean }): void {
  if (branch.committee.length < 3) return;
  const meeting = { org: branch.id, type: 'branch_committee_meeting', audience: 'committee' };
  if (held(branch.discipline)) {
    add({ ...meeting, title: `${mon}月支委会`, day: dom(1, 20), attend: 0.95, expected: branch.committee.length, time: '12:00:00' });
    owed.committee = false;
  } else if (b.chance(0.15)) {
    add({ ...meeting, title: `${mon}月支委会`, day: dom(10, 20), attend: 0.9, cancelled: true });
  } else owed.committee = b.chance(0.4);
  if (owed.committee && mon !== 12) {
    add({ ...meeting, title: `补开${mon}月支委会`, day: addMonths(m, 1, 3), attend: 0.9, makeup: true, time: '12:00:00' });
    owed.committee = false;
  }
}

function groupMeetings(add: AddActivity, { branch, mon, held, dom }: BranchMonth): void {
  for (const g of branch.groups) {
    if (held(branch.discipline - 0.03))
      add({
        org: g,
        type: 'group_meeting',
        title: `${mon}月党小组会`,
        day: dom(3, 26),
        audience: 'group',
        attend: branch.attend,
        time: '17:30:00',
      });
  }
}

/** Festivals a month's theme day marks; 护士节 and 医师节 only in nursing and clinical branches. */
const FESTIVALS: Record<number, string> = { 3: '学雷锋', 4: '清明', 7: '七一', 10: '重阳' };
function festivalOf(mon: number, category: string): string | null {
  if (mon === 5 && category === 'nursing') return '护士节';
  if (mon === 8 && category === 'clinical') return '医师节';
  return FESTIVALS[mon] ?? null;
}

function themePartyDay(add: AddActivity, { branch, b, m, mon, size, held }: BranchMonth, themeDay: number): void {
  const day = workday(m + themeDay - 1);
  if (!held(branch.discipline + 0.02)) return;
  add({
    org: branch.id,
    type: 'theme_party_day',
    title: `${mon}月主题党日：${b.pick(THEME_DAY_TOPICS)}`,
    day,
    audience: 'branch',
    attend: branch.attend,
    festival: festivalOf(mon, branch.category),
    expected: size,
  });
}

function generalMeeting(add: AddActivity, { branch, b, m, y, size, held }: BranchMonth, q: number): void {
  if (!held(branch.discipline + 0.02)) return;
  add({
    org: branch.id,
    type: 'branch_general_meeting',
    title: `${y}年第${q + 1}季度支部党员大会`,
    day: addMonths(m, b.int(0, 2), b.int(5, 26)),
    audience: 'branch',
    attend: branch.attend,
    expected: size,
  });
}

/** The Party lecture: given by the branch secretary, now and then by the committee's secretary. */
function partyLecture(add: AddActivity, { branch, b, m, size, held }: BranchMonth, committeeSecretaryId: number | null): void {
  if (!held(branch.discipline)) return;
  const byCommitteeSecretary = b.chance(0.08);
  add({
    org: branch.id,
    type: 'party_lecture',
    title: `专题党课：${b.pick(LECTURE_TOPICS)}`,
    day: addMonths(m, b.int(0, 2), b.int(5, 26)),
    audience: 'branch',
    attend: branch.attend,
    lecturer: byCommitteeSecretary ? committeeSecretaryId : branch.secretaryId || null,
    lecturerRole: byCommitteeSecretary ? '党委书记' : '支部书记',
    expected: size,
  });
}

/** Members who joined in the quarter's months celebrate their political birthday together, in its last month. */
function politicalBirthdays(add: AddActivity, { branch, b, m, mon }: BranchMonth, q: number): void {
  if (!b.chance(0.6)) return;
  add({
    org: branch.id,
    type: 'political_birthday',
    title: `第${q + 1}季度党员政治生日`,
    day: addMonths(m, 2, b.int(10, 25)),
    audience: 'birthday',
    attend: branch.attend,
    quarter: [mon, mon + 2],
  });
}

/** 组织生活会 and 民主评议: once a year, usually December, sometimes the January after. */
function yearlyReview(add: AddActivity, { branch, b, y, mon, size, dom }: BranchMonth): void {
  if (!(mon === 12 ? !b.chance(0.2) : mon === 1 && b.chance(0.2))) return;
  const year = mon === 12 ? y : y - 1;
  const review = { org: branch.id, audience: 'branch', attend: branch.attend + 0.03, expected: size };
  add({ ...review, type: 'org_life_meeting', title: `${year}年度组织生活会`, day: dom(8, 25) });
  add({ ...review, type: 'democratic_review', title: `${year}年度民主评议党员`, day: dom(8, 25) + 1 });
}

/** The branch committee's election, in the month its term starts. */
function election(add: AddActivity, { branch, m, size }: BranchMonth): void {
  if (m !== monthStart(branch.termStart)) return;
  add({
    org: branch.id,
    type: 'election',
    title: '支部委员会换届选举',
    day: workday(branch.termStart),
    audience: 'branch',
    attend: 0.95,
    expected: size,
  });
}
