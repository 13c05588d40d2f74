/**
 * One lock order, no deadlock: a person's development steps racing meetings that name the same person
 * (the probes saw 15–17 deadlocks in 80 such pairs reach clients as internal errors). Every write is
 * accepted or refused with a code, none fails; the cells equal a rebuild afterwards.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../domain/dates.js';
import { toGlobalId as gid } from '../../graphql/global-id.js';
import { rebuildCells, verifyCells } from '../../indicators/cells.js';
import { startTestHub, type TestHub } from '../../test-support/hub.js';
import { randomHospital } from '../../test-support/random-hospital.js';

const PAIRS = 200;
const AT_ONCE = 20;

describe('member/races', () => {
  let hub: TestHub;
  let client: pg.Client;

  beforeAll(async () => {
    hub = await startTestHub();
    client = new pg.Client({ connectionString: hub.db.url });
    await client.connect();
    await randomHospital(client, 9, '2026-06');
  });
  afterAll(async () => {
    await client.end();
    await hub.close();
  });

  it(`should let ${PAIRS} pairs of a step and a meeting on one person race with no deadlock reaching a client`, async () => {
    const branch = (await client.query(`select id from organization where kind = 'branch' order by id limit 1`)).rows[0].id as number;
    const person = (
      await client.query(
        `insert into member (hospital_id, organization_id, name, gender, education, professional_title, staff_category, political_status, birth_date)
         select hospital_id, $1, '钱活动', 'male', 'bachelor', 'junior', 'nurse', 'activist', '1995-03-03' from member limit 1 returning id`,
        [branch],
      )
    ).rows[0].id as number;
    await client.query(
      `insert into development_event (member_id, stage, event_date) values ($1, 'application_submitted', '2024-01-10'), ($1, 'activist_confirmed', '2024-03-01')`,
      [person],
    );
    await client.query('begin');
    await rebuildCells(client);
    await client.query('commit');
    const codes = new Map<string, number>();
    const count = (res: { errors?: { extensions?: Record<string, unknown> }[] }) => {
      const code = (res.errors?.[0]?.extensions?.code as string | undefined) ?? 'ok';
      codes.set(code, (codes.get(code) ?? 0) + 1);
    };
    for (let start = 0; start < PAIRS; start += AT_ONCE) {
      await Promise.all(
        Array.from({ length: AT_ONCE }, async (_, k) => {
          const i = start + k;
          const on = addDays('2024-04-01', i);
          const [step, meeting] = await Promise.all([
            hub.gql(`mutation($m: ID!, $on: LocalDate!) { changeMemberStage(memberId: $m, stage: ACTIVIST_REVIEW, on: $on) { id } }`, {
              m: gid('Member', person),
              on,
            }),
            hub.gql(`mutation($i: RecordActivityInput!) { recordActivity(input: $i) { id } }`, {
              i: {
                organizationId: gid('Organization', branch),
                type: 'THEME_PARTY_DAY',
                title: `主题党日 ${i}`,
                heldOn: on,
                attendance: [{ memberId: gid('Member', person), status: 'PRESENT' }],
              },
            }),
          ]);
          count(step);
          count(meeting);
          expect(meeting.errors, JSON.stringify(meeting.errors)).toBeUndefined();
        }),
      );
    }
    expect(codes.get('INTERNAL_SERVER_ERROR') ?? 0, JSON.stringify([...codes])).toBe(0);
    expect([...codes.keys()].every((c) => c === 'ok' || c === 'BAD_USER_INPUT')).toBe(true);
    expect(codes.get('ok')).toBeGreaterThan(PAIRS); // every meeting, and the steps that came in date order
    await client.query('begin');
    try {
      expect((await verifyCells(client)).differences).toEqual([]);
    } finally {
      await client.query('rollback');
    }
  }, 600_000);
});
