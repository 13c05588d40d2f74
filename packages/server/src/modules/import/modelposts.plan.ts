/**
 * Model posts checked as recordModelPost checks them (modules/honor/model-post.writes.ts, its checkPost:
 * plausible dates, revoked not before established, a holder of some kind); the holder found among the existing
 * people (ID-card number), departments (full name) and organisations (code or full name) in the importer's
 * scope, never created; every organisation the post counts under (the writes' orgsOf) in the scope; the same
 * post once in the file. New posts inserted, changed ones (level, a revoked date) updated. Planning reads only.
 */
import { Reason } from '../../errors.js';
import type { Queryable } from '../../indicators/cells.js';
import type { WriteTx } from '../../indicators/writes.js';
import { checkPost, orgsOf } from '../honor/model-post.writes.js';
import { settle, writeRows, type BulkColumn, type Checked } from './bulk.js';
import type { KindPlan, KindPlanInput } from './kind.js';
import { Checker, Departments, hospitalNamed, hospitals, Organisations, people, personNamed, type Person } from './lookup.js';
import { MODEL_POSTS } from './modelposts.columns.js';
import type { SheetRecord } from './rows.js';

export interface PostRow {
  type: string;
  title: string;
  member_id: number | null;
  department_id: number | null;
  organization_id: number | null;
  level: string;
  established_on: string;
  revoked_on: string | null;
}

export interface ModelPostsPlan extends KindPlan {
  create: PostRow[];
  update: (PostRow & { id: number })[];
  from: string | null;
}

interface Lookups {
  orgs: Organisations;
  depts: Departments;
  hosps: Awaited<ReturnType<typeof hospitals>>;
  persons: Map<string, Person[]>;
}

const keyOf = (p: PostRow) => [p.type, p.title, p.member_id, p.department_id, p.organization_id, p.established_on].join('|');
/** The write's input fields, by the columns that take them. */
const FIELDS = { memberId: 'idCardNo', departmentId: 'department', organizationId: 'organization' };

/** The holder's ids a row names (null after a problem). */
function holder(c: Checker, r: SheetRecord, x: Lookups): Pick<PostRow, 'member_id' | 'department_id' | 'organization_id'> | null {
  const v = r.values;
  const hospital = hospitalNamed(c, r, 'hospital', x.hosps);
  if (hospital === undefined) return null;
  const ok = c.rule(
    r,
    (p) =>
      checkPost(p, {
        establishedOn: String(v.establishedOn),
        revokedOn: v.revokedOn !== undefined ? String(v.revokedOn) : null,
        memberId: v.idCardNo !== undefined ? String(v.idCardNo) : null,
        departmentId: v.department !== undefined ? String(v.department) : null,
        organizationId: v.organization !== undefined ? String(v.organization) : null,
      }),
    FIELDS,
  );
  if (!ok) return null;
  const member = v.idCardNo !== undefined ? personNamed(c, r, 'idCardNo', x.persons, hospital?.id ?? null) : null;
  const dept = v.department !== undefined ? x.depts.find(c, r, 'department', hospital?.id ?? null) : null;
  const org = v.organization !== undefined ? x.orgs.find(c, r, 'organization') : null;
  if (r.bad) return null;
  return { member_id: member?.id ?? null, department_id: dept?.id ?? null, organization_id: org?.id ?? null };
}

/** The organisations a post counts under (the writes' own), or null after a problem: one outside the scope. */
async function countsUnder(c: Checker, r: SheetRecord, db: Queryable, x: Lookups, p: PostRow): Promise<number[] | null> {
  const ids = [...new Set((await orgsOf(db, { ...p })).filter((o): o is number => o != null))];
  if (ids.every((o) => x.orgs.inScope(o))) return ids;
  const field = p.member_id != null ? 'idCardNo' : p.department_id != null ? 'department' : 'organization';
  c.add(
    r,
    field,
    Reason.authOutOfScope,
    '该示范岗计入的党组织（岗位人员、科室所在）不在您的管辖范围内',
    'the post counts under an organisation (its holder’s or its department’s) outside your scope',
  );
  return null;
}

