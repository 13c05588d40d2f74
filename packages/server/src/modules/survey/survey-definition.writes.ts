/**
 * Satisfaction surveys themselves (reference data of a hospital, like its departments): created and changed by
 * the hospital's committee, in the shared write transaction (audited, one notification). A survey's title is
 * unique in its hospital (imports and exports name it by title). What decides the figures — who is surveyed
 * (the indicator it feeds), the scale and the threshold (each stored answer's 满意 was judged by it) — is fixed
 * once answers or aggregate results are stored: a survey with data changes only its title, source, cadence and
 * start date; otherwise a new survey is the way, so no stored figure changes meaning silently.
 */
import { SurveyScale } from '../../domain/enums.js';
import { Reason } from '../../errors.js';
import { toGlobalId } from '../../graphql/global-id.js';
import { Problems } from '../../graphql/problems.js';
import type { WriteResult } from '../../graphql/write-result.js';
import type { Queryable } from '../../indicators/cells.js';
import { transact, type WriteContext } from '../../indicators/writes.js';
import type { SurveyInput } from './survey-definition.inputs.js';

const FIXED_WITH_DATA = ['kind', 'scale', 'satisfiedFrom'] as const;

/** The input's own problems: the threshold on the scale's range with two decimals at most. */
function checkInput(p: Problems, input: SurveyInput): void {
  const [lo, hi] = input.scale === SurveyScale.LIKERT_5 ? [1, 5] : [0, 100];
  if (input.satisfiedFrom < lo || input.satisfiedFrom > hi)
    p.add(
      'satisfiedFrom',
      Reason.inputOutOfRange,
      `须在 ${lo}–${hi} 之间（按所选计分方式）`,
      `must lie in ${lo}–${hi} (on the chosen scale)`,
    );
  if (Math.abs(Math.round(input.satisfiedFrom * 100) - input.satisfiedFrom * 100) > 1e-6)
    p.add('satisfiedFrom', Reason.inputOutOfRange, '最多两位小数', 'two decimals at most');
}

async function sameTitle(db: Queryable, p: Problems, hospital: number, title: string, self: number | null): Promise<void> {
  const { rows } = await db.query(`select 1 from survey where hospital_id = $1 and title = $2 and id <> $3`, [hospital, title, self ?? 0]);
  if (rows.length) p.add('title', Reason.duplicate, '本院已有同名调查', 'the hospital has a survey of this title already');
}

const values = (input: SurveyInput) => [
  input.title.trim(),
  input.kind,
  input.source,
  input.cadence,
  input.scale,
  input.satisfiedFrom.toFixed(2),
  input.startedOn ?? null,
];

/** The hospital's committee (null: no such hospital). */
async function committeeOf(db: Queryable, hospital: number): Promise<number | null> {
  const { rows } = await db.query(`select committee_id from hospital where id = $1`, [hospital]);
  return (rows[0]?.committee_id as number | undefined) ?? null;
}

/** Creates a survey of a hospital. */
export async function createSurvey(ctx: WriteContext, hospitalId: string, input: SurveyInput): Promise<WriteResult> {
  const p = await Problems.of('createSurvey.input', input);
  const hospital = p.id('hospitalId', hospitalId, 'Hospital');
  const committee = hospital != null ? await committeeOf(ctx.pool, hospital) : null;
  if (hospital != null && committee == null)
    p.add('hospitalId', Reason.idNotFound, `Hospital ${hospital} 不存在`, `Hospital ${hospital} does not exist`);
  checkInput(p, input);
  p.check();
  return transact(ctx, { tables: ['survey'] }, async (tx) => {
    await tx.lock([committee]);
    const again = new Problems('createSurvey.input');
    await sameTitle(tx.client, again, hospital!, input.title.trim(), null);
    again.check();
    const { rows } = await tx.client.query(
      `insert into survey (title, kind, source, cadence, scale, satisfied_from, started_on, hospital_id)
       values ($1, $2, $3, $4, $5, $6, $7, $8) returning id`,
      [...values(input), hospital],
    );
    tx.audit({ action: 'survey.create', entity: 'survey', entityId: rows[0].id, after: input });
    return { id: toGlobalId('Survey', rows[0].id), rows: 1 };
  });
}

interface StoredSurvey {
  hospital_id: number;
  kind: string;
  scale: string;
  satisfied_from: string;
  has_data: boolean;
}

async function stored(db: Queryable, id: number): Promise<StoredSurvey | null> {
  const { rows } = await db.query(
    `select hospital_id, kind, scale, satisfied_from::text, (exists (select 1 from survey_response r where r.survey_id = s.id)
       or exists (select 1 from survey_result x where x.survey_id = s.id)) as has_data
     from survey s where id = $1`,
    [id],
  );
  return (rows[0] as StoredSurvey | undefined) ?? null;
}

/** Changes a survey (see the file's comment for what data fixes). */
export async function updateSurvey(ctx: WriteContext, id: string, input: SurveyInput): Promise<WriteResult> {
  const p = await Problems.of('updateSurvey.input', input);
  const survey = p.id('id', id, 'Survey');
  const before = survey != null ? await stored(ctx.pool, survey) : null;
  if (survey != null && !before) p.add('id', Reason.idNotFound, `Survey ${survey} 不存在`, `Survey ${survey} does not exist`);
  checkInput(p, input);
  p.check();
  const committee = await committeeOf(ctx.pool, before!.hospital_id);
  return transact(ctx, { tables: ['survey'] }, async (tx) => {
    await tx.lock([committee]);
    const now = (await stored(tx.client, survey!))!;
    const again = new Problems('updateSurvey.input');
    await sameTitle(tx.client, again, now.hospital_id, input.title.trim(), survey);
    const changed = {
      kind: input.kind !== now.kind,
      scale: input.scale !== now.scale,
      satisfiedFrom: input.satisfiedFrom !== Number(now.satisfied_from),
    };
    for (const f of FIXED_WITH_DATA)
      if (now.has_data && changed[f])
        again.add(
          f,
          Reason.inputInconsistent,
          '已有答卷或汇总结果的调查不能改变此项：请新建一项调查',
          'a survey with stored answers or results keeps this: create a new survey',
        );
    again.check();
    await tx.client.query(
      `update survey set title = $1, kind = $2, source = $3, cadence = $4, scale = $5, satisfied_from = $6, started_on = $7, updated_at = now()
       where id = $8`,
      [...values(input), survey],
    );
    tx.audit({ action: 'survey.update', entity: 'survey', entityId: survey!, before: now, after: input });
    return { id, rows: 1 };
  });
}
