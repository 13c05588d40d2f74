/**
 * Activities: 三会一课 at the official cadence with realistic misses and make-ups, the monthly theme day,
 * yearly reviews, elections, service to the public, education, committee-level study. Every held one
 * gets an attendance plan, which the set-based SQL expands.
 */
import { LECTURE_TOPICS, PARTNERS, THEME_DAY_TOPICS } from './texts.js';
import { addMonths, monthStart, workday, ymd, type Day } from '../dates.js';
import type { Rng } from '../random.js';
import { activityWriter, type AddActivity } from './activity-writer.js';
import { clamp, labelOf, type Branch, type Hospital } from './model.js';

const partyMembersOn = (branch: Branch, day: Day) => branch.people.filter((p) => p.joined !== null && p.joined <= day).length;

interface BranchMonth {
  branch: Branch;
  /** The branch's own random stream. */
  b: Rng;
  m: Day;
  y: number;
  mon: number;
  /** Party members on the first of the month. */
  size: number;
  /** Whether a required meeting is held this month (discipline and season). */
  held: (base: number) => boolean;
  /** A working day between two days of the month. */
  dom: (lo: number, hi: number) => Day;
}

export function addActivities(h: Hospital): void {
  const { start, r, horizon, committeeId, generals, branches, committeeSecretary } = h;
  const themeDay = r('theme-day').int(5, 25); // the hospital's fixed 主题党日 each month
  const addActivity = activityWriter(h);
  const months: Day[] = [];
  for (let m = monthStart(start); m <= horizon; m = addMonths(m, 1)) months.push(m);

  for (const branch of branches) {
    const b = r(`activities:${branch.id}`);
    const owed = { committee: false };
    for (const m of months) {
      const { y, m: mon } = ymd(m);
      // Misses cluster around the Spring Festival and the summer holidays.
      const season = mon === 1 || mon === 2 ? 0.07 : mon === 8 ? 0.03 : 0;
      const x: BranchMonth = {
        branch,
        b,
        m,
        y,
        mon,
        size: partyMembersOn(branch, m),
        held: (base) => b.float() < clamp(base - season, 0.3, 0.995),
        dom: (lo, hi) => workday(m + b.int(lo, hi) - 1),
      };
      meetings(addActivity, x, { themeDay, owed, committeeSecretaryId: committeeSecretary?.id ?? null });
      outreach(addActivity, x);
    }
  }
  // Committee and general-branch level: central-group study monthly, general-branch study quarterly.
  const top = r('committee-activities');
  for (const m of months) {
    const mon = ymd(m).m;
    if (top.chance(mon === 2 ? 0.7 : 0.95)) {
      addActivity({
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
      addActivity({
        org: committeeId,
        type: 'study_session',
        title: '庆祝建党节暨“两优一先”表彰大会',
        day: workday(m - 2),
        audience: 'leaders',
        attend: 0.95,
        festival: '七一',
      });
    if ((mon - 1) % 3 === 0) {
      for (const g of generals) {
        if (top.chance(0.85))
          addActivity({
            org: g.id,
            type: 'study_session',
            title: `${g.name}季度集中学习`,
            day: addMonths(m, top.int(0, 2), top.int(5, 25)),
            audience: 'leaders',
            attend: 0.9,
          });
      }
    }
  }
  h.months = months;
}

/** 三会一课, the theme day, the yearly reviews and elections of one branch in one month. */
function meetings(
  add: AddActivity,
  x: BranchMonth,
  c: { themeDay: number; owed: { committee: boolean }; committeeSecretaryId: number | null },
): void {
  const { branch, b, m, y, mon, size, held, dom } = x;
  const { themeDay, owed, committeeSecretaryId } = c;
  const addActivity = add;
  const hasCommittee = branch.committee.length >= 3;
  if (hasCommittee) {
    if (held(branch.discipline)) {
      addActivity({
        org: branch.id,
        type: 'branch_committee_meeting',
        title: `${mon}月支委会`,
        day: dom(1, 20),
        audience: 'committee',
        attend: 0.95,
        expected: branch.committee.length,
        time: '12:00:00',
      });
      if (owed.committee) owed.committee = false;
    } else if (b.chance(0.15)) {
      addActivity({
        org: branch.id,
        type: 'branch_committee_meeting',
        title: `${mon}月支委会`,
        day: dom(10, 20),
        audience: 'committee',
        attend: 0.9,
        cancelled: true,
      });
    } else owed.committee = b.chance(0.4);
    if (owed.committee && mon !== 12) {
      addActivity({
        org: branch.id,
        type: 'branch_committee_meeting',
        title: `补开${mon}月支委会`,
        day: addMonths(m, 1, 3),
        audience: 'committee',
        attend: 0.9,
        makeup: true,
        time: '12:00:00',
      });
      owed.committee = false;
    }
  }
  for (const g of branch.groups) {
    if (held(branch.discipline - 0.03)) {
      addActivity({
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
  const themeDate = workday(m + themeDay - 1);
  if (held(branch.discipline + 0.02)) {
    const festival =
      mon === 3
        ? '学雷锋'
        : mon === 4
          ? '清明'
          : mon === 7
            ? '七一'
            : mon === 10
              ? '重阳'
              : mon === 5 && branch.category === 'nursing'
                ? '护士节'
                : mon === 8 && branch.category === 'clinical'
                  ? '医师节'
                  : null;
    addActivity({
      org: branch.id,
      type: 'theme_party_day',
      title: `${mon}月主题党日：${b.pick(THEME_DAY_TOPICS)}`,
      day: themeDate,
      audience: 'branch',
      attend: branch.attend,
      festival,
      expected: size,
    });
  }
  if ((mon - 1) % 3 === 0) {
    // Quarterly: one general meeting and one Party lecture, in any month of the quarter.
    const q = Math.floor((mon - 1) / 3);
    if (held(branch.discipline + 0.02)) {
      addActivity({
        org: branch.id,
        type: 'branch_general_meeting',
        title: `${y}年第${q + 1}季度支部党员大会`,
        day: addMonths(m, b.int(0, 2), b.int(5, 26)),
        audience: 'branch',
        attend: branch.attend,
        expected: size,
      });
    }
    if (held(branch.discipline)) {
      const byCommitteeSecretary = b.chance(0.08);
      const lecturer = byCommitteeSecretary ? committeeSecretaryId : branch.secretaryId || null;
      addActivity({
        org: branch.id,
        type: 'party_lecture',
        title: `专题党课：${b.pick(LECTURE_TOPICS)}`,
        day: addMonths(m, b.int(0, 2), b.int(5, 26)),
        audience: 'branch',
        attend: branch.attend,
        lecturer,
        lecturerRole: byCommitteeSecretary ? '党委书记' : '支部书记',
        expected: size,
      });
    }
    if (b.chance(0.6)) {
      addActivity({
        org: branch.id,
        type: 'political_birthday',
        title: `第${q + 1}季度党员政治生日`,
        day: addMonths(m, 2, b.int(10, 25)),
        audience: 'birthday',
        attend: branch.attend,
        quarter: [mon, mon + 2],
      });
    }
  }
  // 组织生活会 and 民主评议: once a year, usually December, sometimes the January after.
  if (mon === 12 ? !b.chance(0.2) : mon === 1 && b.chance(0.2)) {
    addActivity({
      org: branch.id,
      type: 'org_life_meeting',
      title: `${mon === 12 ? y : y - 1}年度组织生活会`,
      day: dom(8, 25),
      audience: 'branch',
      attend: branch.attend + 0.03,
      expected: size,
    });
    addActivity({
      org: branch.id,
      type: 'democratic_review',
      title: `${mon === 12 ? y : y - 1}年度民主评议党员`,
      day: dom(8, 25) + 1,
      audience: 'branch',
      attend: branch.attend + 0.03,
      expected: size,
    });
  }
  if (m === monthStart(branch.termStart)) {
    addActivity({
      org: branch.id,
      type: 'election',
      title: '支部委员会换届选举',
      day: workday(branch.termStart),
      audience: 'branch',
      attend: 0.95,
      expected: size,
    });
  }
}

/** Service to the public and education activities of one branch in one month. */
function outreach(add: AddActivity, x: BranchMonth): void {
  const { branch, b, m, mon, size } = x;
  const addActivity = add;
  const retired = branch.category === 'retired';
  // Service to the public: more around 学雷锋 (March), 医师节 (August) and 重阳 (October).
  const serviceRate = (retired ? 0.25 : branch.category === 'admin' ? 0.35 : 0.75) * (mon === 3 || mon === 8 || mon === 10 ? 1.8 : 1);
  for (let k = b.poisson(serviceRate); k > 0; k--) {
    const type = retired
      ? b.pick(['volunteer_service', 'publicity_talk', 'home_visit'])
      : b.weighted([
          ['volunteer_service', 30],
          ['free_clinic', 22],
          ['health_lecture', 20],
          ['home_visit', 6],
          ['first_aid_training', 6],
          ['health_checkup', 4],
          ['blood_donation', 3],
          ['co_building', 5],
          ['paired_assistance', 2],
          ['poverty_relief', 2],
        ] as const);
    const beneficiaries =
      type === 'free_clinic'
        ? b.int(40, 320)
        : type === 'health_lecture'
          ? b.int(30, 200)
          : type === 'home_visit'
            ? b.int(3, 25)
            : type === 'first_aid_training'
              ? b.int(20, 120)
              : type === 'blood_donation'
                ? null
                : b.int(15, 160);
    const partner =
      type === 'co_building' || type === 'paired_assistance' || type === 'poverty_relief' || b.chance(0.2) ? b.pick(PARTNERS) : null;
    addActivity({
      org: branch.id,
      type,
      title: `${branch.name.replace(/党支部$/, '')}${labelOf(type)}`,
      day: workday(m + b.int(0, 27)),
      audience: 'service',
      attend: 0.25,
      beneficiaries,
      partner,
      expected: Math.max(3, Math.round(size * 0.25)),
      time: '09:00:00',
      festival: mon === 3 ? '学雷锋' : mon === 10 && type !== 'blood_donation' ? '重阳' : null,
    });
  }
  for (let k = b.poisson(0.22); k > 0; k--) {
    const type = b.pick([
      'red_education',
      'integrity_education',
      'publicity_talk',
      'quiz',
      'skills_contest',
      'member_experience_day',
      'study_session',
    ]);
    addActivity({
      org: branch.id,
      type,
      title: `${labelOf(type)}活动`,
      day: workday(m + b.int(0, 27)),
      audience: 'branch',
      attend: branch.attend - 0.05,
      expected: size,
    });
  }
}
