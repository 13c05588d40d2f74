import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test-support/database.js';
import { DatabaseNotEmptyError, isEmpty, resetDatabase, seedDatabase } from './index.js';
import { belongedOn } from '../modules/member/belonged.js';
import { HUB_TABLES } from './tables.js';

const END = '2026-06-30';

/**
 * The rows of the default seed up to END, one md5 per table (see `checksums`): pinned, so a change to
 * the generator that moves a single value or id fails here, not only a difference between two runs.
 * A deliberate change to the demo data updates them, and says so in its commit.
 */
const PINNED: Record<(typeof HUB_TABLES)[number], string> = {
  organization: 'fdf998209baad942f7276cbd18120f42',
  hospital: 'a601d3995b17f848895e5e0ca08e36bb',
  department: 'dce20d745ef486aadd9976745b7ce367',
  branch_department: 'fa93a913dc90da1a566b330112ceefff',
  member: '52e000c5f0899eb18635ac992d93a0d7',
  development_event: '9323a4b8189b5eb32295e8a1d66cc285',
  position: '6bbdb843d099c150b5b1aa12b98ea10d',
  activity: '53cf4098ba17f65bcf7f7ff3cba17972',
  attendance: '47f3c070fc2c7ebd7cc338ef02d1f711',
  model_post: 'e65a966d3ca331ea3b83da924c271f84',
  honor: 'f6b21d28e0b32e5419ae15fd621071af',
  ethics_event: '79a0e02136b1183f823aa9b70244f942',
  department_metric: 'cfcf38b30a5ea700495b98ef2e291bce',
  research_project: 'ab037f229e45ffffcef9c10168f3f338',
  assessment: '6ed1f8d39d7b7071c639997aef12c143',
  survey: 'c60d4810c5c8b70aec2b84e2b63b197e',
  survey_response: 'd8842bd0705d262ff0e93cf172de22ad',
};

async function query<T extends pg.QueryResultRow = Record<string, unknown>>(url: string, sql: string): Promise<T[]> {
  // UTC: the text of a timestamptz (and so a checksum) must not depend on the server's time zone.
  const c = new pg.Client({ connectionString: url, options: '-c TimeZone=UTC' });
  await c.connect();
  try {
    return (await c.query<T>(sql)).rows;
  } finally {
    await c.end();
  }
}

/** One md5 per table over every column of every row, in id order. */
async function checksums(url: string): Promise<Record<string, string>> {
  const sql = HUB_TABLES.map(
    (t) => `select '${t}' as t, md5(coalesce(string_agg(x::text, E'\\n' order by x.id), '')) as h from ${t} x`,
  ).join(' union all ');
  return Object.fromEntries((await query<{ t: string; h: string }>(url, sql)).map((r) => [r.t, r.h]));
}

