/** The kinds of import, by their GraphQL name's lower-case form (each declared in its own files). */
import { storedRange } from '../../indicators/cells.js';
import type { WriteTx } from '../../indicators/writes.js';
import { today } from '../../domain/dates.js';
import { ACTIVITIES, ATTENDANCE } from './activities.columns.js';
import { planActivityFile, type ActivitiesPlan } from './activities.plan.js';
import { writeActivities } from './activities.write.js';
import { DEVELOPMENT } from './development.columns.js';
import { developmentFirstDay, planDevelopment, writeDevelopment, type DevelopmentPlan } from './development.plan.js';
import { FIGURES } from './figures.columns.js';
import { planFigures, writeFigures, type FiguresPlan } from './figures.plan.js';
import { HONORS } from './honors.columns.js';
import { planHonors, writeHonors, type HonorsPlan } from './honors.plan.js';
import { countOf, type ImportKindDef, type KindPlan } from './kind.js';
import { MEMBERS } from './members.columns.js';
import { planMembers, type MemberPlan, type MemberRow } from './members.plan.js';
import { writeMembers } from './members.write.js';
import { POSITIONS } from './positions.columns.js';
import { planPositions, positionsFirstDay, writePositions, type PositionsPlan } from './positions.plan.js';

type MembersPlan = MemberPlan & KindPlan;

/**
 * The first day a members commit's changes reach. A changed person may have facts (attendance, steps, honours)
 * in any period, and their attributes count there: every stored period. New people have no other facts yet:
 * they count from their joining or conversion date on (indicators/sql.ts: members at a period's end); people
 * without either (not yet members) are taken to reach every stored period, to be safe.
 */
async function membersFirstDay(tx: WriteTx, plan: MemberPlan): Promise<string> {
  const range = await storedRange(tx.client);
  const start = range?.first.start ?? `${new Date().getUTCFullYear() - 1}-01-01`;
  if (plan.update.length) return start;
  const dates = plan.create.flatMap((m) => [m.joined_on, m.converted_on]).filter((x): x is string => !!x);
  if (plan.create.some((m) => !m.joined_on)) return start;
  const first = dates.toSorted()[0];
  return first && first > start ? first : start;
}

/** The member fields the commit writes (names only, never values: the audit entry of personal data). */
function fieldsWritten(plan: MemberPlan): string[] {
  const fields = new Set<string>();
  if (plan.create.length) for (const k of Object.keys(plan.create[0]) as (keyof MemberRow)[]) fields.add(k);
  for (const u of plan.update) for (const f of u.fields) fields.add(f);
  return [...fields].toSorted();
}

const members: ImportKindDef<MembersPlan> = {
  name: 'members',
  sheets: [MEMBERS],
  tables: ['member'],
  audit: { action: 'import.members', entity: 'member' },
  async plan({ db, sheets, roots }) {
    const sheet = sheets[0]!;
    const plan = await planMembers({ db, sheet, roots });
    return { ...plan, counts: countOf(sheet, plan.create.length, plan.update.length, plan.unchanged) };
  },
  firstDay: membersFirstDay,
  write: writeMembers,
  auditAfter: (plan) => ({ fields: fieldsWritten(plan) }),
};

const activities: ImportKindDef<ActivitiesPlan> = {
  name: 'activities',
  sheets: [ACTIVITIES, ATTENDANCE],
  tables: ['activity', 'attendance'],
  audit: { action: 'import.activities', entity: 'activity' },
  plan: planActivityFile,
  firstDay: async (_tx, plan) => plan.from ?? today(),
  write: writeActivities,
};

const figures: ImportKindDef<FiguresPlan> = {
  name: 'figures',
  sheets: [FIGURES],
  tables: ['department_metric'],
  audit: { action: 'import.figures', entity: 'department_metric' },
  plan: planFigures,
  firstDay: async (_tx, plan) => plan.from ?? today(),
  write: writeFigures,
};

const honors: ImportKindDef<HonorsPlan> = {
  name: 'honors',
  sheets: [HONORS],
  tables: ['honor'],
  audit: { action: 'import.honors', entity: 'honor' },
  plan: planHonors,
  firstDay: async (_tx, plan) => plan.from ?? today(),
  write: writeHonors,
};

const development: ImportKindDef<DevelopmentPlan> = {
  name: 'development',
  sheets: [DEVELOPMENT],
  tables: ['development_event', 'member'],
  audit: { action: 'import.development', entity: 'development_event' },
  plan: planDevelopment,
  firstDay: developmentFirstDay,
  write: writeDevelopment,
  auditAfter: (plan) => ({
    people: new Set([...plan.create, ...plan.update].map((s) => s.member_id)).size,
    statusChanged: plan.status.length,
  }),
  exports: [
    {
      from: `development_event e join member m on m.id = e.member_id join organization o on o.id = m.organization_id
        join hospital h on h.id = m.hospital_id left join member i1 on i1.id = e.introducer1_id left join member i2 on i2.id = e.introducer2_id`,
      key: 'e.id',
      hospital: 'm.hospital_id',
      source: {
        idCardNo: 'm.id_card_no',
        hospital: 'h.name',
        stage: 'e.stage',
        on: 'e.event_date::text',
        introducer1: 'i1.id_card_no',
        introducer2: 'i2.id_card_no',
        trainingHours: 'e.training_hours',
      },
    },
  ],
};

const positions: ImportKindDef<PositionsPlan> = {
  name: 'positions',
  sheets: [POSITIONS],
  tables: ['position'],
  audit: { action: 'import.positions', entity: 'position' },
  plan: planPositions,
  firstDay: positionsFirstDay,
  write: writePositions,
  exports: [
    {
      from: 'position s join organization o on o.id = s.organization_id join member m on m.id = s.member_id',
      key: 's.id',
      hospital: 'm.hospital_id',
      source: {
        idCardNo: 'm.id_card_no',
        organization: 'coalesce(o.code, o.name)',
        role: 's.role',
        startOn: 's.start_on::text',
        endOn: 's.end_on::text',
        isDeptHead: 's.is_dept_head',
        isDisciplineLeader: 's.is_discipline_leader',
        isDualLeader: 's.is_dual_leader',
      },
    },
  ],
};

export const KINDS = { members, activities, figures, honors, development, positions } as const satisfies Record<string, ImportKindDef>;
export type KindName = keyof typeof KINDS;
