/**
 * Surveys and the plan the set-based SQL expands into responses: internal surveys in percent
 * satisfied, the national platform in 0–100 points, staff on a 1–5 scale.
 */
import { dayOf, isoDay } from '../dates.js';
import { type Hospital } from './model.js';

/** Each scale's cutoff for "satisfied", stored on the survey: percent-satisfied forms ≥ 60, the 0–100 platform ≥ 80, Likert ≥ 4. */
const SATISFIED_FROM: Record<string, number> = { percent_satisfied: 60, score_0_100: 80, likert_5: 4 };

export function addSurveys(h: Hospital): void {
  const { input, sink, start, end, r, hospitalStamp, hospitalId, departments, weakness } = h;
  const sv = r('surveys');
  const clinicalDepts = departments.filter((d) => d.type === 'clinical');
  // Intensive care and anaesthesiology see no outpatients.
  const outpatientDepts = clinicalDepts.filter((d) => !d.noClinic);
  const surveys = [
    {
      title: '门诊患者满意度调查（院内）',
      kind: 'outpatient',
      source: 'internal',
      cadence: 'weekly',
      scale: 'percent_satisfied',
      share: 0.42,
      depts: outpatientDepts,
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
      depts: clinicalDepts,
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
      depts: outpatientDepts,
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
      depts: clinicalDepts,
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
      depts: departments,
      mean: 4.1,
      sd: 0.8,
      unsat: 0,
    },
  ];
  const days = end - start + 1;
  for (const s of surveys) {
    if (!s.depts.length) continue;
    const surveyId = sink.id('survey');
    sink.add('survey', {
      id: surveyId,
      hospital_id: hospitalId,
      title: s.title,
      kind: s.kind,
      source: s.source,
      cadence: s.cadence,
      scale: s.scale,
      satisfied_from: SATISFIED_FROM[s.scale],
      started_on: isoDay(dayOf(2019, 1, 1)),
      created_at: hospitalStamp,
    });
    const weightSum = s.depts.reduce((t, d) => t + d.weight, 0);
    const quarterEndOnly = s.kind === 'staff';
    // Staff surveys run only in the last month of each quarter: a third of the days carry the volume.
    const activeDays = quarterEndOnly ? days / 3 : days;
    for (const d of s.depts) {
      const weak = weakness.get(d.id)!;
      const daily = (input.surveyResponses * s.share * d.weight) / weightSum / activeDays;
      const offset = (weak ? -1 : 0) * (s.scale === 'likert_5' ? 0.35 : 4.5) + sv.normal(0, s.scale === 'likert_5' ? 0.1 : 1.2);
      sink.add('seed_survey_plan', {
        plan_id: sink.id('seed_survey_plan'),
        survey_id: surveyId,
        department_id: d.id,
        scale: s.scale,
        first_day: isoDay(start),
        last_day: isoDay(end),
        daily,
        mean: s.mean + offset,
        sd: s.sd,
        unsat: s.unsat * (weak ? 2.5 : 1),
        quarter_end_only: quarterEndOnly,
        satisfied_from: SATISFIED_FROM[s.scale],
      });
    }
  }
}
