/**
 * `pnpm citus:check`'s checks (citus-check.ts) against the plan (citus-plan.ts): on a migrated database every
 * finding is a documented exception and none is stale; a planted trigger, foreign key, unique key or table, a
 * planted GROUPING SETS, and a write transaction over two hospitals are each found and fail the check.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test-support/database.js';
import { checkSchema, checkTxLog, judge, scanSources, SCHEMA_KINDS, SOURCE_KINDS, TX_KINDS } from './citus-check.js';
import { citusPlan } from './citus-plan.js';
import { txHospitals, TX_LOG_ENV } from '../indicators/tx-log.js';
import { transact } from '../indicators/writes.js';

describe('db/citus check', () => {
  let db: TestDatabase;
  let c: pg.Client;
  beforeAll(async () => {
    db = await createTestDatabase();
    c = new pg.Client({ connectionString: db.url });
    await c.connect();
  });
  afterAll(async () => {
    await c.end();
    await db.drop();
  });

  it('should find only documented exceptions on the migrated schema and the sources, none stale', async () => {
    const findings = [...(await checkSchema(c, citusPlan)), ...(await scanSources(fileURLToPath(new URL('..', import.meta.url))))];
    const v = judge(findings, citusPlan, [...SCHEMA_KINDS, ...SOURCE_KINDS]);
    expect(v.unlisted).toEqual([]);
    expect(v.stale).toEqual([]);
    expect(v.excepted.length).toBeGreaterThan(0);
  });

  it('should fail on a planted trigger, foreign key without hospital_id, unique key and unplanned table', async () => {
    await c.query('begin');
    try {
      await c.query(`create function scratch_touch() returns trigger language plpgsql as $$ begin return new; end $$`);
      await c.query(`create trigger scratch_touch before update on hospital for each row execute function scratch_touch()`);
      await c.query(`alter table honor add column survey_id int constraint honor_scratch_survey_foreign references survey (id)`);
      await c.query(`create unique index survey_scratch_code on survey (created_at)`);
      await c.query(`create table scratch_facts (id int primary key)`);
      const v = judge(await checkSchema(c, citusPlan), citusPlan, SCHEMA_KINDS);
      expect(v.unlisted.map((f) => f.key).toSorted()).toEqual([
        'foreign-key:honor:honor_scratch_survey_foreign',
        'trigger:hospital:scratch_touch',
        'unique:survey:survey_scratch_code',
        'unplanned:scratch_facts',
      ]);
      expect(v.stale).toEqual([]);
    } finally {
      await c.query('rollback');
    }
  });

  it('should report an exception that matches nothing any more as stale', async () => {
    await c.query('begin');
    try {
      await c.query(`drop trigger development_event_check on development_event`);
      const v = judge(await checkSchema(c, citusPlan), citusPlan, SCHEMA_KINDS);
      expect(v.unlisted).toEqual([]);
      expect(v.stale).toEqual(['trigger:development_event:development_event_check']);
    } finally {
      await c.query('rollback');
    }
  });

  it('should find statements Citus runs on one shard only, not their mentions in comments', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'citus-scan-'));
    try {
      await mkdir(join(dir, 'reports'));
      await writeFile(
        join(dir, 'reports', 'totals.ts'),
        [
          '/** with GROUPING SETS in a comment */',
          'const q = `select a, count(*) from t group by grouping sets ((a), ())`;',
          'const r = sql`with recursive up as (select 1) select * from up`;',
          'const m = `percentile_disc(0.9) within group (order by x)`;',
        ].join('\n'),
      );
      await writeFile(join(dir, 'reports', 'totals.test.ts'), 'const q = `group by rollup (a)`;');
      const found = await scanSources(dir);
      expect(found.map((f) => f.key).toSorted()).toEqual([
        'sql:grouping-sets:reports/totals.ts',
        'sql:ordered-set-aggregate:reports/totals.ts',
        'sql:recursive-cte:reports/totals.ts',
      ]);
      expect(found.find((f) => f.key.startsWith('sql:grouping'))!.message).toBe('grouping sets at reports/totals.ts:2');
      expect(judge(found, citusPlan, SOURCE_KINDS).unlisted).toHaveLength(3);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('should map a write’s organisations to their hospitals, upper bodies apart, and report a write over two', async () => {
    const org = async (name: string, kind: string, parent: number | null) =>
      (
        await c.query<{ id: number }>(`insert into organization (name, kind, parent_id) values ($1, $2, $3) returning id`, [
          name,
          kind,
          parent,
        ])
      ).rows[0].id;
    const upper = await org('市卫健委党委', 'upper_body', null);
    const hospitals: number[] = [];
    const branches: number[] = [];
    for (const n of ['甲', '乙']) {
      const committee = await org(`${n}医院党委`, 'committee', upper);
      branches.push(await org(`${n}医院党支部`, 'branch', committee));
      hospitals.push(
        (await c.query<{ id: number }>(`insert into hospital (name, committee_id) values ($1, $2) returning id`, [`${n}医院`, committee]))
          .rows[0].id,
      );
    }
    const dir = await mkdtemp(join(tmpdir(), 'citus-tx-'));
    const file = join(dir, 'tx.jsonl');
    const pool = new pg.Pool({ connectionString: db.url, max: 1 });
    process.env[TX_LOG_ENV] = file;
    try {
      expect(await txHospitals(c, [branches[0], upper])).toEqual({ hospitals: [hospitals[0]], upper: [upper] });
      expect(await txHospitals(c, branches)).toEqual({ hospitals, upper: [] });
      // The shared write transaction logs what it locked, once committed; a rolled-back one logs nothing.
      await transact({ pool, actor: 'test' }, { tables: ['activity'] }, (tx) => tx.lock([branches[0], upper]));
      await transact({ pool, actor: 'test' }, { tables: ['activity'] }, (tx) => tx.lock(branches));
      await expect(
        transact({ pool, actor: 'test' }, { tables: ['activity'] }, async (tx) => {
          await tx.lock(branches);
          throw new Error('rolled back');
        }),
      ).rejects.toThrow('rolled back');
      const written = await readFile(file, 'utf8');
      expect(
        written
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l)),
      ).toEqual([
        { hospitals: [hospitals[0]], upper: [upper], tables: ['activity'], actions: [] },
        { hospitals, upper: [], tables: ['activity'], actions: [] },
      ]);
      expect(checkTxLog(written).findings.map((f) => f.key)).toEqual(['tx:activity']);
    } finally {
      delete process.env[TX_LOG_ENV];
      await pool.end();
      await rm(dir, { recursive: true, force: true });
    }
    expect(await txHospitals(c, branches)).toBeNull();

    const log = [
      { hospitals: [hospitals[0]], tables: ['activity'], actions: ['createActivity'] },
      { hospitals, tables: ['member'], actions: ['transferMember'] },
    ]
      .map((e) => JSON.stringify(e))
      .join('\n');
    const { transactions, findings } = checkTxLog(log);
    expect(transactions).toBe(2);
    expect(findings.map((f) => f.key)).toEqual(['tx:transferMember']);
    expect(judge(findings, citusPlan, TX_KINDS).unlisted.map((f) => f.key)).toEqual(
      citusPlan.exceptions.some((e) => e.key === 'tx:transferMember') ? [] : ['tx:transferMember'],
    );
  });
});
