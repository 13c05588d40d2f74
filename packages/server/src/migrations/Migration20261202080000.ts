import { Migration } from '@mikro-orm/migrations';

/** DevelopmentSpan: time through each stretch of the development procedure, a view over development_event. */
export class Migration20261202080000 extends Migration {
  override name = 'Migration20261202080000';

  override up(): void | Promise<void> {
    this.addSql(`create view "development_span" as select f.member_id * 10 + s.ordinal as id, f.member_id, s.span, s.from_stage, s.to_stage,
  f.first_on as started_on, t.first_on as ended_on, ((extract(year from t.first_on) - extract(year from f.first_on)) * 12 + extract(month from t.first_on) - extract(month from f.first_on) - case when extract(day from t.first_on) < extract(day from f.first_on) then 1 else 0 end)::int as months, s.minimum_months,
  s.minimum_months is not null and ((extract(year from t.first_on) - extract(year from f.first_on)) * 12 + extract(month from t.first_on) - extract(month from f.first_on) - case when extract(day from t.first_on) < extract(day from f.first_on) then 1 else 0 end)::int < s.minimum_months as below_minimum
from (values (1, 'applicant', 'application_submitted', 'activist_confirmed', null), (2, 'activist', 'activist_confirmed', 'target_confirmed', 12), (3, 'target', 'target_confirmed', 'branch_vote_admit', null), (4, 'probation', 'branch_vote_admit', 'branch_vote_convert', 12))
  as s(ordinal, span, from_stage, to_stage, minimum_months)
join (select member_id, stage, min(event_date) as first_on from development_event group by member_id, stage) f on f.stage = s.from_stage
join (select member_id, stage, min(event_date) as first_on from development_event group by member_id, stage) t
  on t.member_id = f.member_id and t.stage = s.to_stage and t.first_on >= f.first_on;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop view if exists "development_span";`);
  }
}
