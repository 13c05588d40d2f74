/**
 * The development steps in the order of the development rules (《发展党员工作细则》), as the hub ranks them
 * (server domain/development.ts): the form lists them so, and offers the step after a person's latest.
 */
import type { DevelopmentStage } from '@party-hub/schema/client';

export const STAGE_ORDER: readonly DevelopmentStage[] = [
  'APPLICATION_SUBMITTED',
  'ACTIVIST_CONFIRMED',
  'ACTIVIST_REVIEW',
  'TARGET_CONFIRMED',
  'POLITICAL_REVIEW',
  'TRAINING_COMPLETED',
  'PUBLIC_NOTICE',
  'BRANCH_VOTE_ADMIT',
  'COMMITTEE_APPROVED',
  'OATH_TAKEN',
  'CONVERSION_REQUESTED',
  'BRANCH_VOTE_CONVERT',
  'PROBATION_EXTENDED',
  'CONVERSION_APPROVED',
  'WITHDRAWN',
  'PROBATION_CANCELLED',
];

/** Steps that end or repeat (review, extension, withdrawal) are never offered as “next”. */
const SIDE: ReadonlySet<string> = new Set(['ACTIVIST_REVIEW', 'PROBATION_EXTENDED', 'WITHDRAWN', 'PROBATION_CANCELLED']);

/** The step after the latest recorded (by date, then by order): the form's default; the first for nobody's. */
export function nextStage(recorded: readonly { stage: string; eventDate: string }[]): DevelopmentStage {
  const main = recorded.filter((s) => !SIDE.has(s.stage));
  const latest = main.reduce<number>((best, s) => Math.max(best, STAGE_ORDER.indexOf(s.stage as DevelopmentStage)), -1);
  return STAGE_ORDER.slice(latest + 1).find((s) => !SIDE.has(s)) ?? STAGE_ORDER[latest]!;
}