describe('seed/hospital scale', () => {
  let db: TestDatabase;
  const one = async <T = Record<string, any>>(sql: string) => (await query(db.url, sql))[0] as T;

  // The run's seeded hospital (test-support/database.ts: `seedDatabase` at END on a migrated database, once for every
  // file that asks), cloned: a seeding of this file's own was ≈ 13 s of CI more. The one below, with another seed,
  // checks what `seedDatabase` answers.
  beforeAll(async () => {
    db = await createTestDatabase({ seededTo: END });
  });
  afterAll(() => db.drop());

  it('should generate the sizes of one large hospital over three years', async () => {
    const c = await one(`select
      (select count(*) from organization where kind in ('branch', 'joint_branch'))::int as branches,
      (select count(*) from organization where kind = 'party_group')::int as groups,
      (select count(*) from organization where kind = 'general_branch')::int as generals,
      (select count(*) from department)::int as departments,
      (select count(*) from member)::int as members,
      (select count(*) from activity)::int as activities,
      (select count(*) from attendance)::int as attendances,
      (select count(*) from survey_response)::int as responses,
      (select min(responded_on)::text from survey_response) as first_day,
      (select max(responded_on)::text from survey_response) as last_day`);
    expect(c.branches).toBeGreaterThanOrEqual(40);
    expect(c.branches).toBeLessThanOrEqual(60);
    expect(c.groups).toBeGreaterThanOrEqual(120);
    expect(c.groups).toBeLessThanOrEqual(200);
    expect(c.generals).toBe(6);
    expect(c.departments).toBeGreaterThanOrEqual(35);
    expect(c.members).toBeGreaterThanOrEqual(1300);
    expect(c.members).toBeLessThanOrEqual(1800);
    expect(c.activities).toBeGreaterThan(10_000);
    expect(c.attendances).toBeGreaterThan(100_000);
    expect(c.responses).toBeGreaterThan(280_000);
    expect(c.responses).toBeLessThan(320_000);
    expect(c.first_day).toBe('2023-06-01');
    expect(c.last_day).toBe(END);
  });

  it('should hold 三会一课 at the official cadence, with the misses real branches have', async () => {
    // Quarters fully inside the window: share of branches with ≥ 1 general meeting / party lecture held.
    const q = await one(`
      with quarters as (select generate_series('2023-07-01'::date, '2026-01-01', '3 months')::date as q),
           branches as (select id from organization where kind in ('branch', 'joint_branch')),
           grid as (select b.id, q.q from branches b cross join quarters q)
      select avg((exists (select 1 from activity a where a.organization_id = g.id and a.type = 'branch_general_meeting' and a.status = 'held'
                           and a.held_on >= g.q and a.held_on < g.q + interval '3 months'))::int)::float as general,
             avg((exists (select 1 from activity a where a.organization_id = g.id and a.type = 'party_lecture' and a.status = 'held'
                           and a.held_on >= g.q and a.held_on < g.q + interval '3 months'))::int)::float as lecture
        from grid g`);
    expect(q.general).toBeGreaterThan(0.8);
    expect(q.general).toBeLessThan(0.99);
    expect(q.lecture).toBeGreaterThan(0.75);
    expect(q.lecture).toBeLessThan(0.99);
    // Party groups meet monthly; misses cluster in the Spring Festival month.
    const g = await one(`
      select count(*) filter (where extract(month from held_on) = 2)::float / 3 as feb, count(*) filter (where extract(month from held_on) = 5)::float / 3 as may
        from activity where type = 'group_meeting' and status = 'held' and held_on < '2026-06-01'`);
    const groups = (await one<{ n: number }>(`select count(*)::int as n from organization where kind = 'party_group'`)).n;
    expect(g.may / groups).toBeGreaterThan(0.8);
    expect(g.feb).toBeLessThan(g.may);
    // 支委会 only where the branch has a committee (≥ 3 committee positions); 主题党日 on the hospital's fixed day.
    const orphanCommitteeMeetings = await one(`
      select count(*)::int as n from activity a where a.type = 'branch_committee_meeting'
         and (select count(*) from position p where p.organization_id = a.organization_id and p.end_on is null
               and p.role in ('secretary', 'deputy_secretary', 'organization_member', 'publicity_member', 'discipline_member')) < 3`);
    expect(orphanCommitteeMeetings.n).toBe(0);
    const themeDays = await one(
      `select count(distinct extract(day from held_on))::int as days from activity where type = 'theme_party_day'`,
    );
    expect(themeDays.days).toBeLessThanOrEqual(3); // the fixed day, or the Monday after when it falls on a weekend
    // Planned activities exist only after the end date, held ones only up to it.
    const dates = await one(
      `select max(held_on) filter (where status = 'held')::text as held, min(held_on) filter (where status = 'planned')::text as planned from activity`,
    );
    expect(dates.held <= END).toBe(true);
    expect(dates.planned > END).toBe(true);
  });

  it('should record attendance only of members who belonged then, for held activities', async () => {
    const bad = await one(`
      select count(*) filter (where a.status <> 'held')::int as not_held,
             count(*) filter (where m.joined_on is null or m.joined_on > a.held_on)::int as not_yet_members
        from attendance t join activity a on a.id = t.activity_id join member m on m.id = t.member_id`);
    expect(bad).toEqual({ not_held: 0, not_yet_members: 0 });
    // Every attendee a member of the organisation holding it (or one under it) on its day: what the writes require.
    const rows = await query<{ member: number; org: number; day: string }>(
      db.url,
      `select t.member_id as member, a.organization_id as org, a.held_on::text as day
       from attendance t join activity a on a.id = t.activity_id where t.member_id is not null order by t.id`,
    );
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const answers = await belongedOn(client, rows);
      expect(answers.filter((x) => !x?.inside)).toEqual([]);
    } finally {
      await client.end();
    }
    const rate = await one(`select avg((status = 'present')::int)::float as present from attendance where role = 'attendee'`);
    expect(rate.present).toBeGreaterThan(0.75);
    expect(rate.present).toBeLessThan(0.95);
  });

  it('should move people through the development stages, consistent with their dated history', async () => {
    const m = await one(`
      select count(*) filter (where political_status = 'probationary' and not exists (
                select 1 from development_event e where e.member_id = m.id and e.stage = 'branch_vote_admit'))::int as probationary_without_vote,
             count(*) filter (where political_status = 'probationary' and exists (
                select 1 from development_event e where e.member_id = m.id and e.stage = 'conversion_approved'))::int as probationary_converted,
             count(*) filter (where political_status = 'admission_pending' and (joined_on is null or exists (
                select 1 from development_event e where e.member_id = m.id and e.stage = 'committee_approved')))::int as pending_inconsistent,
             count(*) filter (where political_status = 'admission_pending')::int as pending,
             count(*) filter (where political_status in ('applicant', 'activist', 'development_target') and joined_on is not null)::int as pipeline_joined,
             count(*) filter (where political_status = 'full_member' and converted_on is null)::int as full_unconverted,
             count(*) filter (where converted_on < joined_on + interval '1 year')::int as early_conversion,
             count(*) filter (where political_status = 'probationary')::int as probationary,
             count(*) filter (where political_status in ('activist', 'development_target'))::int as in_pipeline
        from member m`);
    expect(m).toMatchObject({
      probationary_without_vote: 0,
      probationary_converted: 0,
      pending_inconsistent: 0,
      pipeline_joined: 0,
      full_unconverted: 0,
      early_conversion: 0,
    });
    expect(m.probationary).toBeGreaterThan(20);
    expect(m.in_pipeline).toBeGreaterThan(10);
    // Voted in by the branch, awaiting the committee: their own state (the one stage model).
    expect(m.pending).toBeGreaterThan(0);
    const admittedInWindow = await one(
      `select count(*)::int as n from development_event where stage = 'branch_vote_admit' and event_date >= '2023-06-01'`,
    );
    expect(admittedInWindow.n).toBeGreaterThan(60);
  });

  it('should give most branches a department head as secretary, and cap 优秀 at a third', async () => {
    const s = await one(`
      select avg(m.is_dept_head::int)::float as share from position p join member m on m.id = p.member_id
       where p.role = 'secretary' and p.end_on is null`);
    expect(s.share).toBeGreaterThan(0.4);
    expect(s.share).toBeLessThan(0.95);
    const over = await one(`
      select count(*)::int as n from (
        select organization_id, year, count(*) filter (where grade = 'excellent') as ex, count(*) as n
          from assessment where subject_type = 'member' group by 1, 2) x where ex > n / 3`);
    expect(over.n).toBe(0);
  });

  it('should let satisfaction drift with the seasons, weaker in some departments', async () => {
    const seasons = await one(`
      select avg(is_satisfied::int) filter (where extract(month from responded_on) in (1, 7))::float as low,
             avg(is_satisfied::int) filter (where extract(month from responded_on) in (4, 10))::float as high
        from survey_response r join survey s on s.id = r.survey_id where s.scale = 'percent_satisfied'`);
    expect(seasons.high - seasons.low).toBeGreaterThan(0.005);
    const depts = await one(`
      select max(rate) - min(rate) as spread from (
        select department_id, avg(is_satisfied::int)::float as rate from survey_response r join survey s on s.id = r.survey_id
         where s.scale = 'percent_satisfied' group by 1) x`);
    expect(depts.spread).toBeGreaterThan(0.03);
    const scales = await query<{ scale: string; lo: number; hi: number }>(
      db.url,
      `select s.scale, min(overall_score) as lo, max(overall_score) as hi from survey_response r join survey s on s.id = r.survey_id group by 1 order by 1`,
    );
    const likert = scales.find((x) => x.scale === 'likert_5')!;
    expect(likert.lo).toBeGreaterThanOrEqual(1);
    expect(likert.lo).toBeLessThanOrEqual(2);
    expect(likert.hi).toBe(5);
    expect(scales.find((x) => x.scale === 'score_0_100')!.hi).toBe(100);
  });

  it('should award honors at every level, to people and to collectives', async () => {
    const levels = await query<{ level: string }>(db.url, `select distinct level from honor order by 1`);
    expect(levels.map((l) => l.level)).toEqual(['county', 'hospital', 'municipal', 'national', 'provincial', 'sector']);
    const kinds = await query<{ recipient_type: string }>(db.url, `select distinct recipient_type from honor order by 1`);
    expect(kinds.map((k) => k.recipient_type)).toEqual(expect.arrayContaining(['branch', 'committee', 'department', 'person']));
    const july = await one(
      `select avg((extract(month from awarded_on) in (6, 7))::int)::float as share from honor where category = 'party'`,
    );
    expect(july.share).toBeGreaterThan(0.8); // Party honors come around 七一
  });

  it('should store Chinese text intact and valid-looking personal data', async () => {
    const p =
      await one(`select count(*) filter (where length(name) between 2 and 4 and name ~ '^[\\u4e00-\\u9fa5]+$')::float / count(*) as chinese_names,
                                count(*) filter (where id_card_no ~ '^\\d{17}[\\dX]$')::float / count(*) as id_cards,
                                count(*) filter (where mobile ~ '^1\\d{10}$')::float / count(*) as mobiles from member`);
    expect(p).toEqual({ chinese_names: 1, id_cards: 1, mobiles: 1 });
    expect((await one(`select length(name) as n from organization where kind = 'committee'`)).n).toBe('江城市第一人民医院党委'.length);
  });

  it('should give exactly the pinned rows for the default seed and END (every table)', async () => {
    expect(await checksums(db.url)).toEqual(PINNED);
  });

  it('should refuse a database that holds data, and change nothing', async () => {
    const before = await checksums(db.url);
    await expect(seedDatabase(db.url, { scale: 'hospital', endDate: END })).rejects.toBeInstanceOf(DatabaseNotEmptyError);
    expect(await checksums(db.url)).toEqual(before);
    expect(await isEmpty(db.url)).toBe(false);
  });

  // The same seed and end date giving the same rows is the pinned test above (across runs and machines, stronger
  // than seeding twice here, which cost CI ≈ 50 s): this seeds once, with another seed.
  it('should give other rows for another seed, and empty all but the audit log on a reset', async () => {
    const again = await createTestDatabase();
    try {
      expect(await isEmpty(again.url)).toBe(true);
      const result = await seedDatabase(again.url, { scale: 'hospital', endDate: END, seed: 7 });
      // What it answers counts what it wrote.
      expect(result.totalRows).toBe(Object.values(result.rows).reduce((s, n) => s + n, 0));
      expect(result.rows.survey_response).toBe(Number((await query(again.url, `select count(*) as n from survey_response`))[0].n));
      const other = await checksums(again.url);
      for (const t of ['member', 'activity', 'attendance', 'survey_response'] as const) expect(other[t]).not.toBe(PINNED[t]);
      await query(again.url, `insert into audit_log (actor, action, entity) values ('committee', 'activity.record', 'activity')`);
      await resetDatabase(again.url);
      expect(await isEmpty(again.url)).toBe(true);
      // The audit log is kept (its trigger refuses TRUNCATE): a record, not demo data.
      expect(await query(again.url, `select actor from audit_log`)).toEqual([{ actor: 'committee' }]);
    } finally {
      await again.drop();
    }
    // A whole seeding: 60 s was once too little for two on a shared, loaded machine.
  }, 120_000);
});

