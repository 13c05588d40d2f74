/**
 * The Citus plan (docs/SCALE.md: "The Citus path"): where each table would live on a Citus cluster, and the
 * known exceptions with their workaround. `pnpm citus:check` (db/citus-check.ts) checks the database, the
 * sources and the test suite's write log against it, and fails on any finding not listed here, and on any
 * exception listed here that no longer matches a finding.
 *
 * - distributed by `hospital_id`, colocated (one colocation group: a hospital's rows of every table sit on
 *   one shard, so its joins and its write transactions stay on one node): the facts of one hospital;
 * - reference (a copy on every node): the organisation tree, the hospitals, the indicator definitions and
 *   targets, read by every hospital's queries and small (tens of thousands of rows at national scale);
 * - local (the coordinator only): accounts, sessions, sign-in state and the audit log, written by the hub's
 *   own requests, never joined with a hospital's facts in one statement.
 */
export type Placement = 'distributed' | 'reference' | 'local';

export interface CitusPlan {
  distributionColumn: 'hospital_id';
  tables: Record<string, { placement: Placement; why: string }>;
  /** A finding's key (citus-check.ts: Finding.key) and the workaround that makes it acceptable, with the work left. */
  exceptions: { key: string; workaround: string }[];
}

const fact = (why: string) => ({ placement: 'distributed' as const, why });
const reference = (why: string) => ({ placement: 'reference' as const, why });
const local = (why: string) => ({ placement: 'local' as const, why });

/**
 * The work that gives a fact table its distribution column: `hospital_id int not null` filled from the row's
 * organisation (its hospital: the `hospital` whose committee is on the organisation's path) or department, the
 * primary key `(hospital_id, id)`, every foreign key to a fact extended with it, and the write paths (feature
 * writes and the import) setting it. `survey_response` shows the pattern (Migration20261205100000).
 */
const noColumn = (table: string, from: string) => ({
  key: `no-column:${table}`,
  workaround:
    `not yet distributable: until it has hospital_id (filled from ${from}; key (hospital_id, id); foreign keys to facts ` +
    'extended with it; its write paths and import setting it) it stays a local table on the coordinator ' +
    '(citus_add_local_table_to_metadata), correct but unsharded, its writes on the coordinator',
});

/** A key or foreign key of a fact table that has hospital_id but does not use it yet. */
const widen = (key: string, to: string) => ({
  key,
  workaround: `to do: ${to} in the migration that distributes the table (the ids stay unique by their sequence; the wider key costs an index rebuild); the writes already keep both rows in one hospital, so the composite key holds on today’s data`,
});

