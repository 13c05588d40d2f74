import { Migration } from '@mikro-orm/migrations';

/**
 * Survey results in aggregate form (modules/survey/survey.entity.ts: SurveyResult): per survey, department
 * (none: the whole hospital) and month, the respondents, how many were satisfied and the mean score. One row
 * per survey, department and month (the whole hospital's included: coalesce(department_id, 0)).
 */
export class Migration20261204100000 extends Migration {
  override name = 'Migration20261204100000';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "survey_result" ("id" serial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "survey_id" int not null, "department_id" int null, "month" date not null, "respondents" int not null, "satisfied" int not null, "mean_score" numeric(6,2) null);`,
    );
    this.addSql(`create index "survey_result_month_index" on "survey_result" ("month");`);
    this.addSql(`create index "survey_result_department_id_month_index" on "survey_result" ("department_id", "month");`);
    this.addSql(
      `create unique index "survey_result_survey_department_month_unique" on "survey_result" ("survey_id", coalesce("department_id", 0), "month");`,
    );
    this.addSql(
      `alter table "survey_result" add constraint "survey_result_survey_id_foreign" foreign key ("survey_id") references "survey" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "survey_result" add constraint "survey_result_department_id_foreign" foreign key ("department_id") references "department" ("id") on delete set null;`,
    );
    this.addSql(`alter table "survey_result" add constraint "survey_result_month" check (extract(day from month) = 1);`);
    this.addSql(
      `alter table "survey_result" add constraint "survey_result_counts" check (respondents > 0 and satisfied >= 0 and satisfied <= respondents);`,
    );
    this.addSql(
      `alter table "survey_result" add constraint "survey_result_mean" check (mean_score is null or (mean_score >= 0 and mean_score <= 100));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "survey_result" cascade;`);
  }
}
