import { describe, expect, it } from 'vitest';
import { changeIsGood, formatChange, formatCount, formatValue, nullNote } from './format.ts';

describe('dashboard/format', () => {
  it('should show a value the API does not have as 未填报 / not reported, never 0', () => {
    expect(formatValue('staff_satisfaction', null, 'NOT_REPORTED', 'zh')).toBe('未填报');
    expect(formatValue('staff_satisfaction', null, 'NOT_REPORTED', 'en')).toBe('Not reported');
    expect(formatValue('assessment_good_rate', null, 'NO_SUBJECTS', 'zh')).toBe('无统计对象');
    expect(formatValue('honors_count', 0, null, 'zh')).toBe('0项');
  });

  it("should use the catalog's unit: one decimal for rates, whole counts", () => {
    expect(formatValue('outpatient_satisfaction', 94.71, null, 'zh')).toBe('94.7%');
    expect(formatValue('branch_count', 46, null, 'zh')).toBe('46个');
    expect(formatValue('branch_count', 46, null, 'en')).toBe('46 branches');
    expect(formatValue('service_beneficiaries', 5445, null, 'en')).toBe('5,445 person-times');
    expect(formatValue('central_group_study_count', 1, null, 'en')).toBe('1 time');
    expect(formatValue('central_group_study_count', 1, null, 'zh')).toBe('1次');
  });

  it('should give a rate change in percentage points, signed', () => {
    expect(formatChange('outpatient_satisfaction', 0.24, 'zh')).toBe('+0.2个百分点');
    expect(formatChange('outpatient_satisfaction', -1.9, 'en')).toBe('−1.9 pp');
    expect(formatChange('branch_count', 0, 'zh')).toBe('±0个');
    expect(formatChange('branch_count', null, 'zh')).toBeNull();
    expect(formatChange('complaint_count', -1, 'en')).toBe('−1 case');
  });

  it("should judge a change by the indicator's direction", () => {
    expect(changeIsGood('outpatient_satisfaction', 1)).toBe(true);
    expect(changeIsGood('complaint_count', 2)).toBe(false);
    expect(changeIsGood('branch_count', 3)).toBeNull();
    expect(changeIsGood('outpatient_satisfaction', 0)).toBeNull();
  });
});

describe('dashboard/format withheld', () => {
  it('should write a withheld value and count as 人数过少·已隐藏 with its reason, never 0', () => {
    expect(formatValue('new_probationary_count', null, 'SUPPRESSED', 'zh')).toBe('人数过少·已隐藏');
    expect(formatValue('new_probationary_count', null, 'SUPPRESSED', 'en')).toBe('Too few people · withheld');
    expect(formatCount(null, 'zh')).toBe('人数过少·已隐藏');
    expect(formatCount(0, 'zh')).toBe('0');
    expect(formatCount(1234, 'en', ' people')).toBe('1,234 people');
    expect(nullNote('SUPPRESSED', 'zh')).toBe('涉及人数少于 5 人，为保护个人信息已隐藏；同组中另一项也可能因此隐藏');
    expect(nullNote('SUPPRESSED', 'en')).toMatch(/^Fewer than 5 people: withheld to protect personal data; a sibling/);
    expect(nullNote('NOT_REPORTED', 'zh')).toBeNull();
  });
});
