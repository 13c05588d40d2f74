import { Migration } from '@mikro-orm/migrations';

/**
 * One stage model (domain/development.ts): a person voted in by the branch meeting but not yet approved by the
 * committee is `admission_pending` (not a development target, not yet probationary), and a branch's vote to
 * convert leaves a member probationary until the committee approves. Statuses kept before are recomputed from
 * each person's development record (the furthest step reached); people without a record keep theirs.
 */
export class Migration20261202110000 extends Migration {
  override name = 'Migration20261202110000';

  override up(): void | Promise<void> {
    this.addSql(`alter table "member" drop constraint "member_political_status_check";`);
    this.addSql(`alter table "member" add constraint "member_political_status_check" check ("political_status" in ('masses', 'applicant', 'activist', 'development_target', 'admission_pending', 'probationary', 'full_member'));`);
    // The ranks as the stage model has them at this migration (a later change of the model brings its own).
    this.addSql(`with rank as (
        select e.member_id, max(case e.stage
          when 'application_submitted' then 1 when 'activist_confirmed' then 2 when 'activist_review' then 2
          when 'target_confirmed' then 3 when 'political_review' then 3 when 'training_completed' then 3 when 'public_notice' then 3
          when 'branch_vote_admit' then 4
          when 'committee_approved' then 5 when 'oath_taken' then 5 when 'conversion_requested' then 5
          when 'branch_vote_convert' then 5 when 'probation_extended' then 5
          when 'conversion_approved' then 6 when 'withdrawn' then 9 when 'probation_cancelled' then 9 end) as r
        from development_event e group by 1)
      update member m set political_status = case rank.r when 1 then 'applicant' when 2 then 'activist'
          when 3 then 'development_target' when 4 then 'admission_pending' when 5 then 'probationary'
          when 6 then 'full_member' else 'masses' end
      from rank where rank.member_id = m.id and m.political_status <> case rank.r when 1 then 'applicant' when 2 then 'activist'
          when 3 then 'development_target' when 4 then 'admission_pending' when 5 then 'probationary'
          when 6 then 'full_member' else 'masses' end;`);
    // Members are counted by their status: every indicator's cells are rebuilt at the next start.
    this.addSql(`delete from indicator_definition;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`update member set political_status = 'probationary' where political_status = 'admission_pending';`);
    this.addSql(`alter table "member" drop constraint "member_political_status_check";`);
    this.addSql(`alter table "member" add constraint "member_political_status_check" check ("political_status" in ('masses', 'applicant', 'activist', 'development_target', 'probationary', 'full_member'));`);
  }
}
