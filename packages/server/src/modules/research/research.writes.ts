/**
 * Recording, changing and deleting a Party-building research project (党建课题), in the shared write
 * transaction (indicators/fact-writes.ts): the count of projects approved moves for the lead organisation,
 * before and after. The same project twice (organisation, title, approval date) is refused, naming it.
 */
import { Problems } from '../../graphql/problems.js';
import type { WriteResult } from '../../graphql/write-result.js';
import { deleteFact, refuseSame, saveFact, type FactKind } from '../../indicators/fact-writes.js';
import type { WriteContext } from '../../indicators/writes.js';
import type { RecordResearchProjectInput } from './research.inputs.js';

const ROOT = 'recordResearchProject.input';

const PROJECT: FactKind = {
  table: 'research_project',
  type: 'ResearchProject',
  action: 'research',
  orgsOf: async (_db, r) => [r.organization_id as number],
  from: (r) => r.approved_on as string,
  refuseDuplicate: (db, r, id) =>
    refuseSame(db, PROJECT, { root: ROOT, field: 'title' }, r, ['organization_id', 'title', 'approved_on'], id),
};

/** A plausible approval date: recordResearchProject's rule, checked on an import's rows too (import/research.plan.ts). */
export function checkProject(p: Problems, input: Pick<RecordResearchProjectInput, 'approvedOn'>): void {
  p.plausibleDate('approvedOn', input.approvedOn);
}

/** Records a research project, or changes one (`input.id`). */
export async function recordResearchProject(ctx: WriteContext, input: RecordResearchProjectInput): Promise<WriteResult> {
  const p = await Problems.of(ROOT, input);
  const id = p.id('id', input.id, 'ResearchProject');
  const org = p.id('organizationId', input.organizationId, 'Organization');
  checkProject(p, input);
  await p.mustExist(ctx.pool, 'id', 'research_project', id, 'ResearchProject');
  await p.mustExist(ctx.pool, 'organizationId', 'organization', org, 'Organization');
  p.check();
  return saveFact(ctx, PROJECT, { root: ROOT, field: 'id' }, id, {
    organization_id: org,
    title: input.title.trim(),
    level: input.level,
    approved_on: input.approvedOn,
    status: input.status,
  });
}

/** Deletes a research project recorded by mistake, with a reason (kept in the audit log with the row). */
export const deleteResearchProject = (ctx: WriteContext, id: string, reason: string): Promise<WriteResult> =>
  deleteFact(ctx, PROJECT, 'deleteResearchProject', id, reason);
