/**
 * The generator's table and column lists held against the migrated schema, read from PostgreSQL's
 * catalog (not from the entity files): a migration that adds a table or a column fails here until the
 * generator fills it, or this file says why it does not.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test-support/database.js';
import { createPlanTables } from './expand.js';
import {
  ACCOUNT_TABLES,
  AUDIT_TABLES,
  COLUMNS,
  COPY_ORDER,
  EXPANDED_COLUMNS,
  HUB_TABLES,
  PLAN_TABLES,
  schemaTables,
  Sink,
} from './tables.js';

/** MikroORM's record of the migrations run: the migrator's, never the generator's. */
const MIGRATIONS_TABLE = 'mikro_orm_migrations';

/** Columns of hub tables that the database fills, so the generator must not write them. */
const FILLED_BY_DATABASE: Record<string, string[]> = {
  // Triggers: an organisation's place in the tree, and a department's current branch from branch_department.
  organization: ['path', 'depth'],
  department: ['branch_id'],
  // Serial ids, given in plan order by the INSERT … SELECT (so they repeat too).
  attendance: ['id'],
  survey_response: ['id'],
};

interface Catalog {
  /** Columns of each table of the current schema, in order. */
  columns: Map<string, { name: string; required: boolean }[]>;
  /** Foreign keys between two tables of the current schema. */
  references: { child: string; parent: string }[];
  /** Columns of the temporary plan tables, as expand.ts creates them. */
  planColumns: Map<string, string[]>;
}

async function readCatalog(client: pg.Client): Promise<Catalog> {
  const columns = new Map<string, { name: string; required: boolean }[]>();
  const { rows } = await client.query<{ table_name: string; column_name: string; required: boolean }>(
    `select c.table_name, c.column_name, c.is_nullable = 'NO' and c.column_default is null and c.is_identity = 'NO' as required
       from information_schema.columns c join information_schema.tables t using (table_schema, table_name)
      where c.table_schema = current_schema() and t.table_type = 'BASE TABLE' order by c.table_name, c.ordinal_position`,
  );
  for (const r of rows) columns.set(r.table_name, [...(columns.get(r.table_name) ?? []), { name: r.column_name, required: r.required }]);
  const references = await client.query<{ child: string; parent: string }>(
    `select ch.relname as child, pa.relname as parent from pg_constraint k
       join pg_class ch on ch.oid = k.conrelid join pg_class pa on pa.oid = k.confrelid
      where k.contype = 'f' and ch.relnamespace = current_schema()::regnamespace`,
  );
  return { columns, references: references.rows, planColumns: await readPlanColumns(client) };
}

/** Creates the plan tables in a transaction that is rolled back, and reads their columns. */
async function readPlanColumns(client: pg.Client): Promise<Map<string, string[]>> {
  await client.query('begin');
  try {
    await createPlanTables(client, 1);
    const { rows } = await client.query<{ table: string; columns: string[] }>(
      `select c.relname as table, array_agg(a.attname::text order by a.attnum) as columns
         from pg_class c join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
        where c.relname = any($1) and c.relnamespace = pg_my_temp_schema() group by c.relname`,
      [PLAN_TABLES],
    );
    return new Map(rows.map((r) => [r.table, r.columns]));
  } finally {
    await client.query('rollback');
  }
}

const sorted = (xs: Iterable<string>) => [...xs].toSorted();

