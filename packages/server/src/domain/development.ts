/**
 * Where each step of the development procedure (《中国共产党发展党员工作细则》) leaves a person: the
 * furthest stage reached. One table, read by the stage change (modules/member/member.writes.ts) and by
 * the indicators' SQL (indicators/sql.ts: STAGE_RANK), so the two cannot disagree.
 */
import { DevelopmentStage, PoliticalStatus } from './enums.js';

/** The stage a step reaches: 1 applicant, 2 activist, 3 development target, 4 probationary, 5 full member; 9 out. */
export const STAGE_RANK: Readonly<Record<DevelopmentStage, number>> = {
  [DevelopmentStage.APPLICATION_SUBMITTED]: 1,
  [DevelopmentStage.ACTIVIST_CONFIRMED]: 2,
  [DevelopmentStage.ACTIVIST_REVIEW]: 2,
  [DevelopmentStage.TARGET_CONFIRMED]: 3,
  [DevelopmentStage.POLITICAL_REVIEW]: 3,
  [DevelopmentStage.TRAINING_COMPLETED]: 3,
  [DevelopmentStage.PUBLIC_NOTICE]: 3,
  [DevelopmentStage.BRANCH_VOTE_ADMIT]: 3,
  [DevelopmentStage.COMMITTEE_APPROVED]: 4,
  [DevelopmentStage.OATH_TAKEN]: 4,
  [DevelopmentStage.CONVERSION_REQUESTED]: 4,
  [DevelopmentStage.BRANCH_VOTE_CONVERT]: 4,
  [DevelopmentStage.PROBATION_EXTENDED]: 4,
  [DevelopmentStage.CONVERSION_APPROVED]: 5,
  [DevelopmentStage.WITHDRAWN]: 9,
  [DevelopmentStage.PROBATION_CANCELLED]: 9,
};

/** The rank of a person whose development has ended (withdrawn, or probation cancelled). */
export const ENDED = 9;

/** A person's political status at each rank below ENDED (index = rank). */
export const STATUS_OF_RANK: readonly PoliticalStatus[] = [
  PoliticalStatus.MASSES,
  PoliticalStatus.APPLICANT,
  PoliticalStatus.ACTIVIST,
  PoliticalStatus.DEVELOPMENT_TARGET,
  PoliticalStatus.PROBATIONARY,
  PoliticalStatus.FULL_MEMBER,
];
