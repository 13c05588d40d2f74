/**
 * Where each step of the development procedure (《中国共产党发展党员工作细则》) leaves a person: the
 * furthest stage reached. One table, read by the stage change (modules/member/member.writes.ts) and by
 * the indicators' SQL (indicators/sql.ts: STAGE_RANK), so the two cannot disagree.
 */
import { DEVELOPMENT_SPANS } from '@party-hub/schema/indicators';
import { DevelopmentSpanKind, DevelopmentStage, PoliticalStatus } from './enums.js';

/**
 * The stage a step reaches: 1 applicant, 2 activist, 3 development target, 4 voted in by the branch meeting and
 * awaiting the committee's approval, 5 probationary, 6 full member; 9 out. The one stage model: Member.politicalStatus
 * (statusFromSteps), the pipeline indicators (indicators/sql.ts) and the demo data (seed/hospital/pipeline.ts) all
 * read it. A branch's vote to convert leaves a probationary member probationary until the committee approves.
 */
export const STAGE_RANK: Readonly<Record<DevelopmentStage, number>> = {
  [DevelopmentStage.APPLICATION_SUBMITTED]: 1,
  [DevelopmentStage.ACTIVIST_CONFIRMED]: 2,
  [DevelopmentStage.ACTIVIST_REVIEW]: 2,
  [DevelopmentStage.TARGET_CONFIRMED]: 3,
  [DevelopmentStage.POLITICAL_REVIEW]: 3,
  [DevelopmentStage.TRAINING_COMPLETED]: 3,
  [DevelopmentStage.PUBLIC_NOTICE]: 3,
  [DevelopmentStage.BRANCH_VOTE_ADMIT]: 4,
  [DevelopmentStage.COMMITTEE_APPROVED]: 5,
  [DevelopmentStage.OATH_TAKEN]: 5,
  [DevelopmentStage.CONVERSION_REQUESTED]: 5,
  [DevelopmentStage.BRANCH_VOTE_CONVERT]: 5,
  [DevelopmentStage.PROBATION_EXTENDED]: 5,
  [DevelopmentStage.CONVERSION_APPROVED]: 6,
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
  PoliticalStatus.ADMISSION_PENDING,
  PoliticalStatus.PROBATIONARY,
  PoliticalStatus.FULL_MEMBER,
];

/** The ranks of the stages the pipeline indicators count (activist_count, development_target_count …). */
export const RANK = { APPLICANT: 1, ACTIVIST: 2, DEVELOPMENT_TARGET: 3, ADMISSION_PENDING: 4, PROBATIONARY: 5, FULL_MEMBER: 6 } as const;

/** A person's status once these stages have happened (the furthest reached): what the demo data writes too. */
export function statusOfStages(stages: readonly DevelopmentStage[]): PoliticalStatus {
  const rank = Math.max(0, ...stages.map((s) => STAGE_RANK[s]));
  return rank === ENDED ? PoliticalStatus.MASSES : STATUS_OF_RANK[rank]!;
}

/** The stretches a person's time is measured over (the catalog's DEVELOPMENT_SPANS), in stored values. */
export const SPANS: readonly { span: DevelopmentSpanKind; from: DevelopmentStage; to: DevelopmentStage; minimumMonths: number | null }[] =
  DEVELOPMENT_SPANS.map((s) => ({
    span: DevelopmentSpanKind[s.span],
    from: DevelopmentStage[s.from],
    to: DevelopmentStage[s.to],
    minimumMonths: s.minimumMonths,
  }));

const S = DevelopmentStage;

/**
 * The development procedure as a state machine: from each step, the steps that may follow it
 * (《中国共产党发展党员工作细则》2014: 第二—五章; the withdrawal (撤回) of an applicant, activist or
 * development target at any point before admission; 第三十一条 extended probation (延长预备期, once, up to a
 * year) and cancellation (取消预备党员资格) during probation). The three checks of a development target
 * (政治审查, 集中培训, 公示) may come in any order but each before the branch meeting; half-yearly activist
 * reviews repeat. Conversion approved, withdrawn and cancelled end the record. Going back is a correction
 * (correctDevelopmentStep, with a reason), never a step.
 */
