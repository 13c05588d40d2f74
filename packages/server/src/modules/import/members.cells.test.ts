/**
 * The cells after an import that moves people who already have facts (attendance, development steps,
 * positions, honours) to other branches and changes the attributes indicators count: the import's bulk
 * cell update (one recount after the write, indicators/cells.ts withCellRecount) leaves every cell equal to
 * a rebuild, and the same import with the ancestors' update broken on purpose is caught.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { faults, rebuildCells, verifyCells } from '../../indicators/cells.js';
import { startTestHub, type TestHub } from '../../test-support/hub.js';
import { idCard, rollXlsx } from '../../test-support/import-files.js';
import { randomHospital } from '../../test-support/random-hospital.js';

const DRY = `mutation($f: String!) { importDryRun(kind: MEMBERS, file: $f) { fileHash create update unchanged problemCount problems { row column zh } } }`;
const COMMIT = `mutation($f: String!, $h: String!) { importCommit(kind: MEMBERS, file: $f, dryRunHash: $h) { create update unchanged committed } }`;

describe('import/members cells', () => {
  let hub: TestHub;
  let client: pg.Client;
  let branches: number[];
  /** Members with facts, given ID-card numbers matching their birth date and gender. */
  let people: { id: number; org: number; id_card_no: string; gender: string; joined_on: string | null; converted_on: string | null }[];

  const verify = async () => {
    await client.query('begin');
    try {
      return (await verifyCells(client)).differences;
    } finally {
      await client.query('rollback');
    }
  };

  /** Commits a roll of `people`, each moved `shift` branches on, with a senior title: the dry run first, no problem. */
  const importMoved = async (shift: number) => {
    const rows = people.map((p, i) => [
      `人员${i}`,
      p.id_card_no,
      p.gender,
      `ZB${branches[(branches.indexOf(p.org) + shift) % branches.length]}`,
      p.converted_on ? 'full_member' : 'probationary',
      p.joined_on ?? '',
      p.converted_on ?? '',
      'master',
      shift % 2 ? 'senior_full' : 'intermediate',
      'nurse',
      '',
    ]);
    const file = (await rollXlsx(rows)).toString('base64');
    const dry = await hub.gql(DRY, { f: file });
    expect(dry.errors, JSON.stringify(dry.errors)).toBeUndefined();
    expect(dry.data!.importDryRun.problems).toEqual([]);
    const c = await hub.gql(COMMIT, { f: file, h: dry.data!.importDryRun.fileHash });
    expect(c.errors, JSON.stringify(c.errors)).toBeUndefined();
    return c.data!.importCommit;
  };

  beforeAll(async () => {
    hub = await startTestHub();
    client = new pg.Client({ connectionString: hub.db.url });
    await client.connect();
    const h = await randomHospital(client, 33, '2026-06');
    await client.query(`update organization set code = 'ZB' || id where id = any($1::int[])`, [h.branches]);
    const active = await client.query(
      `select id from organization where id = any($1::int[]) and (dissolved_on is null or dissolved_on > current_date) order by id`,
      [h.branches],
    );
    branches = active.rows.map((r) => r.id as number);
    // Members of active branches with facts of every kind the indicators count, born 1950 (adults on any joining date).
    const { rows } = await client.query(
      `select m.id, m.organization_id as org, m.joined_on::text as joined_on, m.converted_on::text as converted_on from member m
       where m.organization_id = any($1::int[]) and m.political_status in ('probationary', 'full_member') and m.joined_on >= '1968-01-02'
         and (exists (select 1 from attendance t where t.member_id = m.id) or exists (select 1 from development_event e where e.member_id = m.id)
              or exists (select 1 from position s where s.member_id = m.id) or exists (select 1 from honor x where x.member_id = m.id))
       order by m.id limit 40`,
      [branches],
    );
    people = rows.map((r, i) => {
      const id = idCard('19500101', 100 + i);
      return { ...r, id_card_no: id, gender: Number(id[16]) % 2 ? 'male' : 'female' };
    });
    expect(people.length).toBeGreaterThanOrEqual(5);
    for (const p of people)
      await client.query(`update member set id_card_no = $2, gender = $3, birth_date = '1950-01-01' where id = $1`, [
        p.id,
        p.id_card_no,
        p.gender,
      ]);
    await client.query('begin');
    await rebuildCells(client);
    await client.query('commit');
  }, 120_000);
  afterAll(async () => {
    faults.skipAncestors = false;
    await client.end();
    await hub.close();
  });

  it('should keep every cell equal to a rebuild after an import moving people with facts to other branches', async () => {
    expect(await importMoved(1)).toEqual({ create: 0, update: people.length, unchanged: 0, committed: true });
    expect(await verify()).toEqual([]);
    expect(await importMoved(2)).toEqual({ create: 0, update: people.length, unchanged: 0, committed: true });
    expect(await verify()).toEqual([]);
  }, 120_000);

  it('should be caught by verify when the import’s cell update skips the ancestors', async () => {
    faults.skipAncestors = true;
    try {
      await importMoved(3);
    } finally {
      faults.skipAncestors = false;
    }
    expect((await verify()).length).toBeGreaterThan(0);
  }, 120_000);
});
