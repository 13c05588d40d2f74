import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { INDICATORS, INTEGRATION_WEIGHTS, indicator, statusOf } from './catalog.ts';
import { README_BEGIN, README_END, indicatorTable } from './readme.ts';

/** The ids of ../shared/DOMAIN.md §4, in its order. */
const DOMAIN_IDS = `branch_count secretary_dept_head_rate dual_leader_secretary_rate on_time_election_rate
branch_setup_compliance_rate dept_branch_coverage_rate member_share_of_staff general_meeting_rate
committee_meeting_rate group_meeting_rate party_lecture_rate theme_party_day_rate three_meetings_one_lesson_rate
annual_review_completion_rate org_life_attendance_rate central_group_study_count political_birthday_coverage
new_probationary_count activist_count development_target_count high_knowledge_share_new frontline_share_new
development_timeline_compliance on_time_conversion_rate model_post_count model_post_dept_coverage
volunteer_participation_rate volunteer_person_times service_event_count service_beneficiaries party_research_count
honors_count ethics_banners ethics_thank_letters refused_red_envelope_amount complaint_count
senior_title_member_share assessment_good_rate outpatient_satisfaction inpatient_satisfaction staff_satisfaction
integration_index`.split(/\s+/);

describe('schema/catalog', () => {
  it('holds every indicator of the domain catalog once, with a unique snake_case id', () => {
    const ids = INDICATORS.map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    // DOMAIN.md's indicators, every one (a hospital may add its own beside them).
    expect(ids).toEqual(expect.arrayContaining(DOMAIN_IDS));
    for (const id of ids) expect(id).toMatch(/^[a-z][a-z0-9_]*$/);
  });

  it('says everything in Chinese and English', () => {
    for (const d of INDICATORS) {
      for (const text of [d.name, d.description, d.formula, d.numerator, d.denominator ?? d.numerator]) {
        expect(text.zh, d.id).toMatch(/[\u4e00-\u9fff]|[%Σ]/);
        expect(text.en, d.id).toMatch(/[A-Za-z]/);
      }
      expect(d.source.length, d.id).toBeGreaterThan(3);
    }
  });

  it('gives targets only where a direction makes them meaningful, warning on the worse side of the target', () => {
    for (const d of INDICATORS) {
      if (d.direction === 'CONTEXT') expect([d.target, d.warning], d.id).toEqual([null, null]);
      if (d.target == null) expect(d.warning, d.id).toBeNull();
      if (d.target != null && d.warning != null) {
        if (d.direction === 'HIGHER') expect(d.warning, d.id).toBeLessThanOrEqual(d.target);
        else expect(d.warning, d.id).toBeGreaterThanOrEqual(d.target);
      }
      if (d.unit === 'PERCENT') expect(d.denominator, d.id).not.toBeNull();
      else if (d.rollup !== 'DERIVED') expect(d.denominator, d.id).toBeNull();
    }
  });

  it('weights the integration index over rates that have a target', () => {
    for (const id of Object.keys(INTEGRATION_WEIGHTS)) {
      const d = indicator(id)!;
      expect(d.direction, id).toBe('HIGHER');
      expect(d.target, id).not.toBeNull();
    }
  });

  it('judges status by direction, target and warning threshold', () => {
    expect(statusOf('HIGHER', 92, 90, 80)).toBe('MET');
    expect(statusOf('HIGHER', 90, 90, 80)).toBe('MET');
    expect(statusOf('HIGHER', 85, 90, 80)).toBe('WARNING');
    expect(statusOf('HIGHER', 79.9, 90, 80)).toBe('NOT_MET');
    expect(statusOf('LOWER', 3, 5, 8)).toBe('MET');
    expect(statusOf('LOWER', 7, 5, 8)).toBe('WARNING');
    expect(statusOf('LOWER', 9, 5, 8)).toBe('NOT_MET');
    expect(statusOf('CONTEXT', 9, null, null)).toBe('NO_TARGET');
    expect(statusOf('HIGHER', null, 90, 80)).toBeNull();
  });

  it('matches the README’s indicator table (pnpm --filter @party-hub/schema indicators:readme rewrites it)', () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    const block = readme.slice(readme.indexOf(README_BEGIN), readme.indexOf(README_END) + README_END.length);
    expect(block).toBe(indicatorTable());
  });
});
