/**
 * Partitioned facts (db/partitions.ts) on a migrated database, through the real server where a user would
 * notice: survey_response is partitioned by month with no default partition, up to 3 months ahead; a
 * quarter's satisfaction cells and evidence read at most 3 of its partitions (EXPLAIN ANALYZE); the hourly
 * job makes the months that are missing and the schema diff is empty after it ran; a response dated where no
 * partition is refused with a coded error and nothing written; an id above 2³¹ (2⁴⁰) round-trips through
 * the global id.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { today } from '../domain/dates.js';
import { toGlobalId as gid } from '../graphql/global-id.js';
import { evidenceSql } from '../indicators/evidence.js';
import { ensureCells } from '../indicators/maintain.js';
import { CELL_SQL, type StoredIndicatorId } from '../indicators/sql.js';
import { startTestHub, type TestHub } from '../test-support/hub.js';
import { randomHospital, type RandomHospital } from '../test-support/random-hospital.js';
import { addMonths, MONTHS_AHEAD, monthPartitions } from './partitions.js';

const SUBMIT = `mutation($s: ID!, $r: [SurveyResponseInput!]!) { submitSurveyResponses(surveyId: $s, responses: $r) { rows } }`;
const PARTITION = /survey_response_(?:\d{4}_\d\d|before)/g;
/** The window's partitions' names in name order (survey_response_before last). */
const WINDOW = () =>
  monthPartitions('survey_response')
    .map((p) => p.name)
    .toSorted();

/** The partitions an EXPLAIN ANALYZE of `sql` read (the others are "never executed" or not in the plan). */
async function partitionsRead(client: pg.Client, sql: string, args: unknown[]): Promise<string[]> {
  const { rows } = await client.query(`explain (analyze, costs off, timing off, summary off) ${sql}`, args);
  const lines = rows.map((r) => r['QUERY PLAN'] as string).filter((l) => !/never executed/.test(l));
  return [...new Set(lines.flatMap((l) => l.match(PARTITION) ?? []))].toSorted();
}

