/**
 * audit_log partitioned by UTC month on `at` (Migration20261206143200, db/partitions.ts), on a migrated
 * database: no default partition, the window up to 3 months ahead (an entry is written at now(), which the
 * window always holds, with months of slack for an hourly job held up over a month end); each month refuses
 * TRUNCATE and DELETE as the table does; a Beijing month's or quarter's filter (the `auditLog` and export
 * filter, auditWhere) reads only its UTC months' partitions (EXPLAIN ANALYZE); the hourly job makes the
 * missing months, with their TRUNCATE trigger, the schema diff empty after it; the chain verifies across months.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { today } from '../../domain/dates.js';
import { addMonths, MONTHS_AHEAD, monthPartitions } from '../../db/partitions.js';
import { ensureCells } from '../../indicators/maintain.js';
import { startTestHub, type TestHub } from '../../test-support/hub.js';
import { auditWhere } from './audit.reads.js';
import { verifyChain } from './chain.js';

const PARTITION = /audit_log_(?:\d{4}_\d\d|before)/g;
const WINDOW = () =>
  monthPartitions('audit_log')
    .map((p) => p.name)
    .toSorted();

/** The partitions an EXPLAIN ANALYZE of `sql` read (pruned ones are not in the plan, or "never executed"). */
async function partitionsRead(client: pg.Client, sql: string, args: unknown[]): Promise<string[]> {
  const { rows } = await client.query(`explain (analyze, costs off, timing off, summary off) ${sql}`, args);
  const lines = rows.map((r) => r['QUERY PLAN'] as string).filter((l) => !/never executed/.test(l));
  return [...new Set(lines.flatMap((l) => l.match(PARTITION) ?? []))].toSorted();
}

describe('audit/partitions: audit_log by month', () => {
  let hub: TestHub;
  let client: pg.Client;
  const diff = async () => (await hub.orm.schema.getUpdateSchemaSQL({ wrap: false })).trim();
  const partitions = async () =>
    (
      await client.query<{ name: string }>(
        `select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid where i.inhparent = 'audit_log'::regclass`,
      )
    ).rows
      .map((r) => r.name)
      .toSorted();
  const noTruncate = async () =>
    (
      await client.query<{ name: string }>(
        `select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid
          where i.inhparent = 'audit_log'::regclass
            and exists (select 1 from pg_trigger t where t.tgrelid = c.oid and t.tgname = c.relname || '_no_truncate')`,
      )
    ).rows
      .map((r) => r.name)
      .toSorted();

  beforeAll(async () => {
    hub = await startTestHub();
    client = new pg.Client({ connectionString: hub.db.url });
    await client.connect();
    // A year of entries, two a day, as if written then (the chain trigger keeps `at`).
    await client.query(
      `insert into audit_log (at, actor, action, entity)
       select d, 'committee', 'activity.record', 'activity' from generate_series(timestamptz '2025-01-01 03:00+00', '2025-12-31', interval '12 hours') d`,
    );
  });
  afterAll(async () => {
    await client.end();
    await hub.close();
  });

  it('should be partitioned by UTC month up to 3 months ahead, no default partition, each month refusing TRUNCATE', async () => {
    const { rows } = await client.query(
      `select pg_get_partkeydef('audit_log'::regclass) as key, partdefid from pg_partitioned_table where partrelid = 'audit_log'::regclass`,
    );
    expect(rows[0]).toEqual({ key: 'RANGE (at)', partdefid: 0 });
    const names = await partitions();
    expect(names).toEqual(WINDOW());
    const ahead = addMonths(today().slice(0, 7), MONTHS_AHEAD);
    expect(names.at(-2)).toBe(`audit_log_${ahead.replace('-', '_')}`);
    expect(await noTruncate()).toEqual(names);
    await expect(client.query(`truncate audit_log_2025_03`)).rejects.toThrow(
      /append-only \(rule audit_log_append_only\): TRUNCATE refused/,
    );
    await expect(client.query(`delete from audit_log_2025_03`)).rejects.toThrow(
      /append-only \(rule audit_log_append_only\): DELETE refused/,
    );
    // The bounds are UTC midnights, whatever the session's time zone was.
    const { rows: b } = await client.query(
      `select (select count(*)::int from audit_log_2025_03) as n, (select min(at) from audit_log_2025_03) as first`,
    );
    expect(b[0]).toEqual({ n: 62, first: new Date('2025-03-01T03:00:00Z') });
  });

  it("should read only a month's or a quarter's partitions for the audit log's day filter", async () => {
    const sql = (w: ReturnType<typeof auditWhere>) => `select id from audit_log where ${w.sql} order by id desc limit 50`;
    const month = auditWhere('auditLog.filter', { from: '2025-04-01', to: '2025-04-30' });
    const read = await partitionsRead(client, sql(month), month.values);
    // A Beijing month starts 8 hours before its UTC month: the month and the previous one, at most.
    expect(read.length).toBeGreaterThan(0);
    expect(
      read.every((p) => p === 'audit_log_2025_03' || p === 'audit_log_2025_04'),
      read.join(),
    ).toBe(true);
    const quarter = auditWhere('auditLog.filter', { from: '2025-04-01', to: '2025-06-30' });
    const q = await partitionsRead(client, `select count(*) from audit_log where ${quarter.sql}`, quarter.values);
    expect(q).toEqual(['audit_log_2025_03', 'audit_log_2025_04', 'audit_log_2025_05', 'audit_log_2025_06']);
    // The counts agree with the filter's meaning (Beijing days, both ends included).
    const { rows } = await client.query(`select count(*)::int as n from audit_log where ${month.sql}`, month.values);
    expect(rows[0].n).toBe(60);
  });

  it('should make the missing coming months in the hourly job, with their trigger, the schema diff empty after it', async () => {
    const last = (await partitions()).slice(-3, -1);
    for (const name of last) await client.query(`drop table "${name}"`);
    expect(await diff()).not.toBe('');
    const log: string[] = [];
    await ensureCells(hub.db.url, (m) => log.push(m));
    expect(log.find((m) => m.startsWith('partitions made ahead'))).toBe(`partitions made ahead: ${last.join(', ')}`);
    expect(await partitions()).toEqual(WINDOW());
    expect(await noTruncate()).toEqual(WINDOW());
    expect(await diff()).toBe('');
  });

  it('should verify the chain across the months, and write a new entry into the current month', async () => {
    const { rows } = await client.query(
      `insert into audit_log (actor, action, entity) values ('committee', 'activity.record', 'activity') returning tableoid::regclass::text as part`,
    );
    expect(rows[0].part).toBe(`audit_log_${new Date().toISOString().slice(0, 7).replace('-', '_')}`);
    const c = new pg.Client({ connectionString: hub.db.url });
    await c.connect();
    try {
      const r = await verifyChain(c, { batch: 100 });
      expect(r.breaks).toEqual([]);
      expect(r.rows).toBeGreaterThan(700);
    } finally {
      await c.end();
    }
  });
});