describe('seed/tables', () => {
  let db: TestDatabase;
  let catalog: Catalog;
  beforeAll(async () => {
    db = await createTestDatabase();
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      catalog = await readCatalog(client);
    } finally {
      await client.end();
    }
  });
  afterAll(() => db.drop());

  it('should seed migrated tables only, leave the indicator engine and the audit log to the writes, and reset every table but the accounts and the audit log', async () => {
    const migrated = [...catalog.columns.keys()].filter((t) => t !== MIGRATIONS_TABLE);
    for (const t of HUB_TABLES) expect(migrated, t).toContain(t);
    expect(new Set(HUB_TABLES).size).toBe(HUB_TABLES.length);
    // Not seeded: the indicator engine's tables (cells, their range and definitions are rebuilt from the
    // hub tables after loading; targets and weights are users' settings) and audit_log (real writes only).
    for (const t of ['indicator_cell', 'indicator_range', 'indicator_definition', 'indicator_target', 'integration_weight', 'audit_log'])
      expect(HUB_TABLES as readonly string[]).not.toContain(t);
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      // A reset empties every table but the accounts' (kept: their people are no demo data) and the audit
      // log's (kept: a record of what happened; its trigger refuses TRUNCATE anyway).
      const kept: readonly string[] = [...ACCOUNT_TABLES, ...AUDIT_TABLES];
      for (const t of kept) expect(migrated, t).toContain(t);
      const months = /^audit_log_(?:\d{4}_\d\d|before)$/; // audit_log's partitions, kept with it
      expect(sorted(await schemaTables(client))).toEqual(sorted(migrated.filter((t) => !kept.includes(t) && !months.test(t))));
      await expect(client.query(`truncate audit_log`)).rejects.toThrow(/append-only \(rule audit_log_append_only\): TRUNCATE refused/);
    } finally {
      await client.end();
    }
  });

  it('should fill each hub table once: by COPY, or by the set-based SQL', () => {
    const copied = COPY_ORDER.filter((t) => !(PLAN_TABLES as readonly string[]).includes(t));
    expect(sorted([...copied, ...Object.keys(EXPANDED_COLUMNS)])).toEqual(sorted(HUB_TABLES));
    expect(new Set(COPY_ORDER).size).toBe(COPY_ORDER.length);
  });

  it('should write every column of each hub table, except those the database fills', () => {
    for (const table of HUB_TABLES) {
      const written: readonly string[] =
        table in COLUMNS ? COLUMNS[table as keyof typeof COLUMNS] : EXPANDED_COLUMNS[table as keyof typeof EXPANDED_COLUMNS];
      const real = catalog.columns.get(table)!.map((c) => c.name);
      const byDatabase = FILLED_BY_DATABASE[table] ?? [];
      expect(sorted(written), table).toEqual(sorted(real.filter((c) => !byDatabase.includes(c))));
    }
  });

  it('should leave to the database only columns it fills (by a default, an identity or a trigger)', () => {
    for (const [table, names] of Object.entries(FILLED_BY_DATABASE)) {
      const columns = catalog.columns.get(table)!;
      for (const name of names) expect(columns.find((c) => c.name === name)?.required, `${table}.${name}`).toBe(false);
    }
  });

  it('should give the plan tables the columns the generator writes into them', () => {
    for (const table of PLAN_TABLES) expect(catalog.planColumns.get(table), table).toEqual([...COLUMNS[table]]);
  });

  it('should COPY parents before children, and expand the set-based tables after every table they reference', () => {
    const hub = new Set<string>(HUB_TABLES);
    const copied = COPY_ORDER as string[];
    const expanded = Object.keys(EXPANDED_COLUMNS); // in the order seedDatabase expands them
    const loadedBefore = (parent: string, child: string) =>
      expanded.includes(parent)
        ? expanded.indexOf(parent) < expanded.indexOf(child)
        : expanded.includes(child) || copied.indexOf(parent) < copied.indexOf(child);
    // A table referencing itself (the organisation tree) is fine: its rows come in id order, parents first.
    const wrong = catalog.references.filter(
      ({ child, parent }) => hub.has(child) && child !== parent && !(hub.has(parent) && loadedBefore(parent, child)),
    );
    expect(wrong).toEqual([]);
  });

  it('should refuse a misspelt column instead of writing null', () => {
    const sink = new Sink('2026-01-01 09:00:00+08');
    // @ts-expect-error: "nmae" is not a column of member (the type catches literals)
    expect(() => sink.add('member', { id: 1, nmae: '张三' })).toThrow(/table member has no column "nmae"/);
    const dynamic: Record<string, unknown> = { id: 1, politcal_status: 'full_member' };
    expect(() => sink.add('member', dynamic)).toThrow(/no column "politcal_status"/);
    sink.add('member', { id: 2, name: '李四' });
    expect(sink.rows.get('member')).toHaveLength(1);
  });
});
