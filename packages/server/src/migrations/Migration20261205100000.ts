import { Migration } from '@mikro-orm/migrations';
import { addMonths, monthPartitions } from '../domain/partitions.js';

const COLUMNS = `"survey_id", "department_id", "responded_on", "overall_score", "is_satisfied", "attitude_score", "environment_score", "process_score"`;
const SCORES =
  `check (overall_score between 0 and 100 and (attitude_score is null or attitude_score between 0 and 100) and ` +
  `(environment_score is null or environment_score between 0 and 100) and (process_score is null or process_score between 0 and 100))`;

/**
 * survey_response partitioned by month on `responded_on` (db/partitions.ts: the window and the job that
 * extends it), with the survey's `hospital_id` on each row and a `bigint` id whose sequence continues
 * where the old one stopped. One pass in the migration's transaction: the old table aside, the new
 * partitioned one with its partitions, INSERT … SELECT (the survey's hospital joined in), the sequence
 * moved past the ids, then the keys, checks and indexes built once on the loaded partitions (faster than
 * maintaining them row by row), the old table dropped. No foreign key points at survey_response.
 * Rows dated after the window (none a write could make: a response is never dated after today) get the
 * partitions they need, so the conversion never fails on existing data.
 */
export class Migration20261205100000 extends Migration {
  override name = 'Migration20261205100000';

  override async up(): Promise<void> {
    const [last] = await this.execute(`select to_char(max(responded_on), 'YYYY-MM') as m from survey_response`);
    const partitions = monthPartitions('survey_response');
    const windowEnd = partitions.at(-1)!.name.slice(-7).replace('_', '-');
    for (let m = addMonths(windowEnd, 1); last?.m && m <= (last.m as string); m = addMonths(m, 1))
      partitions.push({ name: `survey_response_${m.replace('-', '_')}`, values: `for values from ('${m}-01') to ('${addMonths(m, 1)}-01')` });

    this.addSql(`alter table "survey_response" rename to "survey_response_old";`);
    this.addSql(`alter table "survey_response_old" rename constraint "survey_response_pkey" to "survey_response_old_pkey";`);
    this.addSql(`alter sequence "survey_response_id_seq" rename to "survey_response_old_id_seq";`);
    for (const i of ['department_id_responded_on', 'survey_id_responded_on', 'responded_on'])
      this.addSql(`drop index "survey_response_${i}_index";`);
    this.addSql(
      `create table "survey_response" ("id" bigserial not null, "survey_id" int not null, "hospital_id" int not null, "department_id" int null, ` +
        `"responded_on" date not null, "overall_score" smallint not null, "is_satisfied" boolean not null, "attitude_score" smallint null, ` +
        `"environment_score" smallint null, "process_score" smallint null) partition by range ("responded_on");`,
    );
    for (const p of partitions) this.addSql(`create table "${p.name}" partition of "survey_response" ${p.values};`);
    this.addSql(
      `insert into "survey_response" ("id", "hospital_id", ${COLUMNS}) select o."id", s."hospital_id", ${COLUMNS.replaceAll('"', '').replace(/(\w+)/g, 'o."$1"')} ` +
        `from "survey_response_old" o join "survey" s on s.id = o.survey_id;`,
    );
    this.addSql(`select setval('survey_response_id_seq', coalesce((select max(id) from survey_response), 0) + 1, false);`);
    this.addSql(`drop table "survey_response_old";`);
    this.addSql(`alter table "survey_response" add constraint "survey_response_pkey" primary key ("id", "responded_on");`);
    this.addSql(`alter table "survey_response" add constraint "survey_response_scores" ${SCORES};`);
    this.addIndexes();
  }

  private addIndexes(): void {
    for (const cols of [['department_id', 'responded_on'], ['survey_id', 'responded_on'], ['hospital_id', 'responded_on'], ['responded_on']])
      this.addSql(`create index "survey_response_${cols.join('_')}_index" on "survey_response" (${cols.map((c) => `"${c}"`).join(', ')});`);
    this.addSql(
      `alter table "survey_response" add constraint "survey_response_survey_id_foreign" foreign key ("survey_id") references "survey" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "survey_response" add constraint "survey_response_hospital_id_foreign" foreign key ("hospital_id") references "hospital" ("id") on delete restrict;`,
    );
    this.addSql(
      `alter table "survey_response" add constraint "survey_response_department_id_foreign" foreign key ("department_id") references "department" ("id") on delete set null;`,
    );
  }

  override down(): void {
    this.addSql(`alter table "survey_response" rename to "survey_response_parted";`);
    this.addSql(`alter table "survey_response_parted" rename constraint "survey_response_pkey" to "survey_response_parted_pkey";`);
    this.addSql(`alter sequence "survey_response_id_seq" rename to "survey_response_parted_id_seq";`);
    for (const i of ['department_id_responded_on', 'survey_id_responded_on', 'hospital_id_responded_on', 'responded_on'])
      this.addSql(`drop index "survey_response_${i}_index";`);
    this.addSql(
      `create table "survey_response" ("id" serial primary key, "survey_id" int not null, "department_id" int null, "responded_on" date not null, ` +
        `"overall_score" smallint not null, "is_satisfied" boolean not null, "attitude_score" smallint null, "environment_score" smallint null, "process_score" smallint null);`,
    );
    this.addSql(`insert into "survey_response" ("id", ${COLUMNS}) select "id", ${COLUMNS} from "survey_response_parted";`);
    this.addSql(`select setval('survey_response_id_seq', coalesce((select max(id) from survey_response), 0) + 1, false);`);
    this.addSql(`drop table "survey_response_parted";`);
    this.addSql(`alter table "survey_response" add constraint "survey_response_scores" ${SCORES};`);
    for (const cols of [['department_id', 'responded_on'], ['survey_id', 'responded_on'], ['responded_on']])
      this.addSql(`create index "survey_response_${cols.join('_')}_index" on "survey_response" (${cols.map((c) => `"${c}"`).join(', ')});`);
    this.addSql(
      `alter table "survey_response" add constraint "survey_response_survey_id_foreign" foreign key ("survey_id") references "survey" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "survey_response" add constraint "survey_response_department_id_foreign" foreign key ("department_id") references "department" ("id") on delete set null;`,
    );
  }
}
