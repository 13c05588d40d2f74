/**
 * Research projects checked as recordResearchProject checks them (modules/research/research.writes.ts, its
 * checkProject: a plausible approval date); the lead organisation found by code or full name in the importer's
 * scope (never created); the same project (organisation, title, approval date) once in the file. New projects
 * inserted, changed ones (level, status) updated. Planning reads only.
 */
import { Reason } from '../../errors.js';
import type { Queryable } from '../../indicators/cells.js';
import type { WriteTx } from '../../indicators/writes.js';
import { checkProject } from '../research/research.writes.js';
import { settle, writeRows, type BulkColumn, type Checked } from './bulk.js';
import type { KindPlan, KindPlanInput } from './kind.js';
import { Checker, Organisations } from './lookup.js';
import { RESEARCH } from './research.columns.js';

export interface ProjectRow {
  organization_id: number;
  title: string;
  level: string;
  approved_on: string;
  status: string;
}

export interface ResearchPlan extends KindPlan {
  create: ProjectRow[];
  update: (ProjectRow & { id: number })[];
  from: string | null;
}

const keyOf = (p: ProjectRow) => [p.organization_id, p.title, p.approved_on].join('|');

async function stored(db: Queryable, rows: ProjectRow[]): Promise<(ProjectRow & { id: number })[]> {
  const { rows: found } = await db.query<ProjectRow & { id: number }>(
    `select p.id, p.organization_id, p.title, p.level, p.approved_on::text as approved_on, p.status
     from research_project p join unnest($1::int[], $2::text[], $3::date[]) as k(o, t, a)
       on p.organization_id = k.o and p.title = k.t and p.approved_on = k.a order by p.id`,
    [rows.map((p) => p.organization_id), rows.map((p) => p.title), rows.map((p) => p.approved_on)],
  );
  return found;
}

/** The plan of a research projects file: projects to create, update, leave unchanged; every problem. */
export async function planResearch({ db, sheets, roots }: KindPlanInput): Promise<ResearchPlan> {
  const sheet = sheets[0]!;
  const plan: ResearchPlan = { problems: [], orgIds: [], counts: [], create: [], update: [], from: null };
  if (sheet.problems.some((p) => p.reason === Reason.importColumnMissing)) return plan;
  const c = new Checker(RESEARCH, sheet, plan.problems);
  const orgs = await Organisations.load(db, roots);
  const rows: Checked<ProjectRow>[] = [];
  for (const r of sheet.records) {
    if (r.bad || !c.rule(r, (p) => checkProject(p, { approvedOn: String(r.values.approvedOn) }))) continue;
    const org = orgs.find(c, r, 'organization');
    if (!org) continue;
    const v = r.values;
    const row = {
      organization_id: org.id,
      title: String(v.title),
      level: String(v.level),
      approved_on: String(v.approvedOn),
      status: String(v.status),
    };
    rows.push({ r, row, orgIds: [org.id], day: row.approved_on });
  }
  const settled = await settle(c, rows, {
    keyOf,
    duplicate: { field: 'title', zh: '同一党组织、课题名称和立项日期', en: 'the same organisation, title and approval date' },
    stored: (found) => stored(db, found),
    changed: ['level', 'status'],
  });
  return { ...plan, ...settled };
}

const COLUMNS: BulkColumn<ProjectRow>[] = [
  { name: 'organization_id', type: 'int' },
  { name: 'title', type: 'text' },
  { name: 'level', type: 'text' },
  { name: 'approved_on', type: 'date' },
  { name: 'status', type: 'text' },
];

/** New projects in one statement, changed ones (level, status) in one. */
export const writeResearch = (tx: WriteTx, plan: ResearchPlan): Promise<void> =>
  writeRows(tx.client, 'research_project', COLUMNS, ['level', 'status'], plan);
