/**
 * The columns the generator writes, per table, in COPY order (parents before children: the triggers
 * look parents up). `path`/`depth` of organizations and `department.branch_id` are left to the
 * database's triggers, so the demo data passes through the same rules as every other write.
 * tables.test.ts holds these lists against the migrated schema: a new table or column fails there.
 */
export const COLUMNS = {
  organization: [
    'id',
    'created_at',
    'updated_at',
    'parent_id',
    'name',
    'code',
    'kind',
    'category',
    'founded_on',
    'dissolved_on',
    'term_start',
    'term_years',
  ],
  hospital: ['id', 'created_at', 'updated_at', 'name', 'level', 'type', 'region', 'committee_id'],
  department: ['id', 'created_at', 'updated_at', 'hospital_id', 'parent_id', 'name', 'type', 'closed_on'],
  branch_department: ['id', 'branch_id', 'department_id', 'valid_from', 'valid_to', 'is_primary'],
  member: [
    'id',
    'created_at',
    'updated_at',
    'hospital_id',
    'name',
    'gender',
    'birth_date',
    'ethnicity',
    'education',
    'professional_title',
    'staff_category',
    'department_id',
    'is_dept_head',
    'is_backbone',
    'is_frontline',
    'political_status',
    'membership_status',
    'organization_id',
    'party_group_id',
    'joined_on',
    'converted_on',
    'id_card_no',
    'mobile',
    'staff_no',
  ],
  development_event: [
    'id',
    'created_at',
    'updated_at',
    'member_id',
    'stage',
    'event_date',
    'introducer1_id',
    'introducer2_id',
    'training_hours',
  ],
  position: [
    'id',
    'created_at',
    'updated_at',
    'organization_id',
    'member_id',
    'role',
    'start_on',
    'end_on',
    'is_dept_head',
    'is_discipline_leader',
    'is_dual_leader',
  ],
  activity: [
    'id',
    'created_at',
    'updated_at',
    'organization_id',
    'type',
    'title',
    'held_on',
    'start_at',
    'location',
    'status',
    'festival_tag',
    'lecturer_id',
    'lecturer_role',
    'expected_count',
    'beneficiary_count',
    'partner_org',
    'is_makeup',
  ],
  model_post: [
    'id',
    'created_at',
    'updated_at',
    'type',
    'title',
    'member_id',
    'department_id',
    'organization_id',
    'level',
    'established_on',
    'revoked_on',
  ],
  honor: [
    'id',
    'created_at',
    'updated_at',
    'hospital_id',
    'recipient_type',
    'member_id',
    'organization_id',
    'department_id',
    'title',
    'category',
    'level',
    'issuer',
    'issuer_kind',
    'awarded_on',
  ],
  ethics_event: ['id', 'created_at', 'updated_at', 'type', 'department_id', 'member_id', 'amount', 'occurred_on'],
  department_metric: ['id', 'created_at', 'updated_at', 'department_id', 'month', 'code', 'value'],
  research_project: ['id', 'created_at', 'updated_at', 'title', 'organization_id', 'level', 'approved_on', 'status'],
  assessment: ['id', 'created_at', 'updated_at', 'subject_type', 'member_id', 'organization_id', 'year', 'score', 'grade'],
  survey: ['id', 'created_at', 'updated_at', 'hospital_id', 'title', 'kind', 'source', 'cadence', 'scale', 'satisfied_from', 'started_on'],
  // Plans the set-based SQL expands into attendance and survey_response rows (temporary tables).
  seed_attendance_plan: ['activity_id', 'org_id', 'audience', 'held_on', 'attend', 'lecturer_id', 'first_month', 'last_month'],
  seed_survey_plan: [
    'plan_id',
    'survey_id',
    'department_id',
    'scale',
    'first_day',
    'last_day',
    'daily',
    'mean',
    'sd',
    'unsat',
    'quarter_end_only',
    'satisfied_from',
  ],
} as const;

export type TableName = keyof typeof COLUMNS;
/** Tables written by COPY, parents before children: the order of COLUMNS. */
export const COPY_ORDER = Object.keys(COLUMNS) as TableName[];
/** Temporary tables (expand.ts creates them) holding the plans the set-based SQL expands. */
export const PLAN_TABLES = ['seed_attendance_plan', 'seed_survey_plan'] as const satisfies readonly TableName[];
/** The columns the set-based SQL of expand.ts writes into the two large tables (their ids come in plan order). */
export const EXPANDED_COLUMNS = {
  attendance: ['activity_id', 'member_id', 'role', 'status', 'hours', 'reason'],
  survey_response: [
    'survey_id',
    'hospital_id',
    'department_id',
    'responded_on',
    'overall_score',
    'is_satisfied',
    'attitude_score',
    'environment_score',
    'process_score',
  ],
} as const;
/**
 * Every table of the hub, for emptiness checks, resets and sequence bookkeeping: filled by COPY (COLUMNS)
 * or by the set-based SQL (EXPANDED_COLUMNS). A reset empties every table of the schema (schemaTables).
 */