export const citusPlan: CitusPlan = {
  distributionColumn: 'hospital_id',
  tables: {
    // The hospital's facts.
    department: fact('a hospital’s departments; has hospital_id'),
    branch_department: fact('which departments a branch serves, inside one hospital'),
    member: fact('a hospital’s people; has hospital_id'),
    membership: fact('a person’s membership periods'),
    position: fact('a person’s positions in organisations of the hospital'),
    development_event: fact('a person’s development steps'),
    activity: fact('activities held by the hospital’s organisations'),
    attendance: fact('who attended an activity'),
    honor: fact('honors; has hospital_id'),
    model_post: fact('model posts (示范岗) of the hospital'),
    assessment: fact('assessments of the hospital’s organisations and people'),
    ethics_event: fact('medical ethics events'),
    research_project: fact('research projects'),
    department_metric: fact('department metrics imported per month'),
    survey: fact('satisfaction surveys; has hospital_id'),
    survey_response: fact('survey answers (the largest table, ≈ 1 B rows); has hospital_id, partitioned by month'),
    survey_result: fact('published survey results'),
    indicator_cell: fact(
      'cells of the hospital’s organisations; cells above the hospital move to an append-only delta table folded asynchronously',
    ),
    // Read by every hospital, small.
    organization: reference('the Party tree, read by every subtree predicate (path) of every hospital'),
    organization_succession: reference('which organisation succeeded which (tree history)'),
    hospital: reference('≈ 3,000 rows, joined by every query that maps an organisation to its hospital'),
    indicator_definition: reference('the indicator catalogue'),
    indicator_target: reference('targets set on organisations at any level, inherited down the tree'),
    indicator_cell_delta: fact(
      'append-only changes to the cells of the bodies above the hospitals, each carrying its writer’s hospital_id: a write appends to its own shard; the fold (indicators/fold.ts) reads every shard, one statement a few seconds',
    ),
    indicator_range: reference('one row: the months the cells cover'),
    indicator_report: reference('figures organisations report (any level), shown beside the cells'),
    integration_weight: reference('the weights of the integration index'),
    // The hub's own state, on the coordinator.
    account: local('accounts sign in at the hub, not at a hospital'),
    account_identity: local('SSO identities of accounts'),
    account_scope: local('which subtrees an account reaches'),
    account_session: local('sessions'),
    api_token: local('API tokens'),
    sign_in_failure: local('lockout counting'),
    sign_in_lock: local('lockouts'),
    sign_in_link: local('display and sign-in links'),
    sso_flow: local('SSO round trips in flight'),
    audit_log: local('one hash chain over every write: a chain is one sequence, kept on one node'),
    audit_chain: local('the audit chain’s head'),
    idempotency_key: local('a write’s receipt, kept beside the audit log it points into'),
    indicator_rebuild_progress: local('an operator’s per-hospital rebuild, resumed where it stopped (indicators:rebuild --hospital)'),
  },
  exceptions: [
    noColumn('activity', 'its organisation → hospital'),
    noColumn('attendance', 'its activity'),
    noColumn('assessment', 'its organisation or person'),
    noColumn('branch_department', 'its department'),
    noColumn('department_metric', 'its department'),
    noColumn('development_event', 'its person (member.hospital_id)'),
    noColumn('ethics_event', 'its person or department'),
    noColumn('membership', 'its person (member.hospital_id)'),
    noColumn('model_post', 'its organisation or department'),
    noColumn('position', 'its person (member.hospital_id)'),
    noColumn('research_project', 'its person or department'),
    noColumn('survey_result', 'its survey (survey.hospital_id)'),
    {
      key: 'no-column:indicator_cell',
      workaround:
        'to do: cells of a hospital’s organisations get hospital_id from the organisation (reference table organization → hospital); ' +
        'cells of upper bodies (above every hospital) leave the distributed table: their writes append deltas carrying the ' +
        'writer’s hospital_id, folded asynchronously (the fold of docs/SCALE.md), so a write moves only its own hospital’s cells',
    },
    widen('primary-key:department:department_pkey', 'primary key (hospital_id, id)'),
    widen('primary-key:member:member_pkey', 'primary key (hospital_id, id)'),
    widen('primary-key:honor:honor_pkey', 'primary key (hospital_id, id)'),
    widen('primary-key:survey:survey_pkey', 'primary key (hospital_id, id)'),
    widen('primary-key:survey_response:survey_response_pkey', 'primary key (hospital_id, id, responded_on)'),
    widen('foreign-key:department:department_parent_id_foreign', 'foreign key (hospital_id, parent_id) → department (hospital_id, id)'),
    widen('foreign-key:member:member_department_id_foreign', 'foreign key (hospital_id, department_id) → department (hospital_id, id)'),
    widen('foreign-key:honor:honor_department_id_foreign', 'foreign key (hospital_id, department_id) → department (hospital_id, id)'),
    widen('foreign-key:honor:honor_member_id_foreign', 'foreign key (hospital_id, member_id) → member (hospital_id, id)'),
    widen(
      'foreign-key:survey_response:survey_response_department_id_foreign',
      'foreign key (hospital_id, department_id) → department (hospital_id, id)',
    ),
    widen(
      'foreign-key:survey_response:survey_response_survey_id_foreign',
      'foreign key (hospital_id, survey_id) → survey (hospital_id, id)',
    ),
    // Triggers. Not `citus.enable_unsafe_triggers`: a trigger on a shard that writes another table by its
    // name goes through Citus again from the worker, outside the shard's colocation guarantees.
    {
      key: 'trigger:organization:organization_path_before',
      workaround:
        'to do: the application keeps path and depth: the organisation writes (organization.writes.ts, restructure.writes.ts, the ' +
        "tree import, the seed) set path = parent’s path || id || '/' and depth in their insert/update; the trigger is dropped on the Citus path",
    },
    {
      key: 'trigger:organization:organization_path_after',
      workaround:
        'to do: the application moves the subtree: a reparenting write runs the trigger’s one update of the descendants’ path ' +
        '(a reference-table write, replicated to every node in the same transaction); trees change rarely',
    },
    {
      key: 'trigger:member:member_membership_insert',
      workaround:
        'to do: the writes that insert people outside the dated writes (the members import, the seed, fixtures) insert the open membership ' +
        'stint themselves (hub_membership_follow’s insert, same hospital: one shard); the trigger is dropped on the Citus path',
    },
    {
      key: 'trigger:member:member_membership_update',
      workaround:
        'to do: as member_membership_insert: the non-dated writes that change a person’s organisation or status run hub_membership_follow’s ' +
        'statements after their update, in their transaction (colocated tables: one shard)',
    },
    {
      key: 'trigger:development_event:development_event_check',
      workaround:
        'to do: the check (an event before 18 or before joining) moves into the development writes and the development import, which ' +
        'read the person anyway; the same error code and constraint name (23514 development_event_after_18/_after_joining) are raised there',
    },
    {
      key: 'trigger:branch_department:branch_department_sync',
      workaround:
        'to do: the writes of branch_department (reference.writes.ts, restructure.writes.ts, the tree import) set department.branch_id ' +
        'in the same transaction (same hospital: one shard)',
    },
    // Write transactions over several hospitals (`tx:<audit actions>`): none listed. The log of 16 test files (248
    // committed writes) found none; the test databases hold one hospital each, so the writes that can span two by
    // design (a branch moved under another hospital's committee, a cross-hospital restructure, tree import or
    // transfer) were not exercised: on Citus they would run as two-phase transactions, correct and rare.
    // Statements Citus runs only on one shard, or by gathering rows to the coordinator (Citus docs: "SQL Support
    // and Workarounds": recursive CTEs and grouping sets work in single-shard queries only).
    {
      key: 'sql:grouping-sets:graphql/aggregate/compile.ts',
      workaround:
        'to do: an aggregate over one hospital’s scope is filtered by its hospital_id: single-shard, any SQL. Over several hospitals, ' +
        'the inner per-group query becomes a materialised CTE (Citus pull-push: computed on the shards, its result an ' +
        'intermediate result on the coordinator) and the subtotals/ROLLUP/CUBE run over it there; a CTE too large for that ' +
        'goes through a temporary table (the Citus docs’ last-resort workaround)',
    },
    {
      key: 'sql:ordered-set-aggregate:graphql/aggregate/measures.ts',
      workaround:
        'to do: MEDIAN and percentiles over several hospitals: Citus gathers the rows to the coordinator (coordinator_aggregation_strategy ' +
        '"row-gather"): correct, but the national scope moves every value; there the measure is capped by the aggregate’s row ' +
        'limits or computed with the tdigest extension (tdigest_percentile), approximate, said in the answer',
    },
    {
      key: 'sql:recursive-cte:modules/organization/reference.writes.ts',
      workaround:
        'the department cycle check walks one hospital’s departments and filters both arms by hospital_id = the hospital: a ' +
        'single-shard (router) query, which Citus runs whole',
    },
  ],
};
