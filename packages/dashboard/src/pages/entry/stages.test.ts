import { describe, expect, it } from 'vitest';
import { nextStage } from './stages.ts';

describe('entry/stages', () => {
  it('should offer the step after a person’s latest, passing over reviews and extensions', () => {
    expect(nextStage([])).toBe('APPLICATION_SUBMITTED');
    expect(nextStage([{ stage: 'APPLICATION_SUBMITTED', eventDate: '2025-01-01' }])).toBe('ACTIVIST_CONFIRMED');
    expect(
      nextStage([
        { stage: 'APPLICATION_SUBMITTED', eventDate: '2025-01-01' },
        { stage: 'ACTIVIST_CONFIRMED', eventDate: '2025-03-01' },
        { stage: 'ACTIVIST_REVIEW', eventDate: '2025-09-01' },
      ]),
    ).toBe('TARGET_CONFIRMED');
    expect(
      nextStage([
        { stage: 'COMMITTEE_APPROVED', eventDate: '2025-01-01' },
        { stage: 'PROBATION_EXTENDED', eventDate: '2026-01-01' },
      ]),
    ).toBe('OATH_TAKEN');
    // A full member has nothing after: the last step stays offered (the hub says why it cannot be recorded again).
    expect(nextStage([{ stage: 'CONVERSION_APPROVED', eventDate: '2025-01-01' }])).toBe('CONVERSION_APPROVED');
  });
});
