/**
 * Where each step of the development procedure (《中国共产党发展党员工作细则》) leaves a person: the
 * furthest stage reached. One table, read by the stage change (modules/member/member.writes.ts) and by
 * the indicators' SQL (indicators/sql.ts: STAGE_RANK), so the two cannot disagree.
 */
import { STAGE_MINIMUM_MONTHS } from '@party-hub/schema/indicators';
import { DevelopmentSpanKind, DevelopmentStage, PoliticalStatus } from './enums.js';

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

/**
 * The stretches of the procedure a person's time is measured over, each from the first date of one step
 * to the first date of the next, with the rules' minimum where they set one (细则 第十二条: at least a
 * year of activist training; 党章 第七条: a year of probation, counted from the branch meeting's vote).
 */
export const SPANS: readonly { span: DevelopmentSpanKind; from: DevelopmentStage; to: DevelopmentStage; minimumMonths: number | null }[] = [
  {
    span: DevelopmentSpanKind.APPLICANT,
    from: DevelopmentStage.APPLICATION_SUBMITTED,
    to: DevelopmentStage.ACTIVIST_CONFIRMED,
    minimumMonths: null,
  },
  {
    span: DevelopmentSpanKind.ACTIVIST,
    from: DevelopmentStage.ACTIVIST_CONFIRMED,
    to: DevelopmentStage.TARGET_CONFIRMED,
    minimumMonths: STAGE_MINIMUM_MONTHS.ACTIVIST_TRAINING,
  },
  {
    span: DevelopmentSpanKind.TARGET,
    from: DevelopmentStage.TARGET_CONFIRMED,
    to: DevelopmentStage.BRANCH_VOTE_ADMIT,
    minimumMonths: null,
  },
  {
    span: DevelopmentSpanKind.PROBATION,
    from: DevelopmentStage.BRANCH_VOTE_ADMIT,
    to: DevelopmentStage.BRANCH_VOTE_CONVERT,
    minimumMonths: STAGE_MINIMUM_MONTHS.PROBATION,
  },
];
