/**
 * A branch's service to the public and education activities in one month, drawn from the branch's
 * stream after its meetings.
 */
import { workday } from '../dates.js';
import type { Rng } from '../random.js';
import type { AddActivity, BranchMonth } from './activity-writer.js';
import { labelOf } from './model.js';
import { PARTNERS } from './texts.js';

const RETIRED_SERVICES = ['volunteer_service', 'publicity_talk', 'home_visit'];
const SERVICE_MIX = [
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
] as const;
/** Services done with a partner organisation (other services have one now and then). */
const PARTNERED = new Set<string>(['co_building', 'paired_assistance', 'poverty_relief']);
/** How many people a service reaches, by type (from, to); blood donations are not counted. Others: 15–160. */
const BENEFICIARIES: Record<string, readonly [number, number] | null> = {
  free_clinic: [40, 320],
  health_lecture: [30, 200],
  home_visit: [3, 25],
  first_aid_training: [20, 120],
  blood_donation: null,
};
const EDUCATION_TYPES = [
  'red_education',
  'integrity_education',
  'publicity_talk',
  'quiz',
  'skills_contest',
  'member_experience_day',
  'study_session',
];

/** Service to the public: more around 学雷锋 (March), 医师节 (August) and 重阳 (October). */
export function serviceActivities(add: AddActivity, { branch, b, m, mon, size }: BranchMonth): void {
  const retired = branch.category === 'retired';
  const serviceRate = (retired ? 0.25 : branch.category === 'admin' ? 0.35 : 0.75) * (mon === 3 || mon === 8 || mon === 10 ? 1.8 : 1);
  for (let k = b.poisson(serviceRate); k > 0; k--) {
    const type = retired ? b.pick(RETIRED_SERVICES) : b.weighted(SERVICE_MIX);
    const beneficiaries = drawBeneficiaries(b, type);
    const partner = PARTNERED.has(type) || b.chance(0.2) ? b.pick(PARTNERS) : null;
    add({
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
}

function drawBeneficiaries(b: Rng, type: string): number | null {
  const range = Object.hasOwn(BENEFICIARIES, type) ? BENEFICIARIES[type] : ([15, 160] as const);
  return range ? b.int(range[0], range[1]) : null;
}

/** Education: red sites, integrity, talks, quizzes, contests (about one a branch every four or five months). */
export function educationActivities(add: AddActivity, { branch, b, m, size }: BranchMonth): void {
  for (let k = b.poisson(0.22); k > 0; k--) {
    const type = b.pick(EDUCATION_TYPES);
    add({
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