describe('db/partitions: survey_response by month', () => {
  let hub: TestHub;
  let client: pg.Client;
  let h: RandomHospital;
  const diff = async () => (await hub.orm.schema.getUpdateSchemaSQL({ wrap: false })).trim();
  const partitions = async () =>
    (
      await client.query<{ name: string; bound: string }>(
        `select c.relname as name, pg_get_expr(c.relpartbound, c.oid) as bound from pg_inherits i
         join pg_class c on c.oid = i.inhrelid where i.inhparent = 'survey_response'::regclass`,
      )
    ).rows.toSorted((a, b) => (a.name < b.name ? -1 : 1));

  beforeAll(async () => {
    hub = await startTestHub();
    client = new pg.Client({ connectionString: hub.db.url });
    await client.connect();
    h = await randomHospital(client, 7, today().slice(0, 7));
    await client.query(`update survey set started_on = null where id = $1`, [h.surveys[0]]);
  });
  afterAll(async () => {
    await client.end();
    await hub.close();
  });

  it('should be partitioned by month up to 3 months ahead, with no default partition', async () => {
    const { rows } = await client.query(
      `select pg_get_partkeydef('survey_response'::regclass) as key, partdefid from pg_partitioned_table where partrelid = 'survey_response'::regclass`,
    );
    expect(rows[0]).toEqual({ key: 'RANGE (responded_on)', partdefid: 0 });
    const names = (await partitions()).map((p) => p.name);
    expect(names).toEqual(WINDOW());
    expect(names.at(-2)).toBe(`survey_response_${addMonths(today().slice(0, 7), MONTHS_AHEAD).replace('-', '_')}`);
  });

  it("should read at most 3 partitions for a quarter's satisfaction cells and evidence", async () => {
    const kind = (await client.query(`select kind from survey where id = $1`, [h.surveys[0]])).rows[0].kind as string;
    const id = `${kind}_satisfaction` as StoredIndicatorId;
    const quarter = [['2025-Q2'], ['2025-04-01'], ['2025-06-30']];
    const cells = await partitionsRead(client, CELL_SQL[id], [...quarter, null]);
    const evidence = await partitionsRead(client, evidenceSql(id), [...quarter, [h.committee], null, 50, 0]);
    for (const read of [cells, evidence]) {
      expect(read.length).toBeGreaterThan(0);
      expect(read.length).toBeLessThanOrEqual(3);
      expect(
        read.every((p) => p >= 'survey_response_2025_04' && p <= 'survey_response_2025_06'),
        read.join(),
      ).toBe(true);
    }
  });

  it('should make the missing coming months in the hourly job, idempotently, the schema diff empty after it', async () => {
    // The window's last two months (as if two months had passed since the job last ran).
    const last = (await partitions()).map((p) => p.name).slice(-3, -1);
    for (const name of last) await client.query(`drop table "${name}"`);
    expect(await diff()).not.toBe('');
    const log: string[] = [];
    await ensureCells(hub.db.url, (m) => log.push(m));
    expect(log.find((m) => m.startsWith('partitions made ahead'))).toBe(`partitions made ahead: ${last.join(', ')}`);
    expect((await partitions()).map((p) => p.name)).toEqual(WINDOW());
    expect(await diff()).toBe('');
    log.length = 0;
    await ensureCells(hub.db.url, (m) => log.push(m));
    expect(log.filter((m) => m.startsWith('partitions'))).toEqual([]);
  });

  it('should refuse a response dated where no partition is, coded in both languages, writing nothing', async () => {
    const day = today();
    const month = (await partitions()).find((p) => p.name === `survey_response_${day.slice(0, 7).replace('-', '_')}`)!;
    await client.query(`alter table survey_response detach partition "${month.name}"`);
    try {
      const count = async () => Number((await client.query(`select count(*) from survey_response`)).rows[0].count);
      const before = await count();
      const res = await hub.gql(SUBMIT, {
        s: gid('Survey', h.surveys[0]!),
        r: [
          { respondedOn: addMonths(day.slice(0, 7), -1) + '-15', overallScore: 90 },
          { respondedOn: day, overallScore: 80 },
        ],
      });
      const e = res.errors?.[0];
      expect(e?.extensions, JSON.stringify(res)).toMatchObject({
        code: 'BAD_USER_INPUT',
        reason: 'survey/out_of_window',
        field: 'submitSurveyResponses.responses.1.respondedOn',
      });
      expect(e!.message).toMatch(/[\u4e00-\u9fff].* \/ [A-Za-z]/);
      expect(await count()).toBe(before);
    } finally {
      await client.query(`alter table survey_response attach partition "${month.name}" ${month.bound}`);
    }
  });

  it('should carry an id above 2³¹ through the global id (2⁴⁰)', async () => {
    const big = 2 ** 40;
    await client.query(`select setval('survey_response_id_seq', $1, false)`, [big]);
    const res = await hub.gql(SUBMIT, { s: gid('Survey', h.surveys[0]!), r: [{ respondedOn: '2025-05-05', overallScore: 77 }] });
    expect(res.errors).toBeUndefined();
    const { rows } = await client.query(`select id::text, hospital_id from survey_response where id = $1`, [big]);
    expect(rows).toEqual([{ id: String(big), hospital_id: h.hospital }]);
    const read = await hub.gql(`query($id: ID!) { node(id: $id) { id ... on SurveyResponse { rowId overallScore hospital { id } } } }`, {
      id: gid('SurveyResponse', big),
    });
    expect(read).toEqual({
      data: { node: { id: gid('SurveyResponse', big), rowId: big, overallScore: 77, hospital: { id: gid('Hospital', h.hospital) } } },
    });
    const list = await hub.gql(`{ surveyResponses(filter: { respondedOn: { eq: "2025-05-05" } }, first: 100) { nodes { id rowId } } }`);
    expect(list.data?.surveyResponses.nodes, JSON.stringify(list)).toContainEqual({ id: gid('SurveyResponse', big), rowId: big });
    // Paged one by one from the newest id: the cursor after the 2⁴⁰ row is a valid cursor.
    const PAGE = `query($a: String) { surveyResponses(filter: { respondedOn: { eq: "2025-05-05" } }, first: 1, after: $a, orderBy: [{ field: ID, direction: DESC }]) {
      nodes { rowId } pageInfo { endCursor } } }`;
    const first = await hub.gql(PAGE);
    expect(first.data?.surveyResponses.nodes, JSON.stringify(first)).toEqual([{ rowId: big }]);
    const second = await hub.gql(PAGE, { a: first.data?.surveyResponses.pageInfo.endCursor });
    expect(second.errors, JSON.stringify(second)).toBeUndefined();
  });
});
