/**
 * The organisation tree import (组织架构): the 党组织, 科室 and 支部科室 sheets planned (tree.orgs.ts,
 * tree.depts.ts; reads only) and written in the import's one transaction through the statements the GraphQL
 * tree writes use (insertOrganization, setOrganizationName, insertDepartment, setDepartment, insertLink,
 * endLink). The writer moves the cells itself (`ownCells`): a bulk recount cannot follow a tree that changes
 * under it, so it takes the new organisations' ids first and moves the cells of them and of every
 * organisation the plan touches from the first day reached — the earliest founding, or the first stored month
 * when departments or links change (a department counts under its *current* branch in every period,
 * reference.writes.ts). Renames move no cells (announced, as renameOrganization does).
 */
import { today } from '../../domain/dates.js';
import type { WriteTx } from '../../indicators/writes.js';
import type { FoundOrganizationInput } from '../organization/organization.inputs.js';
import { fromStart } from '../organization/organization.rules.js';
import { insertOrganization, nextOrgId, setOrganizationName } from '../organization/organization.writes.js';
import { endLink, insertDepartment, insertLink, setDepartment } from '../organization/reference.writes.js';
import { countOf, type KindPlan, type KindPlanInput } from './kind.js';
import { Checker, hospitals } from './lookup.js';
import { Reason } from '../../errors.js';
import type { ParsedSheet } from './rows.js';
import { TREE_DEPTS, TREE_LINKS, TREE_ORGS } from './tree.columns.js';
import { planDeptSheet, planLinkSheet, type RefSheetsPlan } from './tree.depts.js';
import { activeOrgs, storedDepts } from './tree.lookup.js';
import { planOrgSheet, type OrgSheetPlan } from './tree.orgs.js';

export interface TreePlan extends KindPlan {
  orgs: Pick<OrgSheetPlan, 'create' | 'renames' | 'from'>;
  refs: RefSheetsPlan;
}

const missing = (s: ParsedSheet | null | undefined) => !!s?.problems.some((p) => p.reason === Reason.importColumnMissing);

const emptyOrgs = (): OrgSheetPlan => ({ lines: [], create: [], renames: [], unchanged: 0, orgIds: new Set(), from: null });

/** The plan of a tree file: organisations, departments and links to create, update, leave unchanged; every problem. */
export async function planTree({ db, sheets, roots }: KindPlanInput): Promise<TreePlan> {
  const [orgSheet, deptSheet, linkSheet] = sheets;
  const refs: RefSheetsPlan = {
    depts: { create: [], update: [], unchanged: 0 },
    links: { create: [], end: [], unchanged: 0 },
    orgIds: new Set(),
    from: null,
  };
  const plan: TreePlan = { problems: [], orgIds: [], counts: [], orgs: emptyOrgs(), refs };
  if (sheets.some(missing)) return plan;
  const stored = await activeOrgs(db, roots);
  const orgs = orgSheet ? await planOrgSheet(new Checker(TREE_ORGS, orgSheet, plan.problems), db, orgSheet, stored) : emptyOrgs();
  const hosps = await hospitals(db, roots);
  const depts = await storedDepts(db);
  const deptLines = deptSheet ? planDeptSheet(new Checker(TREE_DEPTS, deptSheet, plan.problems), deptSheet, depts, hosps, refs) : [];
  if (linkSheet) {
    const hospitalsById = new Map([...hosps.values()].flat().map((h) => [h.id, h]));
    const lookups = { orgLines: orgs.lines, orgs: stored, deptLines, depts, hospitalsById };
    await planLinkSheet(new Checker(TREE_LINKS, linkSheet, plan.problems), db, linkSheet, lookups, refs);
  }
  plan.orgs = orgs;
  plan.orgIds = [...new Set([...orgs.orgIds, ...refs.orgIds])].toSorted((a, b) => a - b);
  plan.counts = [
    ...countOf(orgSheet ?? null, orgs.create.length, orgs.renames.length, orgs.unchanged),
    ...countOf(deptSheet ?? null, refs.depts.create.length, refs.depts.update.length, refs.depts.unchanged),
    ...countOf(linkSheet ?? null, refs.links.create.length, refs.links.end.length, refs.links.unchanged),
  ];
  return plan;
}

const refsChange = (p: TreePlan) =>
  p.refs.depts.create.length + p.refs.depts.update.length + p.refs.links.create.length + p.refs.links.end.length > 0;

/** The first day the writes reach: the earliest founding; the first stored month when departments or links change. */
export async function treeFirstDay(tx: WriteTx, plan: TreePlan): Promise<string> {
  const days = [plan.orgs.from ?? today()];
  if (refsChange(plan)) days.push(await fromStart(tx.client, plan.refs.from ?? '9999-12-31'));
  return days.toSorted()[0];
}

/** The rows: organisations parents first (ids taken before), departments parents first, links. */
async function writeRows(tx: WriteTx, plan: TreePlan, orgIds: Map<string, number>): Promise<void> {
  const org = (t: number | string) => (typeof t === 'number' ? t : orgIds.get(t)!);
  for (const o of plan.orgs.create) {
    const input: FoundOrganizationInput = { ...o.input, parentId: null };
    await insertOrganization(tx.client, input, org(o.parent), orgIds.get(o.key));
  }
  const deptIds = new Map<string, number>();
  const dept = (t: number | string) => (typeof t === 'number' ? t : deptIds.get(t)!);
  for (const d of plan.refs.depts.create)
    deptIds.set(d.key, await insertDepartment(tx.client, d.hospital, d.parent == null ? null : dept(d.parent), d.name, d.type));
  for (const u of plan.refs.depts.update) await setDepartment(tx.client, u.id, u.name, u.type, u.parent);
  for (const e of plan.refs.links.end) await endLink(tx.client, e.id, e.to);
  for (const l of plan.refs.links.create) await insertLink(tx.client, org(l.branch), dept(l.department), l.from, l.to, l.primary);
}

/** Writes a tree plan in the import's transaction, moving the cells itself. */
export async function writeTree(tx: WriteTx, plan: TreePlan): Promise<void> {
  const ids = new Map<string, number>();
  for (const o of plan.orgs.create) ids.set(o.key, await nextOrgId(tx.client));
  if (plan.orgs.create.length || refsChange(plan))
    await tx.moving({ orgIds: [...ids.values(), ...plan.orgIds], from: await treeFirstDay(tx, plan) }, () => writeRows(tx, plan, ids));
  for (const r of plan.orgs.renames) {
    await setOrganizationName(tx.client, r.id, r.name);
    tx.announce({ orgIds: [r.id], from: today() }, []);
  }
}

/** What the audit entry adds: the renames (organisation names are not personal data). */
export const treeAuditAfter = (plan: TreePlan) => ({
  renamed: plan.orgs.renames.map((r) => ({ organizationId: r.id, before: r.before, after: r.name })),
});
