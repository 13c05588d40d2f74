import { Migration } from '@mikro-orm/migrations';

/**
 * The development record's firm order rules (《发展党员工作细则》), enforced where the rows are written:
 * - an activist review needs the activist confirmation on or before it, and comes before the person
 *   became a development target;
 * - the oath follows the committee's approval of the admission;
 * - after a withdrawal or a cancelled probation only a new application may follow.
 * Minimum durations (a year as an activist …) are not refused: the timeline-compliance indicator counts them.
 */
const CHECK = `
create or replace function hub_check_development_event() returns trigger language plpgsql as $$
declare m record;
begin
  select birth_date, joined_on into m from member where id = new.member_id;
  if new.stage = 'application_submitted' and m.birth_date is not null
     and new.event_date < m.birth_date + interval '18 years' then
    raise exception 'development event % on % predates the age of 18', new.stage, new.event_date
      using errcode = '23514', constraint = 'development_event_after_18';
  end if;
  if new.stage in ('oath_taken', 'conversion_requested', 'branch_vote_convert', 'conversion_approved',
                   'probation_extended', 'probation_cancelled')
     and (m.joined_on is null or new.event_date < m.joined_on) then
    raise exception 'development event % on % predates joining (%)', new.stage, new.event_date, m.joined_on
      using errcode = '23514', constraint = 'development_event_after_joining';
  end if;
  if new.stage = 'activist_review' and (
       not exists (select 1 from development_event e where e.member_id = new.member_id and e.id <> new.id
                   and e.stage = 'activist_confirmed' and e.event_date <= new.event_date)
       or exists (select 1 from development_event e where e.member_id = new.member_id and e.id <> new.id
                  and e.stage = 'target_confirmed' and e.event_date <= new.event_date)) then
    raise exception 'activist review on % outside the activist stage', new.event_date
      using errcode = '23514', constraint = 'development_event_order';
  end if;
  if new.stage = 'oath_taken' and not exists (select 1 from development_event e where e.member_id = new.member_id
       and e.id <> new.id and e.stage = 'committee_approved' and e.event_date <= new.event_date) then
    raise exception 'oath on % before the committee approved the admission', new.event_date
      using errcode = '23514', constraint = 'development_event_order';
  end if;
  if new.stage <> 'application_submitted' and exists (select 1 from development_event e where e.member_id = new.member_id
       and e.id <> new.id and e.stage in ('withdrawn', 'probation_cancelled') and e.event_date <= new.event_date
       and not exists (select 1 from development_event a where a.member_id = new.member_id and a.stage = 'application_submitted'
                       and a.event_date > e.event_date and a.event_date <= new.event_date)) then
    raise exception '% on % after the development ended (withdrawn or cancelled)', new.stage, new.event_date
      using errcode = '23514', constraint = 'development_event_order';
  end if;
  return new;
end $$;`;

export class Migration20261129060000 extends Migration {
  override name = 'Migration20261129060000';

  override up(): void {
    this.addSql(CHECK);
  }

  override down(): void {
    this.addSql(CHECK.replace(/  if new\.stage = 'activist_review'[\s\S]*?(?=  return new;)/, ''));
  }
}
