import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test-support/database.js';
import { COLUMNS, HUB_TABLES, Sink } from './tables.js';

describe('seed/tables', () => {
  let db: TestDatabase;
  let columns: Map<string, { name: string; required: boolean }[]>;
  beforeAll(async () => {
    db = await createTestDatabase();
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const { rows } = await client.query<{ table_name: string; column_name: string; required: boolean }>(
      `select table_name, column_name, is_nullable = 'NO' and column_default is null and is_identity = 'NO' as required
         from information_schema.columns where table_schema = current_schema()`,
    );
    await client.end();
    columns = new Map();
    for (const r of rows) columns.set(r.table_name, [...(columns.get(r.table_name) ?? []), { name: r.column_name, required: r.required }]);
  });
  afterAll(() => db.drop());

  it('should write only columns the migrated tables have, and every column they require', () => {
    for (const table of HUB_TABLES.filter((t) => t in COLUMNS)) {
      const real = columns.get(table)!;
      const written = COLUMNS[table as keyof typeof COLUMNS] as readonly string[];
      expect(
        written.filter((c) => !real.some((r) => r.name === c)),
        table,
      ).toEqual([]);
      // Left to the database's triggers: the organisation path and depth.
      const byTrigger = table === 'organization' ? ['path', 'depth'] : [];
      expect(
        real.filter((r) => r.required && !written.includes(r.name) && !byTrigger.includes(r.name)).map((r) => r.name),
        table,
      ).toEqual([]);
    }
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
