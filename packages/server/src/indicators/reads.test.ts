import { describe, expect, it } from 'vitest';
import { indicatorsReading, TABLES_READ } from './reads.js';
import { STORED_IDS } from './sql.js';

describe('indicators/reads', () => {
  it('should find the tables each indicator reads in its own statement', () => {
    expect([...TABLES_READ.get('outpatient_satisfaction')!]).toEqual(expect.arrayContaining(['survey_response', 'survey', 'department']));
    expect([...TABLES_READ.get('secretary_dept_head_rate')!]).toEqual(expect.arrayContaining(['organization', 'position']));
    for (const id of STORED_IDS) expect(TABLES_READ.get(id)!.size, id).toBeGreaterThan(0);
  });

  it('should move exactly the indicators that read a written table', () => {
    expect(indicatorsReading(['survey_response'])).toEqual(['outpatient_satisfaction', 'inpatient_satisfaction', 'staff_satisfaction']);
    expect(indicatorsReading(['honor'])).toEqual(['honors_count']);
    expect(indicatorsReading(['department_metric'])).toEqual(['member_share_of_staff', 'senior_title_member_share']);
    // Every indicator that counts meetings or attendance moves with a meeting; none of the satisfaction ones does.
    const meeting = indicatorsReading(['activity', 'attendance']);
    expect(meeting).toEqual(expect.arrayContaining(['general_meeting_rate', 'org_life_attendance_rate', 'volunteer_participation_rate']));
    expect(meeting).not.toContain('outpatient_satisfaction');
    expect(indicatorsReading(['indicator_target'])).toEqual([]);
  });
});
