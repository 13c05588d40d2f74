/**
 * Arguments that name an organisation outside the request account's scope are refused before any SQL
 * (auth/out_of_scope), on lists' `orgId` and on every indicator question alike. An organisation unknown
 * to the hub is not refused here: the statement's own check says it does not exist.
 */
import type { Reader } from '../db/reader.js';
import { ErrorCode, HubError, Reason } from '../errors.js';
import { fromGlobalId } from './global-id.js';
import { orgInfo } from '../org-tree/tree.js';

/** auth/out_of_scope for an organisation, or a record (a member, an activity …) of one, that the id names. */
export const outOfScope = (globalId: string, field: string[]) => {
  const org = fromGlobalId(globalId)?.type === 'Organization';
  return new HubError({
    code: ErrorCode.forbidden,
    reason: Reason.authOutOfScope,
    field,
    zh: `${org ? '党组织' : '记录'} ${globalId} 不在本账号的权限范围内`,
    en: `${org ? 'organization' : 'record'} ${globalId} is outside this account's scope`,
    status: 403,
  });
};

/** The entity whose rows are people: what a role without access to persons may not filter or group by. */
export const PERSON_ENTITY = 'Member';

/** Refuses singling out a person (by id, or a relation to one) to an account that may not see people. */
export function assertMayName(reader: Reader, target: string, field: string[]): void {
  if (reader.persons || target !== PERSON_ENTITY) return;
  throw new HubError({
    code: ErrorCode.forbidden,
    reason: Reason.authForbidden,
    field,
    zh: '本账号不能按具体人员过滤或分组（可按性别、学历等属性）',
    en: 'this account may not filter or group by a person (attributes such as gender or education are fine)',
    status: 403,
  });
}

/** Whether an organisation lies under one of the roots (the roots themselves included). */
export const underRoots = (ancestors: readonly number[], roots: readonly number[]): boolean => ancestors.some((a) => roots.includes(a));

/** Throws auth/out_of_scope when the reader's account does not reach organisation `id` (an unknown id passes). */
export async function assertInScope(reader: Reader, id: number, globalId: string, field: string[]): Promise<void> {
  if (reader.scope === null) return;
  const org = await orgInfo(reader, id);
  if (org && !underRoots(org.ancestors, reader.scope)) throw outOfScope(globalId, field);
}
