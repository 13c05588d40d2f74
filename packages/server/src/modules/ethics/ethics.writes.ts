/**
 * Recording, changing and deleting a medical-ethics event (医德医风: banners, thank-you letters, refused red
 * envelopes, complaints), in the shared write transaction (indicators/fact-writes.ts): the event counts
 * under its department's organisation (its branch, else the hospital's committee), before and after. An
 * amount belongs to a refused red envelope, and only to it.
 */
import { EthicsEventType } from '../../domain/enums.js';
import { Reason } from '../../errors.js';
import { Problems } from '../../graphql/problems.js';
import type { WriteResult } from '../../graphql/write-result.js';
import { deleteFact, saveFact, type FactKind } from '../../indicators/fact-writes.js';
import { deptOrgs, type WriteContext } from '../../indicators/writes.js';
import type { RecordEthicsEventInput } from './ethics.inputs.js';

const ROOT = 'recordEthicsEvent.input';
/** The largest amount one event may carry (yuan). */
export const MAX_AMOUNT = 100_000_000;

const EVENT: FactKind = {
  table: 'ethics_event',
  type: 'EthicsEvent',
  action: 'ethics',
  orgsOf: async (db, r) => [(await deptOrgs(db, [r.department_id as number])).get(r.department_id as number) ?? null],
  from: (r) => r.occurred_on as string,
};

/**
 * The amount: for a refused red envelope, required, above 0, at most two decimals; for any other type, none
 * (the ethics import checks its rows with it too).
 */
export function checkAmount(p: Pick<Problems, 'add'>, type: EthicsEventType, amount: string | null | undefined): void {
  const envelope = type === EthicsEventType.REFUSED_RED_ENVELOPE;
  if (!envelope) {
    if (amount != null) p.add('amount', Reason.inputInconsistent, '只有拒收红包记录金额', 'only a refused red envelope carries an amount');
    return;
  }
  if (amount == null) {
    p.add('amount', Reason.inputRequired, '拒收红包须填写金额', 'a refused red envelope needs its amount');
    return;
  }
  const x = Number(amount);
  if (!(x > 0 && x <= MAX_AMOUNT) || !/^\d+(\.\d{1,2})?$/.test(amount))
    p.add(
      'amount',
      Reason.inputOutOfRange,
      `金额应在 0.01–${MAX_AMOUNT} 元，最多两位小数`,
      `the amount is 0.01–${MAX_AMOUNT.toLocaleString('en')} yuan, two decimals at most`,
    );
}

/** Records a medical-ethics event, or changes one (`input.id`). */
export async function recordEthicsEvent(ctx: WriteContext, input: RecordEthicsEventInput): Promise<WriteResult> {
  const p = await Problems.of(ROOT, input);
  const id = p.id('id', input.id, 'EthicsEvent');
  const dept = p.id('departmentId', input.departmentId, 'Department');
  const member = p.id('memberId', input.memberId, 'Member');
  p.plausibleDate('occurredOn', input.occurredOn);
  checkAmount(p, input.type, input.amount);
  await p.mustExist(ctx.pool, 'id', 'ethics_event', id, 'EthicsEvent');
  await p.mustExist(ctx.pool, 'departmentId', 'department', dept, 'Department');
  await p.mustExist(ctx.pool, 'memberId', 'member', member, 'Member');
  if (p.ok && member != null) {
    const { rows } = await ctx.pool.query(
      `select m.hospital_id = d.hospital_id as same from member m, department d where m.id = $1 and d.id = $2`,
      [member, dept],
    );
    if (!rows[0]?.same)
      p.add('memberId', Reason.notInOrganization, '该人员不属于该科室所在医院', 'this person is not of the department’s hospital');
  }
  p.check();
  return saveFact(ctx, EVENT, { root: ROOT, field: 'id' }, id, {
    type: input.type,
    department_id: dept,
    member_id: member,
    amount: input.amount ?? null,
    occurred_on: input.occurredOn,
  });
}

/** Deletes a medical-ethics event recorded by mistake, with a reason (kept in the audit log with the row). */
export const deleteEthicsEvent = (ctx: WriteContext, id: string, reason: string): Promise<WriteResult> =>
  deleteFact(ctx, EVENT, 'deleteEthicsEvent', id, reason);