async function stored(db: Queryable, rows: PostRow[]): Promise<(PostRow & { id: number })[]> {
  const col = <K extends keyof PostRow>(k: K) => rows.map((p) => p[k]);
  const { rows: found } = await db.query<PostRow & { id: number }>(
    `select p.id, p.type, p.title, p.member_id, p.department_id, p.organization_id, p.level,
       p.established_on::text as established_on, p.revoked_on::text as revoked_on
     from model_post p join unnest($1::text[], $2::text[], $3::int[], $4::int[], $5::int[], $6::date[]) as k(ty, t, m, d, o, e)
       on p.type = k.ty and p.title = k.t and p.member_id is not distinct from k.m and p.department_id is not distinct from k.d
       and p.organization_id is not distinct from k.o and p.established_on = k.e order by p.id`,
    [col('type'), col('title'), col('member_id'), col('department_id'), col('organization_id'), col('established_on')],
  );
  return found;
}

async function lookups(db: Queryable, records: SheetRecord[], roots: readonly number[] | null): Promise<Lookups> {
  return {
    orgs: await Organisations.load(db, roots),
    depts: await Departments.load(db, roots),
    hosps: await hospitals(db, roots),
    persons: await people(
      db,
      records.flatMap((r) => (r.values.idCardNo ? [String(r.values.idCardNo)] : [])),
      roots,
    ),
  };
}

/** The rows of the sheet that name an existing holder in the scope, as posts, with the organisations each counts under. */
async function postsOf(c: Checker, db: Queryable, records: SheetRecord[], x: Lookups): Promise<Checked<PostRow>[]> {
  const out: Checked<PostRow>[] = [];
  for (const r of records) {
    if (r.bad) continue;
    const ids = holder(c, r, x);
    if (!ids) continue;
    const v = r.values;
    const p: PostRow = {
      type: String(v.type),
      title: String(v.title),
      ...ids,
      level: String(v.level),
      established_on: String(v.establishedOn),
      revoked_on: v.revokedOn !== undefined ? String(v.revokedOn) : null,
    };
    const orgIds = await countsUnder(c, r, db, x, p);
    if (orgIds) out.push({ r, row: p, orgIds, day: p.established_on });
  }
  return out;
}

/** The plan of a model posts file: posts to create, update, leave unchanged; every problem. */
export async function planModelPosts({ db, sheets, roots }: KindPlanInput): Promise<ModelPostsPlan> {
  const sheet = sheets[0]!;
  const plan: ModelPostsPlan = { problems: [], orgIds: [], counts: [], create: [], update: [], from: null };
  if (sheet.problems.some((p) => p.reason === Reason.importColumnMissing)) return plan;
  const c = new Checker(MODEL_POSTS, sheet, plan.problems);
  const rows = await postsOf(c, db, sheet.records, await lookups(db, sheet.records, roots));
  const settled = await settle(c, rows, {
    keyOf,
    duplicate: {
      field: 'title',
      zh: '同一类型、名称、岗位人员/科室/党组织和设立日期',
      en: 'the same type, title, holder and date established',
    },
    stored: (found) => stored(db, found),
    changed: ['level', 'revoked_on'],
    merge: (p, b) => ({ ...p, revoked_on: p.revoked_on ?? b.revoked_on }),
  });
  return { ...plan, ...settled };
}

const COLUMNS: BulkColumn<PostRow>[] = [
  { name: 'type', type: 'text' },
  { name: 'title', type: 'text' },
  { name: 'member_id', type: 'int' },
  { name: 'department_id', type: 'int' },
  { name: 'organization_id', type: 'int' },
  { name: 'level', type: 'text' },
  { name: 'established_on', type: 'date' },
  { name: 'revoked_on', type: 'date' },
];

/** New posts in one statement, changed ones (level, revoked date) in one. */
export const writeModelPosts = (tx: WriteTx, plan: ModelPostsPlan): Promise<void> =>
  writeRows(tx.client, 'model_post', COLUMNS, ['level', 'revoked_on'], plan);
