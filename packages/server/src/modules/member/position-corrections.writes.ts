/**
 * A position's term ended without a successor (a resignation, a move: assignPosition ends the previous holder's
 * term itself when someone new takes the post), and a position recorded by mistake deleted with a reason. Both in
 * the shared write transaction through the fact writes (indicators/fact-writes.ts): the organisation's cells move
 * from the term's first day, the audit entry keeps the row before and after (and a deletion's reason).
 */
import { Reason } from '../../errors.js';
import { Problems } from '../../graphql/problems.js';
import type { WriteResult } from '../../graphql/write-result.js';
import { deleteFact, saveFact, type FactKind } from '../../indicators/fact-writes.js';
import type { WriteContext } from '../../indicators/writes.js';

const POSITION: FactKind = {
  table: 'position',
  type: 'Position',
  action: 'position',
  orgsOf: async (_db, r) => [r.organization_id as number],
  from: (r) => r.start_on as string,
};

/** Ends a term still running on `endOn` (its last day): not before it began, not after today. */
export async function endPosition(ctx: WriteContext, id: string, endOn: string): Promise<WriteResult> {
  const p = new Problems('endPosition');
  const positionId = p.id('id', id, 'Position');
  if (p.plausibleDate('endOn', endOn) && positionId != null) {
    const { rows } = await ctx.pool.query(`select start_on::text, end_on::text from position where id = $1`, [positionId]);
    const row = rows[0] as { start_on: string; end_on: string | null } | undefined;
    if (!row) p.add('id', Reason.idNotFound, `Position ${positionId} 不存在`, `Position ${positionId} does not exist`);
    else if (row.end_on) p.add('id', Reason.inputInconsistent, `该任职已于 ${row.end_on} 结束`, `this term ended on ${row.end_on} already`);
    else if (endOn < row.start_on)
      p.add('endOn', Reason.dateOutOfRange, `不能早于任职日期 ${row.start_on}`, `cannot be before the term began (${row.start_on})`);
  }
  p.check();
  return saveFact(ctx, POSITION, { root: 'endPosition', field: 'id' }, positionId, { end_on: endOn });
}

/** Deletes a position recorded by mistake (with a reason; the audit entry keeps the row). */
export const deletePosition = (ctx: WriteContext, id: string, reason: string): Promise<WriteResult> =>
  deleteFact(ctx, POSITION, 'deletePosition', id, reason);
