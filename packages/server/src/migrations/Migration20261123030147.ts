import { Migration } from '@mikro-orm/migrations';

export class Migration20261123030147 extends Migration {

  override name = 'Migration20261123030147';

  override up(): void | Promise<void> {
    this.addSql(`create table "organization" ("id" serial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "parent_id" int null, "name" varchar(200) not null, "code" varchar(64) null, "kind" text not null, "category" text null, "path" varchar(512) not null default '', "depth" smallint not null default 0, "founded_on" date null, "dissolved_on" date null, "term_start" date null, "term_years" smallint null);`);
    this.addSql(`create index "organization_parent_id_index" on "organization" ("parent_id");`);
    this.addSql(`create index "organization_kind_index" on "organization" ("kind");`);

    this.addSql(`create table "hospital" ("id" serial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "name" varchar(200) not null, "level" text null, "type" varchar(64) null, "region" varchar(64) null, "committee_id" int not null);`);
    this.addSql(`create index "hospital_committee_id_index" on "hospital" ("committee_id");`);

    this.addSql(`create table "department" ("id" serial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "hospital_id" int not null, "parent_id" int null, "name" varchar(200) not null, "type" text not null, "branch_id" int null);`);
    this.addSql(`create index "department_branch_id_index" on "department" ("branch_id");`);
    this.addSql(`alter table "department" add constraint "department_hospital_id_name_unique" unique ("hospital_id", "name");`);

    this.addSql(`create table "member" ("id" serial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "hospital_id" int not null, "name" varchar(64) not null, "gender" text not null, "birth_date" date null, "ethnicity" varchar(32) null, "education" text not null, "professional_title" text not null, "staff_category" text not null, "department_id" int null, "is_dept_head" boolean not null default false, "is_backbone" boolean not null default false, "is_frontline" boolean not null default false, "political_status" text not null, "membership_status" text not null default 'active', "organization_id" int not null, "party_group_id" int null, "joined_on" date null, "converted_on" date null, "id_card_no" varchar(18) null, "mobile" varchar(20) null);`);
    this.addSql(`create index "member_hospital_id_index" on "member" ("hospital_id");`);
    this.addSql(`create index "member_department_id_index" on "member" ("department_id");`);
    this.addSql(`create index "member_party_group_id_index" on "member" ("party_group_id");`);
    this.addSql(`create index "member_joined_on_index" on "member" ("joined_on");`);
    this.addSql(`create index "member_organization_id_political_status_index" on "member" ("organization_id", "political_status");`);

    this.addSql(`create table "model_post" ("id" serial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "type" text not null, "title" varchar(200) not null, "member_id" int null, "department_id" int null, "organization_id" int null, "level" text not null, "established_on" date not null, "revoked_on" date null);`);
    this.addSql(`create index "model_post_member_id_index" on "model_post" ("member_id");`);
    this.addSql(`create index "model_post_department_id_index" on "model_post" ("department_id");`);
    this.addSql(`create index "model_post_organization_id_index" on "model_post" ("organization_id");`);

    this.addSql(`create table "development_event" ("id" serial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "member_id" int not null, "stage" text not null, "event_date" date not null, "introducer1_id" int null, "introducer2_id" int null, "training_hours" double precision null);`);
    this.addSql(`create index "development_event_stage_event_date_index" on "development_event" ("stage", "event_date");`);
    this.addSql(`create index "development_event_member_id_event_date_index" on "development_event" ("member_id", "event_date");`);

    this.addSql(`create table "honor" ("id" serial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "hospital_id" int not null, "recipient_type" text not null, "member_id" int null, "organization_id" int null, "department_id" int null, "title" varchar(300) not null, "category" text not null, "level" text not null, "issuer" varchar(200) null, "awarded_on" date not null);`);
    this.addSql(`create index "honor_hospital_id_index" on "honor" ("hospital_id");`);
    this.addSql(`create index "honor_member_id_index" on "honor" ("member_id");`);
    this.addSql(`create index "honor_organization_id_index" on "honor" ("organization_id");`);
    this.addSql(`create index "honor_department_id_index" on "honor" ("department_id");`);
    this.addSql(`create index "honor_level_awarded_on_index" on "honor" ("level", "awarded_on");`);

    this.addSql(`create table "ethics_event" ("id" serial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "type" text not null, "department_id" int not null, "member_id" int null, "amount" numeric(12,2) null, "occurred_on" date not null);`);
    this.addSql(`create index "ethics_event_member_id_index" on "ethics_event" ("member_id");`);
    this.addSql(`create index "ethics_event_type_occurred_on_index" on "ethics_event" ("type", "occurred_on");`);
    this.addSql(`create index "ethics_event_department_id_occurred_on_index" on "ethics_event" ("department_id", "occurred_on");`);

    this.addSql(`create table "department_metric" ("id" serial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "department_id" int not null, "month" date not null, "code" text not null, "value" numeric(14,2) not null);`);
    this.addSql(`create index "department_metric_code_month_index" on "department_metric" ("code", "month");`);
    this.addSql(`alter table "department_metric" add constraint "department_metric_department_id_month_code_unique" unique ("department_id", "month", "code");`);

    this.addSql(`create table "branch_department" ("id" serial primary key, "branch_id" int not null, "department_id" int not null, "valid_from" date not null, "valid_to" date null, "is_primary" boolean not null default true);`);
    this.addSql(`create index "branch_department_branch_id_index" on "branch_department" ("branch_id");`);
    this.addSql(`create index "branch_department_department_id_valid_from_index" on "branch_department" ("department_id", "valid_from");`);

    this.addSql(`create table "assessment" ("id" serial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "subject_type" text not null, "member_id" int null, "organization_id" int not null, "year" smallint not null, "score" numeric(5,2) null, "grade" text not null);`);
    this.addSql(`create index "assessment_member_id_index" on "assessment" ("member_id");`);
    this.addSql(`create index "assessment_organization_id_index" on "assessment" ("organization_id");`);
    this.addSql(`create index "assessment_subject_type_year_index" on "assessment" ("subject_type", "year");`);

    this.addSql(`create table "activity" ("id" serial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "organization_id" int not null, "type" text not null, "title" varchar(300) not null, "held_on" date not null, "start_at" timestamptz null, "location" varchar(200) null, "status" text not null default 'held', "festival_tag" varchar(32) null, "lecturer_id" int null, "lecturer_role" varchar(64) null, "expected_count" int null, "beneficiary_count" int null, "partner_org" varchar(200) null, "is_makeup" boolean not null default false);`);
    this.addSql(`create index "activity_lecturer_id_index" on "activity" ("lecturer_id");`);
    this.addSql(`create index "activity_type_held_on_index" on "activity" ("type", "held_on");`);
    this.addSql(`create index "activity_organization_id_held_on_index" on "activity" ("organization_id", "held_on");`);

    this.addSql(`create table "attendance" ("id" serial primary key, "activity_id" int not null, "member_id" int null, "role" text not null default 'attendee', "status" text not null, "hours" double precision null);`);
    this.addSql(`create index "attendance_member_id_index" on "attendance" ("member_id");`);
    this.addSql(`alter table "attendance" add constraint "attendance_activity_id_member_id_unique" unique ("activity_id", "member_id");`);

    this.addSql(`create table "position" ("id" serial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "organization_id" int not null, "member_id" int not null, "role" text not null, "start_on" date not null, "end_on" date null, "is_dept_head" boolean not null default false, "is_discipline_leader" boolean not null default false, "is_dual_leader" boolean not null default false);`);
    this.addSql(`create index "position_member_id_index" on "position" ("member_id");`);
    this.addSql(`create index "position_organization_id_role_start_on_index" on "position" ("organization_id", "role", "start_on");`);

    this.addSql(`create table "research_project" ("id" serial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "title" varchar(300) not null, "organization_id" int not null, "level" text not null, "approved_on" date not null, "status" text not null);`);
    this.addSql(`create index "research_project_organization_id_index" on "research_project" ("organization_id");`);

    this.addSql(`create table "survey" ("id" serial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "hospital_id" int not null, "title" varchar(200) not null, "kind" text not null, "source" text not null, "cadence" text not null, "scale" text not null, "started_on" date null);`);
    this.addSql(`create index "survey_hospital_id_index" on "survey" ("hospital_id");`);

    this.addSql(`create table "survey_response" ("id" serial primary key, "survey_id" int not null, "department_id" int null, "responded_on" date not null, "overall_score" smallint not null, "is_satisfied" boolean not null, "attitude_score" smallint null, "environment_score" smallint null, "process_score" smallint null);`);
    this.addSql(`create index "survey_response_department_id_responded_on_index" on "survey_response" ("department_id", "responded_on");`);
    this.addSql(`create index "survey_response_survey_id_responded_on_index" on "survey_response" ("survey_id", "responded_on");`);

    this.addSql(`alter table "organization" add constraint "organization_parent_id_foreign" foreign key ("parent_id") references "organization" ("id") on delete restrict;`);
    this.addSql(`alter table "organization" add constraint "organization_kind_check" check ("kind" in ('upper_body', 'committee', 'general_branch', 'branch', 'joint_branch', 'party_group'));`);
    this.addSql(`alter table "organization" add constraint "organization_category_check" check ("category" in ('clinical', 'medtech', 'nursing', 'admin', 'logistics', 'retired', 'trainee', 'mixed'));`);

    this.addSql(`alter table "hospital" add constraint "hospital_committee_id_foreign" foreign key ("committee_id") references "organization" ("id") on delete restrict;`);
    this.addSql(`alter table "hospital" add constraint "hospital_level_check" check ("level" in ('tertiary_a', 'tertiary_b', 'secondary_a', 'secondary_b', 'other'));`);

    this.addSql(`alter table "department" add constraint "department_hospital_id_foreign" foreign key ("hospital_id") references "hospital" ("id") on delete restrict;`);
    this.addSql(`alter table "department" add constraint "department_parent_id_foreign" foreign key ("parent_id") references "department" ("id") on delete restrict;`);
    this.addSql(`alter table "department" add constraint "department_branch_id_foreign" foreign key ("branch_id") references "organization" ("id") on delete set null;`);
    this.addSql(`alter table "department" add constraint "department_type_check" check ("type" in ('clinical', 'medtech', 'nursing_unit', 'admin', 'logistics', 'research'));`);

    this.addSql(`alter table "member" add constraint "member_hospital_id_foreign" foreign key ("hospital_id") references "hospital" ("id") on delete restrict;`);
    this.addSql(`alter table "member" add constraint "member_department_id_foreign" foreign key ("department_id") references "department" ("id") on delete set null;`);
    this.addSql(`alter table "member" add constraint "member_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on delete restrict;`);
    this.addSql(`alter table "member" add constraint "member_party_group_id_foreign" foreign key ("party_group_id") references "organization" ("id") on delete set null;`);
    this.addSql(`alter table "member" add constraint "member_joined_after_birth" check (joined_on is null or birth_date is null or joined_on >= birth_date + interval '18 years');`);
    this.addSql(`alter table "member" add constraint "member_conversion_after_joining" check (converted_on is null or (joined_on is not null and converted_on >= joined_on));`);
    this.addSql(`alter table "member" add constraint "member_gender_check" check ("gender" in ('male', 'female'));`);
    this.addSql(`alter table "member" add constraint "member_education_check" check ("education" in ('doctorate', 'master', 'bachelor', 'college', 'other'));`);
    this.addSql(`alter table "member" add constraint "member_professional_title_check" check ("professional_title" in ('senior_full', 'senior_associate', 'intermediate', 'junior', 'none'));`);
    this.addSql(`alter table "member" add constraint "member_staff_category_check" check ("staff_category" in ('physician', 'nurse', 'technician', 'pharmacist', 'admin', 'logistics', 'researcher'));`);
    this.addSql(`alter table "member" add constraint "member_political_status_check" check ("political_status" in ('masses', 'applicant', 'activist', 'development_target', 'probationary', 'full_member'));`);
    this.addSql(`alter table "member" add constraint "member_membership_status_check" check ("membership_status" in ('active', 'transferred_out', 'outflow', 'abroad', 'removed', 'deceased'));`);

    this.addSql(`alter table "model_post" add constraint "model_post_member_id_foreign" foreign key ("member_id") references "member" ("id") on delete cascade;`);
    this.addSql(`alter table "model_post" add constraint "model_post_department_id_foreign" foreign key ("department_id") references "department" ("id") on delete cascade;`);
    this.addSql(`alter table "model_post" add constraint "model_post_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on delete cascade;`);
    this.addSql(`alter table "model_post" add constraint "model_post_holder" check (member_id is not null or department_id is not null or organization_id is not null);`);
    this.addSql(`alter table "model_post" add constraint "model_post_dates" check (revoked_on is null or revoked_on >= established_on);`);
    this.addSql(`alter table "model_post" add constraint "model_post_type_check" check ("type" in ('model_post', 'vanguard_post', 'service_desk', 'commando_team', 'responsibility_area'));`);
    this.addSql(`alter table "model_post" add constraint "model_post_level_check" check ("level" in ('national', 'provincial', 'municipal', 'county', 'sector', 'hospital'));`);

    this.addSql(`alter table "development_event" add constraint "development_event_member_id_foreign" foreign key ("member_id") references "member" ("id") on delete cascade;`);
    this.addSql(`alter table "development_event" add constraint "development_event_introducer1_id_foreign" foreign key ("introducer1_id") references "member" ("id") on delete set null;`);
    this.addSql(`alter table "development_event" add constraint "development_event_introducer2_id_foreign" foreign key ("introducer2_id") references "member" ("id") on delete set null;`);
    this.addSql(`alter table "development_event" add constraint "development_event_stage_check" check ("stage" in ('application_submitted', 'activist_confirmed', 'activist_review', 'target_confirmed', 'political_review', 'training_completed', 'public_notice', 'branch_vote_admit', 'committee_approved', 'oath_taken', 'conversion_requested', 'branch_vote_convert', 'conversion_approved', 'probation_extended', 'probation_cancelled', 'withdrawn'));`);

    this.addSql(`alter table "honor" add constraint "honor_hospital_id_foreign" foreign key ("hospital_id") references "hospital" ("id") on delete restrict;`);
    this.addSql(`alter table "honor" add constraint "honor_member_id_foreign" foreign key ("member_id") references "member" ("id") on delete cascade;`);
    this.addSql(`alter table "honor" add constraint "honor_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on delete set null;`);
    this.addSql(`alter table "honor" add constraint "honor_department_id_foreign" foreign key ("department_id") references "department" ("id") on delete set null;`);
    this.addSql(`alter table "honor" add constraint "honor_recipient" check ((recipient_type <> 'person' or member_id is not null) and (recipient_type not in ('branch', 'general_branch', 'committee') or organization_id is not null) and (recipient_type <> 'department' or department_id is not null));`);
    this.addSql(`alter table "honor" add constraint "honor_recipient_type_check" check ("recipient_type" in ('person', 'branch', 'general_branch', 'committee', 'hospital', 'department', 'team'));`);
    this.addSql(`alter table "honor" add constraint "honor_category_check" check ("category" in ('party', 'administrative', 'union_league', 'civilization', 'research'));`);
    this.addSql(`alter table "honor" add constraint "honor_level_check" check ("level" in ('national', 'provincial', 'municipal', 'county', 'sector', 'hospital'));`);

    this.addSql(`alter table "ethics_event" add constraint "ethics_event_department_id_foreign" foreign key ("department_id") references "department" ("id") on delete restrict;`);
    this.addSql(`alter table "ethics_event" add constraint "ethics_event_member_id_foreign" foreign key ("member_id") references "member" ("id") on delete set null;`);
    this.addSql(`alter table "ethics_event" add constraint "ethics_event_amount" check (amount is null or amount >= 0);`);
    this.addSql(`alter table "ethics_event" add constraint "ethics_event_type_check" check ("type" in ('banner', 'thank_letter', 'refused_red_envelope', 'complaint', 'dispute'));`);

    this.addSql(`alter table "department_metric" add constraint "department_metric_department_id_foreign" foreign key ("department_id") references "department" ("id") on delete cascade;`);
    this.addSql(`alter table "department_metric" add constraint "department_metric_month" check (month = date_trunc('month', month)::date);`);
    this.addSql(`alter table "department_metric" add constraint "department_metric_code_check" check ("code" in ('staff_count', 'senior_title_staff', 'outpatient_visits', 'discharges', 'surgeries', 'research_grants', 'papers', 'new_techniques', 'complaints'));`);

    this.addSql(`alter table "branch_department" add constraint "branch_department_branch_id_foreign" foreign key ("branch_id") references "organization" ("id") on delete cascade;`);
    this.addSql(`alter table "branch_department" add constraint "branch_department_department_id_foreign" foreign key ("department_id") references "department" ("id") on delete cascade;`);
    this.addSql(`alter table "branch_department" add constraint "branch_department_valid_range" check (valid_to is null or valid_to >= valid_from);`);

    this.addSql(`alter table "assessment" add constraint "assessment_member_id_foreign" foreign key ("member_id") references "member" ("id") on delete cascade;`);
    this.addSql(`alter table "assessment" add constraint "assessment_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on delete cascade;`);
    this.addSql(`alter table "assessment" add constraint "assessment_score" check (score is null or (score >= 0 and score <= 100));`);
    this.addSql(`alter table "assessment" add constraint "assessment_subject" check ((subject_type = 'branch' and organization_id is not null) or (subject_type <> 'branch' and member_id is not null));`);
    this.addSql(`alter table "assessment" add constraint "assessment_subject_type_check" check ("subject_type" in ('member', 'branch', 'branch_secretary', 'general_branch_secretary'));`);
    this.addSql(`alter table "assessment" add constraint "assessment_grade_check" check ("grade" in ('excellent', 'good', 'fair', 'poor'));`);

    this.addSql(`alter table "activity" add constraint "activity_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on delete restrict;`);
    this.addSql(`alter table "activity" add constraint "activity_lecturer_id_foreign" foreign key ("lecturer_id") references "member" ("id") on delete set null;`);
    this.addSql(`alter table "activity" add constraint "activity_counts" check ((expected_count is null or expected_count >= 0) and (beneficiary_count is null or beneficiary_count >= 0));`);
    this.addSql(`alter table "activity" add constraint "activity_type_check" check ("type" in ('branch_general_meeting', 'branch_committee_meeting', 'group_meeting', 'party_lecture', 'theme_party_day', 'org_life_meeting', 'democratic_review', 'central_group_study', 'political_birthday', 'heart_to_heart_talk', 'election', 'volunteer_service', 'free_clinic', 'health_lecture', 'health_checkup', 'home_visit', 'first_aid_training', 'blood_donation', 'co_building', 'paired_assistance', 'poverty_relief', 'epidemic_response', 'red_education', 'integrity_education', 'publicity_talk', 'quiz', 'skills_contest', 'member_experience_day', 'study_session'));`);
    this.addSql(`alter table "activity" add constraint "activity_status_check" check ("status" in ('planned', 'held', 'cancelled'));`);

    this.addSql(`alter table "attendance" add constraint "attendance_activity_id_foreign" foreign key ("activity_id") references "activity" ("id") on delete cascade;`);
    this.addSql(`alter table "attendance" add constraint "attendance_member_id_foreign" foreign key ("member_id") references "member" ("id") on delete cascade;`);
    this.addSql(`alter table "attendance" add constraint "attendance_hours" check (hours is null or (hours >= 0 and hours <= 24));`);
    this.addSql(`alter table "attendance" add constraint "attendance_role_check" check ("role" in ('attendee', 'organizer', 'lecturer', 'volunteer'));`);
    this.addSql(`alter table "attendance" add constraint "attendance_status_check" check ("status" in ('present', 'leave', 'absent', 'exempt'));`);

    this.addSql(`alter table "position" add constraint "position_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on delete cascade;`);
    this.addSql(`alter table "position" add constraint "position_member_id_foreign" foreign key ("member_id") references "member" ("id") on delete cascade;`);
    this.addSql(`alter table "position" add constraint "position_dates" check (end_on is null or end_on >= start_on);`);
    this.addSql(`alter table "position" add constraint "position_role_check" check ("role" in ('secretary', 'deputy_secretary', 'organization_member', 'publicity_member', 'discipline_member', 'group_leader', 'general_branch_secretary', 'committee_secretary'));`);

    this.addSql(`alter table "research_project" add constraint "research_project_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on delete restrict;`);
    this.addSql(`alter table "research_project" add constraint "research_project_level_check" check ("level" in ('national', 'provincial', 'municipal', 'county', 'sector', 'hospital'));`);
    this.addSql(`alter table "research_project" add constraint "research_project_status_check" check ("status" in ('approved', 'in_progress', 'completed', 'terminated'));`);

    this.addSql(`alter table "survey" add constraint "survey_hospital_id_foreign" foreign key ("hospital_id") references "hospital" ("id") on delete restrict;`);
    this.addSql(`alter table "survey" add constraint "survey_kind_check" check ("kind" in ('outpatient', 'inpatient', 'staff', 'community'));`);
    this.addSql(`alter table "survey" add constraint "survey_source_check" check ("source" in ('national_platform', 'internal', 'third_party'));`);
    this.addSql(`alter table "survey" add constraint "survey_cadence_check" check ("cadence" in ('weekly', 'monthly', 'quarterly', 'yearly', 'continuous'));`);
    this.addSql(`alter table "survey" add constraint "survey_scale_check" check ("scale" in ('percent_satisfied', 'score_0_100', 'likert_5'));`);

    this.addSql(`alter table "survey_response" add constraint "survey_response_survey_id_foreign" foreign key ("survey_id") references "survey" ("id") on delete cascade;`);
    this.addSql(`alter table "survey_response" add constraint "survey_response_department_id_foreign" foreign key ("department_id") references "department" ("id") on delete set null;`);
    this.addSql(`alter table "survey_response" add constraint "survey_response_scores" check (overall_score between 0 and 100 and (attitude_score is null or attitude_score between 0 and 100) and (environment_score is null or environment_score between 0 and 100) and (process_score is null or process_score between 0 and 100));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "organization" drop constraint "organization_parent_id_foreign";`);
    this.addSql(`alter table "hospital" drop constraint "hospital_committee_id_foreign";`);
    this.addSql(`alter table "department" drop constraint "department_branch_id_foreign";`);
    this.addSql(`alter table "member" drop constraint "member_organization_id_foreign";`);
    this.addSql(`alter table "member" drop constraint "member_party_group_id_foreign";`);
    this.addSql(`alter table "model_post" drop constraint "model_post_organization_id_foreign";`);
    this.addSql(`alter table "honor" drop constraint "honor_organization_id_foreign";`);
    this.addSql(`alter table "branch_department" drop constraint "branch_department_branch_id_foreign";`);
    this.addSql(`alter table "assessment" drop constraint "assessment_organization_id_foreign";`);
    this.addSql(`alter table "activity" drop constraint "activity_organization_id_foreign";`);
    this.addSql(`alter table "position" drop constraint "position_organization_id_foreign";`);
    this.addSql(`alter table "research_project" drop constraint "research_project_organization_id_foreign";`);
    this.addSql(`alter table "department" drop constraint "department_hospital_id_foreign";`);
    this.addSql(`alter table "member" drop constraint "member_hospital_id_foreign";`);
    this.addSql(`alter table "honor" drop constraint "honor_hospital_id_foreign";`);
    this.addSql(`alter table "survey" drop constraint "survey_hospital_id_foreign";`);
    this.addSql(`alter table "department" drop constraint "department_parent_id_foreign";`);
    this.addSql(`alter table "member" drop constraint "member_department_id_foreign";`);
    this.addSql(`alter table "model_post" drop constraint "model_post_department_id_foreign";`);
    this.addSql(`alter table "honor" drop constraint "honor_department_id_foreign";`);
    this.addSql(`alter table "ethics_event" drop constraint "ethics_event_department_id_foreign";`);
    this.addSql(`alter table "department_metric" drop constraint "department_metric_department_id_foreign";`);
    this.addSql(`alter table "branch_department" drop constraint "branch_department_department_id_foreign";`);
    this.addSql(`alter table "survey_response" drop constraint "survey_response_department_id_foreign";`);
    this.addSql(`alter table "model_post" drop constraint "model_post_member_id_foreign";`);
    this.addSql(`alter table "development_event" drop constraint "development_event_member_id_foreign";`);
    this.addSql(`alter table "development_event" drop constraint "development_event_introducer1_id_foreign";`);
    this.addSql(`alter table "development_event" drop constraint "development_event_introducer2_id_foreign";`);
    this.addSql(`alter table "honor" drop constraint "honor_member_id_foreign";`);
    this.addSql(`alter table "ethics_event" drop constraint "ethics_event_member_id_foreign";`);
    this.addSql(`alter table "assessment" drop constraint "assessment_member_id_foreign";`);
    this.addSql(`alter table "activity" drop constraint "activity_lecturer_id_foreign";`);
    this.addSql(`alter table "attendance" drop constraint "attendance_member_id_foreign";`);
    this.addSql(`alter table "position" drop constraint "position_member_id_foreign";`);
    this.addSql(`alter table "attendance" drop constraint "attendance_activity_id_foreign";`);
    this.addSql(`alter table "survey_response" drop constraint "survey_response_survey_id_foreign";`);

    this.addSql(`drop table if exists "organization" cascade;`);
    this.addSql(`drop table if exists "hospital" cascade;`);
    this.addSql(`drop table if exists "department" cascade;`);
    this.addSql(`drop table if exists "member" cascade;`);
    this.addSql(`drop table if exists "model_post" cascade;`);
    this.addSql(`drop table if exists "development_event" cascade;`);
    this.addSql(`drop table if exists "honor" cascade;`);
    this.addSql(`drop table if exists "ethics_event" cascade;`);
    this.addSql(`drop table if exists "department_metric" cascade;`);
    this.addSql(`drop table if exists "branch_department" cascade;`);
    this.addSql(`drop table if exists "assessment" cascade;`);
    this.addSql(`drop table if exists "activity" cascade;`);
    this.addSql(`drop table if exists "attendance" cascade;`);
    this.addSql(`drop table if exists "position" cascade;`);
    this.addSql(`drop table if exists "research_project" cascade;`);
    this.addSql(`drop table if exists "survey" cascade;`);
    this.addSql(`drop table if exists "survey_response" cascade;`);
  }

}
