/**
 * Recording, changing and deleting a classified assessment (四级分类考核), in the shared write transaction
 * (indicators/fact-writes.ts): an assessment year counts in its December, under the branch assessed or the
 * person's branch, before and after. One assessment per subject and year: a second is refused, naming it.
 */
import { currentMonth } from '@party-hub/schema/indicators';
import type pg from 'pg';
import { AssessmentSubject } from '../../domain/enums.js';
import { Reason } from '../../errors.js';
import { Problems } from '../../graphql/problems.js';
import type { WriteResult } from '../../graphql/write-result.js';
import { deleteFact, refuseSame, saveFact, type FactKind } from '../../indicators/fact-writes.js';
import type { WriteContext } from '../../indicators/writes.js';
import type { RecordAssessmentInput } from './assessment.inputs.js';

const ROOT = 'recordAssessment.input';

const ASSESSMENT: FactKind = {
  table: 'assessment',
  type: 'Assessment',
  action: 'assessment',
  orgsOf: async (_db, r) => [r.organization_id as number],
  from: (r) => `${r.year as number}-12-01`,
  refuseDuplicate: (db, r, id) =>
    refuseSame(db, ASSESSMENT, { root: ROOT, field: 'year' }, r, ['subject_type', 'member_id', 'organization_id', 'year'], id),
};

/**
 * A branch is assessed by its organisation alone; a person by their member id (their branch by default). The
 * assessments import checks its rows with it too (the ids standing for the cells that name them).
 */
export function checkSubject(
  p: Pick<Problems, 'add'>,
  input: Pick<RecordAssessmentInput, 'subjectType' | 'memberId' | 'organizationId'>,
): void {
  const branch = input.subjectType === AssessmentSubject.BRANCH;
  if (branch && input.organizationId == null)
    p.add('organizationId', Reason.inputRequired, '考核党支部须指定党支部', 'a branch’s assessment names the branch');
  if (branch && input.memberId != null)
    p.add('memberId', Reason.inputInconsistent, '考核党支部不能指定人员', 'a branch’s assessment names no person');
  if (!branch && input.memberId == null)
    p.add('memberId', Reason.inputRequired, '考核人员须指定人员', 'a person’s assessment names the person');
}

/** The year (1921 to this year) and the score (0–100, two decimals at most); the assessments import's rows too. */
export function checkFigures(p: Pick<Problems, 'add'>, input: Pick<RecordAssessmentInput, 'year' | 'score'>): void {
  const last = currentMonth().year;
  if (!Number.isInteger(input.year) || input.year < 1921 || input.year > last)
    p.add('year', Reason.inputOutOfRange, `年度应在 1921–${last}`, `the year is 1921–${last}`);
  if (input.score != null && (!/^\d{1,3}(\.\d{1,2})?$/.test(input.score) || Number(input.score) > 100))
    p.add('score', Reason.inputOutOfRange, '得分应在 0–100，最多两位小数', 'a score is 0–100, two decimals at most');
}

/** The organisation the assessment is filed under: the branch named, else the person's own. */
async function organisationOf(db: pg.Pool, p: Problems, member: number | null, org: number | null): Promise<number | null> {
  if (org != null || member == null || !p.ok) return org;
  return ((await db.query(`select organization_id from member where id = $1`, [member])).rows[0]?.organization_id as number) ?? null;
}

/** Records an assessment, or changes one (`input.id`). */
export async function recordAssessment(ctx: WriteContext, input: RecordAssessmentInput): Promise<WriteResult> {
  const p = await Problems.of(ROOT, input);
  const id = p.id('id', input.id, 'Assessment');
  const member = p.id('memberId', input.memberId, 'Member');
  const given = p.id('organizationId', input.organizationId, 'Organization');
  checkSubject(p, input);
  checkFigures(p, input);
  await p.mustExist(ctx.pool, 'id', 'assessment', id, 'Assessment');
  await p.mustExist(ctx.pool, 'memberId', 'member', member, 'Member');
  await p.mustExist(ctx.pool, 'organizationId', 'organization', given, 'Organization');
  const org = await organisationOf(ctx.pool, p, member, given);
  p.check();
  return saveFact(ctx, ASSESSMENT, { root: ROOT, field: 'id' }, id, {
    subject_type: input.subjectType,
    member_id: member,
    organization_id: org,
    year: input.year,
    score: input.score ?? null,
    grade: input.grade,
  });
}

/** Deletes an assessment recorded by mistake, with a reason (kept in the audit log with the row). */
export const deleteAssessment = (ctx: WriteContext, id: string, reason: string): Promise<WriteResult> =>
  deleteFact(ctx, ASSESSMENT, 'deleteAssessment', id, reason);