export const HUB_TABLES = [
  'organization',
  'hospital',
  'department',
  'branch_department',
  'member',
  'development_event',
  'position',
  'activity',
  'attendance',
  'model_post',
  'honor',
  'ethics_event',
  'department_metric',
  'research_project',
  'assessment',
  'survey',
  'survey_response',
] as const;

/**
 * Accounts and what hangs on them (modules/account): people, not demo data. A reset keeps them, so that
 * reloading the data does not lock its administrators out (or bring back a demo account's old links).
 */
export const ACCOUNT_TABLES = [
  'account',
  'account_session',
  'account_scope',
  'sign_in_failure',
  'sign_in_lock',
  'sign_in_link',
  'api_token',
] as const;

/**
 * The audit log (its partitions with it), its chain's head and the writes' idempotency keys (modules/audit): a record of what happened, which a reset of the demo
 * data must not erase (and cannot: a trigger refuses TRUNCATE; rows leave only through `pnpm audit:purge`).
 */
export const AUDIT_TABLES = ['audit_log', 'audit_chain', 'idempotency_key'] as const;

/** What a reset keeps: the accounts' tables and the audit log's. */
export const KEPT_TABLES: readonly string[] = [...ACCOUNT_TABLES, ...AUDIT_TABLES];

/**
 * Every table of the schema, read from PostgreSQL's catalog (MikroORM's record of migrations and the
 * KEPT_TABLES aside): what a reset empties. Tables that are not HUB_TABLES are left empty by the generator:
 * the indicator engine's (cells, their range and definitions are rebuilt from the hub tables after
 * loading; targets and weights are users' settings), and any table only writes fill.
 */
export async function schemaTables(db: {
  query(text: string): Promise<{ rows: { t: string; parent: string | null }[] }>;
}): Promise<string[]> {
  // A partition goes with its table: audit_log's months are kept as audit_log is.
  const { rows } = await db.query(
    `select c.relname as t, p.relname as parent from pg_class c join pg_namespace n on n.oid = c.relnamespace
       left join pg_inherits i on i.inhrelid = c.oid left join pg_class p on p.oid = i.inhparent
      where n.nspname = current_schema() and c.relkind in ('r', 'p') and c.relname <> 'mikro_orm_migrations' order by 1`,
  );
  const kept = new Set(KEPT_TABLES);
  return rows.filter((r) => !kept.has(r.t) && !(r.parent && kept.has(r.parent))).map((r) => r.t);
}

/** A column the generator writes into `T`. */
export type ColumnOf<T extends TableName> = (typeof COLUMNS)[T][number];
/** A generated row of `T`: a misspelt column is a type error (and, for rows built dynamically, a runtime one). */
export type RowOf<T extends TableName> = { [C in ColumnOf<T>]?: unknown };

const COLUMN_SETS = new Map<string, ReadonlySet<string>>(Object.entries(COLUMNS).map(([t, cs]) => [t, new Set<string>(cs)]));

/** Rows collected for one hospital before they are streamed to PostgreSQL. */
export class Sink {
  readonly rows = new Map<TableName, unknown[][]>();
  private readonly nextIds = new Map<string, number>();

  constructor(private readonly defaultStamp: string) {}

  id(table: TableName): number {
    const next = (this.nextIds.get(table) ?? 0) + 1;
    this.nextIds.set(table, next);
    return next;
  }

  add<T extends TableName>(table: T, input: RowOf<T>): void {
    const columns = COLUMNS[table] as readonly string[];
    const known = COLUMN_SETS.get(table)!;
    const row = input as Record<string, unknown>;
    for (const key in row)
      if (!known.has(key)) throw new Error(`seed: table ${table} has no column "${key}" (see COLUMNS in seed/tables.ts)`);
    if (known.has('created_at') && row.created_at === undefined) row.created_at = this.defaultStamp;
    if (known.has('updated_at') && row.updated_at === undefined) row.updated_at = row.created_at;
    let list = this.rows.get(table);
    if (!list) this.rows.set(table, (list = []));
    list.push(columns.map((c) => row[c] ?? null));
  }

  /** Forgets the collected rows (ids keep counting). */
  clear(): void {
    this.rows.clear();
  }
}
