import { Migration } from '@mikro-orm/migrations';

/**
 * Vocabulary the published reports use: an honour whose level is not stated, the kind of body that issued
 * it (a university, a sector body …), 双重组织生活会 as an activity type, 服务群众标兵 as a model-post type.
 */
export class Migration20261202100000 extends Migration {
  override name = 'Migration20261202100000';

  override up(): void | Promise<void> {
    this.addSql(`alter table "model_post" drop constraint "model_post_level_check";`);
    this.addSql(`alter table "model_post" drop constraint "model_post_type_check";`);
    this.addSql(`alter table "model_post" add constraint "model_post_level_check" check ("level" in ('national', 'provincial', 'municipal', 'county', 'sector', 'hospital', 'unspecified'));`);
    this.addSql(`alter table "model_post" add constraint "model_post_type_check" check ("type" in ('model_post', 'vanguard_post', 'service_desk', 'commando_team', 'responsibility_area', 'service_model'));`);
    this.addSql(`alter table "honor" drop constraint "honor_level_check";`);
    this.addSql(`alter table "honor" add "issuer_kind" text null;`);
    this.addSql(`alter table "honor" add constraint "honor_issuer_kind_check" check ("issuer_kind" in ('party', 'government', 'health_authority', 'university', 'sector_body', 'union_league', 'hospital', 'other'));`);
    this.addSql(`alter table "honor" add constraint "honor_level_check" check ("level" in ('national', 'provincial', 'municipal', 'county', 'sector', 'hospital', 'unspecified'));`);
    this.addSql(`alter table "activity" drop constraint "activity_type_check";`);
    this.addSql(`alter table "activity" add constraint "activity_type_check" check ("type" in ('branch_general_meeting', 'branch_committee_meeting', 'group_meeting', 'party_lecture', 'theme_party_day', 'org_life_meeting', 'dual_org_life_meeting', 'democratic_review', 'central_group_study', 'political_birthday', 'heart_to_heart_talk', 'election', 'volunteer_service', 'free_clinic', 'health_lecture', 'health_checkup', 'home_visit', 'first_aid_training', 'blood_donation', 'co_building', 'paired_assistance', 'poverty_relief', 'epidemic_response', 'red_education', 'integrity_education', 'publicity_talk', 'quiz', 'skills_contest', 'member_experience_day', 'study_session'));`);
    this.addSql(`alter table "research_project" drop constraint "research_project_level_check";`);
    this.addSql(`alter table "research_project" add constraint "research_project_level_check" check ("level" in ('national', 'provincial', 'municipal', 'county', 'sector', 'hospital', 'unspecified'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "honor" drop column "issuer_kind";`);
  }
}
