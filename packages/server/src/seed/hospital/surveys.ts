/**
 * Surveys and the plan the set-based SQL expands into responses: internal surveys in percent
 * satisfied, the national platform in 0–100 points, staff on a 1–5 scale.
 */
import { dayOf, isoDay } from '../dates.js';
import type { Rng } from '../random.js';
import { type Dept, type Hospital } from './model.js';

/** Each scale's cutoff for "satisfied", stored on the survey: percent-satisfied forms ≥ 60, the 0–100 platform ≥ 80, Likert ≥ 4. */
const SATISFIED_FROM: Record<string, number> = { percent_satisfied: 60, score_0_100: 80, likert_5: 4 };

interface SurveySpec {
  title: string;
  kind: string;
  source: string;
  cadence: string;
  scale: string;
  /** Share of the hospital's responses. */
  share: number;
  /** Which departments it covers: those with an outpatient clinic, all clinical ones, or all. */
  covers: 'outpatient' | 'clinical' | 'all';
  mean: number;
  sd: number;
  /** Share of outright unsatisfied answers (percent-satisfied forms). */
  unsat: number;
}

const SURVEYS: SurveySpec[] = [
  {
    title: '门诊患者满意度调查（院内）',
    kind: 'outpatient',
    source: 'internal',
    cadence: 'weekly',
    scale: 'percent_satisfied',
    share: 0.42,
    covers: 'outpatient',
    mean: 90,
    sd: 7,
    unsat: 0.035,
  },
  {
    title: '住院患者满意度调查（院内）',
    kind: 'inpatient',
    source: 'internal',
    cadence: 'continuous',
    scale: 'percent_satisfied',
    share: 0.34,
    covers: 'clinical',
    mean: 92,
    sd: 6,
    unsat: 0.025,
  },
  {
    title: '国家公立医院满意度调查（门诊）',
    kind: 'outpatient',
    source: 'national_platform',
    cadence: 'monthly',
    scale: 'score_0_100',
    share: 0.12,
    covers: 'outpatient',
    mean: 86,
    sd: 9,
    unsat: 0,
  },
  {
    title: '国家公立医院满意度调查（住院）',
    kind: 'inpatient',
    source: 'national_platform',
    cadence: 'monthly',
    scale: 'score_0_100',
    share: 0.1,
    covers: 'clinical',
    mean: 89,
    sd: 8,
    unsat: 0,
  },
  {
    title: '医务人员满意度调查',
    kind: 'staff',
    source: 'national_platform',
    cadence: 'quarterly',
    scale: 'likert_5',
    share: 0.02,
    covers: 'all',
    mean: 4.1,
    sd: 0.8,
    unsat: 0,
  },
];

export function addSurveys(h: Hospital): void {
  const sv = h.r('surveys');
  const clinical = h.departments.filter((d) => d.type === 'clinical');
  // Intensive care and anaesthesiology see no outpatients.
  const covered = { outpatient: clinical.filter((d) => !d.noClinic), clinical, all: h.departments };
  for (const s of SURVEYS) {
    if (covered[s.covers].length) addSurvey(h, sv, s, covered[s.covers]);
  }
}

function addSurvey(h: Hospital, sv: Rng, s: SurveySpec, depts: Dept[]): void {
  const surveyId = h.sink.id('survey');
  h.sink.add('survey', {
    id: surveyId,
    hospital_id: h.hospitalId,
    title: s.title,
    kind: s.kind,
    source: s.source,
    cadence: s.cadence,
    scale: s.scale,
    satisfied_from: SATISFIED_FROM[s.scale],
    started_on: isoDay(dayOf(2019, 1, 1)),
    created_at: h.hospitalStamp,
  });
  const weightSum = depts.reduce((t, d) => t + d.weight, 0);
  for (const d of depts) addSurveyPlan(h, sv, s, surveyId, d, weightSum);
}

/** One survey × department: the daily volume and the score distribution the SQL draws responses from. */
function addSurveyPlan(h: Hospital, sv: Rng, s: SurveySpec, surveyId: number, d: Dept, weightSum: number): void {
  const { input, sink, start, end, weakness } = h;
  const quarterEndOnly = s.kind === 'staff';
  // Staff surveys run only in the last month of each quarter: a third of the days carry the volume.
  const activeDays = quarterEndOnly ? (end - start + 1) / 3 : end - start + 1;
  const weak = weakness.get(d.id)!;
  const likert = s.scale === 'likert_5';
  const offset = (weak ? -1 : 0) * (likert ? 0.35 : 4.5) + sv.normal(0, likert ? 0.1 : 1.2);
  sink.add('seed_survey_plan', {
    plan_id: sink.id('seed_survey_plan'),
    survey_id: surveyId,
    department_id: d.id,
    scale: s.scale,
    first_day: isoDay(start),
    last_day: isoDay(end),
    daily: (input.surveyResponses * s.share * d.weight) / weightSum / activeDays,
    mean: s.mean + offset,
    sd: s.sd,
    unsat: s.unsat * (weak ? 2.5 : 1),
    quarter_end_only: quarterEndOnly,
    satisfied_from: SATISFIED_FROM[s.scale],
  });
}
