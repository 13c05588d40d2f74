/**
 * A write retried after an unknown outcome applies once: the same idempotency key and request get the
 * first answer back and change nothing; the same key with another request is refused; ten at once with
 * one key write one row. The receipts live in idempotency_key, in the write's transaction.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toGlobalId as gid } from '../graphql/global-id.js';
import { startTestHub, type TestHub } from '../test-support/hub.js';
import { randomHospital, type RandomHospital } from '../test-support/random-hospital.js';

const HONOR = `mutation($i: AwardHonorInput!, $k: String) { awardHonor(input: $i, idempotencyKey: $k) { id rows } }`;

describe('indicators/idempotency', () => {
  let hub: TestHub;
  let client: pg.Client;
  let h: RandomHospital;
  const honor = (title: string) => ({
    hospitalId: gid('Hospital', h.hospital),
    recipientType: 'HOSPITAL',
    title,
    category: 'PARTY',
    level: 'PROVINCIAL',
    awardedOn: '2026-05-04',
  });
  const rows = async (title: string) => Number((await client.query(`select count(*) from honor where title = $1`, [title])).rows[0].count);

  beforeAll(async () => {
    hub = await startTestHub();
    client = new pg.Client({ connectionString: hub.db.url });
    await client.connect();
    h = await randomHospital(client, 3, '2026-06');
  });
  afterAll(async () => {
    await client.end();
    await hub.close();
  });

  it('should apply a retried write once and answer it as the first time', async () => {
    const first = await hub.gql(HONOR, { i: honor('五四红旗团委'), k: 'retry-0001-abcdef' });
    expect(first.errors).toBeUndefined();
    const again = await hub.gql(HONOR, { i: honor('五四红旗团委'), k: 'retry-0001-abcdef' });
    expect(again).toEqual(first);
    expect(await rows('五四红旗团委')).toBe(1);
    // The receipt in idempotency_key (audit_log is partitioned by month: no key unique on its own there),
    // naming the write's first audit row, which no longer carries it.
    const { rows: receipts } = await client.query(
      `select k.result, a.action, a.idempotency_key from idempotency_key k join audit_log a on a.id = k.audit_id where k.key = 'retry-0001-abcdef'`,
    );
    expect(receipts).toHaveLength(1);
    expect(receipts[0].result).toEqual(first.data!.awardHonor);
    expect(receipts[0].action).toMatch(/^honor\./);
    expect(receipts[0].idempotency_key).toBeNull();
  });

  it('should refuse a key used for another request, and a key that is not one', async () => {
    const other = await hub.gql(HONOR, { i: honor('另一项荣誉'), k: 'retry-0001-abcdef' });
    expect(other.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'idempotency/conflict', field: 'idempotencyKey' });
    expect(await rows('另一项荣誉')).toBe(0);
    const bad = await hub.gql(HONOR, { i: honor('另一项荣誉'), k: 'short' });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'idempotencyKey' });
  });

  it('should write one row for ten identical requests at once with one key, and answer all ten alike', async () => {
    const results = await Promise.all(Array.from({ length: 10 }, () => hub.gql(HONOR, { i: honor('并发荣誉'), k: 'concurrent-key-42' })));
    for (const r of results) expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    expect(new Set(results.map((r) => r.data!.awardHonor.id)).size).toBe(1);
    expect(await rows('并发荣誉')).toBe(1);
  });
});