export const NEXT_STEPS: Readonly<Record<DevelopmentStage | 'START', readonly DevelopmentStage[]>> = {
  START: [S.APPLICATION_SUBMITTED],
  [S.APPLICATION_SUBMITTED]: [S.ACTIVIST_CONFIRMED, S.WITHDRAWN],
  [S.ACTIVIST_CONFIRMED]: [S.ACTIVIST_REVIEW, S.TARGET_CONFIRMED, S.WITHDRAWN],
  [S.ACTIVIST_REVIEW]: [S.ACTIVIST_REVIEW, S.TARGET_CONFIRMED, S.WITHDRAWN],
  [S.TARGET_CONFIRMED]: [S.POLITICAL_REVIEW, S.TRAINING_COMPLETED, S.PUBLIC_NOTICE, S.WITHDRAWN],
  [S.POLITICAL_REVIEW]: [S.TRAINING_COMPLETED, S.PUBLIC_NOTICE, S.BRANCH_VOTE_ADMIT, S.WITHDRAWN],
  [S.TRAINING_COMPLETED]: [S.POLITICAL_REVIEW, S.PUBLIC_NOTICE, S.BRANCH_VOTE_ADMIT, S.WITHDRAWN],
  [S.PUBLIC_NOTICE]: [S.POLITICAL_REVIEW, S.TRAINING_COMPLETED, S.BRANCH_VOTE_ADMIT, S.WITHDRAWN],
  [S.BRANCH_VOTE_ADMIT]: [S.COMMITTEE_APPROVED, S.WITHDRAWN],
  [S.COMMITTEE_APPROVED]: [S.OATH_TAKEN, S.CONVERSION_REQUESTED, S.PROBATION_EXTENDED, S.PROBATION_CANCELLED],
  [S.OATH_TAKEN]: [S.CONVERSION_REQUESTED, S.PROBATION_EXTENDED, S.PROBATION_CANCELLED],
  [S.CONVERSION_REQUESTED]: [S.BRANCH_VOTE_CONVERT, S.PROBATION_EXTENDED, S.PROBATION_CANCELLED],
  [S.BRANCH_VOTE_CONVERT]: [S.CONVERSION_APPROVED, S.PROBATION_EXTENDED, S.PROBATION_CANCELLED],
  [S.PROBATION_EXTENDED]: [S.CONVERSION_REQUESTED, S.PROBATION_CANCELLED],
  [S.CONVERSION_APPROVED]: [],
  [S.WITHDRAWN]: [],
  [S.PROBATION_CANCELLED]: [],
};

/** A person's state before any recorded step, from the status kept without a development record (older members). */
export function stateWithoutRecord(status: PoliticalStatus): DevelopmentStage | 'START' {
  const implied: Record<PoliticalStatus, DevelopmentStage | 'START'> = {
    [PoliticalStatus.MASSES]: 'START',
    [PoliticalStatus.APPLICANT]: S.APPLICATION_SUBMITTED,
    [PoliticalStatus.ACTIVIST]: S.ACTIVIST_CONFIRMED,
    [PoliticalStatus.DEVELOPMENT_TARGET]: S.TARGET_CONFIRMED,
    [PoliticalStatus.ADMISSION_PENDING]: S.BRANCH_VOTE_ADMIT,
    [PoliticalStatus.PROBATIONARY]: S.COMMITTEE_APPROVED,
    [PoliticalStatus.FULL_MEMBER]: S.CONVERSION_APPROVED,
  };
  return implied[status];
}

export interface Step {
  stage: DevelopmentStage;
  on: string;
}

/** What a sequence of steps makes of a person: the first step that may not follow the one before, if any. */
export function firstIllegalStep(steps: readonly Step[], start: DevelopmentStage | 'START' = 'START'): number | null {
  let state = start;
  for (const [i, step] of steps.entries()) {
    if (!NEXT_STEPS[state].includes(step.stage)) return i;
    if (i > 0 && step.on < steps[i - 1]!.on) return i;
    state = step.stage;
  }
  return null;
}

export interface StatusFromSteps {
  politicalStatus: PoliticalStatus;
  joinedOn: string | null;
  convertedOn: string | null;
}

/**
 * A person's status, joining and conversion dates from their steps (in order): joined on the branch
 * meeting's vote (党章 第七条), converted on the approval; a record that ended (withdrawn, probation
 * cancelled) leaves a non-member; no steps at all, a non-member.
 */
export function statusFromSteps(steps: readonly Step[], fallback: StatusFromSteps): StatusFromSteps {
  if (!steps.length) return { politicalStatus: PoliticalStatus.MASSES, joinedOn: null, convertedOn: null };
  const rank = Math.max(...steps.map((s) => STAGE_RANK[s.stage]));
  const first = (stage: DevelopmentStage) => steps.find((s) => s.stage === stage)?.on ?? null;
  // Dates the record does not hold (a member older than the hub's records) stay as they were kept.
  const joinedOn = first(S.BRANCH_VOTE_ADMIT) ?? (rank >= RANK.ADMISSION_PENDING ? fallback.joinedOn : null);
  if (rank === ENDED) return { politicalStatus: PoliticalStatus.MASSES, joinedOn, convertedOn: null };
  return {
    politicalStatus: STATUS_OF_RANK[rank]!,
    joinedOn,
    convertedOn: first(S.CONVERSION_APPROVED) ?? (rank >= RANK.FULL_MEMBER ? fallback.convertedOn : null),
  };
}