describe('seed/atomicity', () => {
  it('should write nothing when any row is refused, even in the last step', async () => {
    const db = await createTestDatabase();
    try {
      // A rule the generator does not know about, violated only by the very last table it fills.
      await query(db.url, `alter table survey_response add constraint test_no_perfect_scores check (overall_score < 100)`);
      await expect(seedDatabase(db.url, { scale: 'hospital', endDate: END })).rejects.toThrow(/test_no_perfect_scores/);
      expect(await isEmpty(db.url)).toBe(true);
      const seq = await query<{ n: string }>(
        db.url,
        `select count(*) as n from pg_indexes where tablename in ('attendance', 'survey_response')`,
      );
      expect(Number(seq[0].n)).toBeGreaterThanOrEqual(5); // the dropped indexes came back with the rollback
    } finally {
      await db.drop();
    }
  });

  it('should keep the old rows when a reseed with reset fails (the truncate is part of the seeding transaction)', async () => {
    const db = await createTestDatabase();
    try {
      await query(db.url, `insert into organization (name, kind) values ('留下的党委', 'committee')`);
      const before = await checksums(db.url);
      await query(db.url, `alter table survey_response add constraint test_no_perfect_scores check (overall_score < 100)`);
      await expect(seedDatabase(db.url, { scale: 'hospital', endDate: END, reset: true })).rejects.toThrow(/test_no_perfect_scores/);
      expect(await checksums(db.url)).toEqual(before);
      expect(await isEmpty(db.url)).toBe(false);
    } finally {
      await db.drop();
    }
  });

  it('should reject a bad seed or end date before touching the database', async () => {
    const db = await createTestDatabase();
    try {
      await expect(seedDatabase(db.url, { scale: 'hospital', endDate: '2026-02-30' })).rejects.toThrow(/not a calendar date/);
      await expect(seedDatabase(db.url, { scale: 'hospital', seed: -1 })).rejects.toThrow(/seed must be/);
      expect(await isEmpty(db.url)).toBe(true);
    } finally {
      await db.drop();
    }
  });
});
