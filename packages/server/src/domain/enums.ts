/**
 * Domain enums, each registered with type-graphql once, with the Chinese term users know and an
 * English gloss. GraphQL names are UPPER_SNAKE_CASE (as the GraphQL specification recommends); the
 * values behind them are the identifiers stored in PostgreSQL (text + CHECK constraint), so the
 * mapping happens at the GraphQL boundary and nowhere else.
 *
 * Ordering by an enum (`orderBy`) follows its declared order, never the stored text. Ranked enums
 * (grades, levels, titles, education) are declared highest first and sort from lowest to highest
 * ascending, so `DESC` puts the highest first.
 */
import { BRANCH_KINDS } from '@party-hub/schema/indicators';
import { registerBilingualEnum as register } from './bilingual-enum.js';

export { enumInfo, type EnumInfo } from './bilingual-enum.js';

export enum OrgKind {
  UPPER_BODY = 'upper_body',
  COMMITTEE = 'committee',
  GENERAL_BRANCH = 'general_branch',
  BRANCH = 'branch',
  JOINT_BRANCH = 'joint_branch',
  PARTY_GROUP = 'party_group',
}
register(OrgKind, 'OrgKind', '党组织类型 / Kind of Party organisation', {
  UPPER_BODY: '上级党组织（工委/党组） / Upper body',
  COMMITTEE: '党委 / Party committee',
  GENERAL_BRANCH: '党总支 / General branch',
  BRANCH:
    '党支部（统计“支部”时与联合党支部合计：kind in [BRANCH, JOINT_BRANCH]） / Branch (wherever branches are counted, joint branches count too: kind in [BRANCH, JOINT_BRANCH])',
  JOINT_BRANCH: '联合党支部（几个科室合建；计入支部数） / Joint branch (several departments together; counts as a branch)',
  PARTY_GROUP: '党小组 / Party group',
});

/** The stored kinds that count as a branch (the catalog's BRANCH_KINDS). */
export const BRANCH_KIND_VALUES: readonly OrgKind[] = BRANCH_KINDS.map((k) => OrgKind[k]);

export enum OrgCategory {
  CLINICAL = 'clinical',
  MEDTECH = 'medtech',
  NURSING = 'nursing',
  ADMIN = 'admin',
  LOGISTICS = 'logistics',
  RETIRED = 'retired',
  TRAINEE = 'trainee',
  MIXED = 'mixed',
}
register(OrgCategory, 'OrgCategory', '党组织类别 / Category of the organisation', {
  CLINICAL: '临床 / Clinical',
  MEDTECH: '医技 / Medical technology',
  NURSING: '护理 / Nursing',
  ADMIN: '行政 / Administration',
  LOGISTICS: '后勤 / Logistics',
  RETIRED: '离退休 / Retired',
  TRAINEE: '学生/规培 / Trainees',
  MIXED: '混合 / Mixed',
});

export enum HospitalLevel {
  TERTIARY_A = 'tertiary_a',
  TERTIARY_B = 'tertiary_b',
  SECONDARY_A = 'secondary_a',
  SECONDARY_B = 'secondary_b',
  OTHER = 'other',
}
register(
  HospitalLevel,
  'HospitalLevel',
  '医院等级 / Hospital grade',
  {
    TERTIARY_A: '三级甲等 / Tertiary A',
    TERTIARY_B: '三级乙等 / Tertiary B',
    SECONDARY_A: '二级甲等 / Secondary A',
    SECONDARY_B: '二级乙等 / Secondary B',
    OTHER: '其他 / Other',
  },
  { ranked: true },
);

export enum DepartmentType {
  CLINICAL = 'clinical',
  MEDTECH = 'medtech',
  NURSING_UNIT = 'nursing_unit',
  ADMIN = 'admin',
  LOGISTICS = 'logistics',
  RESEARCH = 'research',
}
register(DepartmentType, 'DepartmentType', '科室类型 / Department type', {
  CLINICAL: '临床科室 / Clinical',
  MEDTECH: '医技科室 / Medical technology',
  NURSING_UNIT: '护理单元 / Nursing unit',
  ADMIN: '职能科室 / Administration',
  LOGISTICS: '后勤 / Logistics',
  RESEARCH: '科研 / Research',
});

export enum Gender {
  MALE = 'male',
  FEMALE = 'female',
}
register(Gender, 'Gender', '性别 / Gender', { MALE: '男 / Male', FEMALE: '女 / Female' });

export enum Education {
  DOCTORATE = 'doctorate',
  MASTER = 'master',
  BACHELOR = 'bachelor',
  COLLEGE = 'college',
  OTHER = 'other',
}
register(
  Education,
  'Education',
  '学历 / Education',
  {
    DOCTORATE: '博士研究生 / Doctorate',
    MASTER: '硕士研究生 / Master',
    BACHELOR: '大学本科 / Bachelor',
    COLLEGE: '大专 / College',
    OTHER: '其他 / Other',
  },
  { ranked: true },
);

export enum ProfessionalTitle {
  SENIOR_FULL = 'senior_full',
  SENIOR_ASSOCIATE = 'senior_associate',
  INTERMEDIATE = 'intermediate',
  JUNIOR = 'junior',
  NONE = 'none',
}
register(
  ProfessionalTitle,
  'ProfessionalTitle',
  '专业技术职称 / Professional title',
  {
    SENIOR_FULL: '正高级 / Full senior',
    SENIOR_ASSOCIATE: '副高级 / Associate senior',
    INTERMEDIATE: '中级 / Intermediate',
    JUNIOR: '初级 / Junior',
    NONE: '无 / None',
  },
  { ranked: true },
);

export enum StaffCategory {
  PHYSICIAN = 'physician',
  NURSE = 'nurse',
  TECHNICIAN = 'technician',
  PHARMACIST = 'pharmacist',
  ADMIN = 'admin',
  LOGISTICS = 'logistics',
  RESEARCHER = 'researcher',
}
register(StaffCategory, 'StaffCategory', '人员类别 / Staff category', {
  PHYSICIAN: '医师 / Physician',
  NURSE: '护士 / Nurse',
  TECHNICIAN: '技师 / Technician',
  PHARMACIST: '药师 / Pharmacist',
  ADMIN: '管理人员 / Administrator',
  LOGISTICS: '工勤 / Logistics',
  RESEARCHER: '科研人员 / Researcher',
});

export enum PoliticalStatus {
  MASSES = 'masses',
  APPLICANT = 'applicant',
  ACTIVIST = 'activist',
  DEVELOPMENT_TARGET = 'development_target',
  ADMISSION_PENDING = 'admission_pending',
  PROBATIONARY = 'probationary',
  FULL_MEMBER = 'full_member',
}
register(PoliticalStatus, 'PoliticalStatus', '政治面貌/发展阶段 / Political status and development stage', {
  MASSES: '群众 / Non-member',
  APPLICANT: '入党申请人 / Applicant',
  ACTIVIST: '入党积极分子 / Activist',
  DEVELOPMENT_TARGET: '发展对象 / Development target',
  ADMISSION_PENDING:
    '支部大会已通过接收、待上级党委审批（尚非党员；预备期自支部大会通过之日起算） / Voted in by the branch meeting, awaiting the committee’s approval (not yet a member; probation counts from the vote)',
  PROBATIONARY: '预备党员（上级党委已审批） / Probationary member (approved by the committee)',
  FULL_MEMBER:
    '正式党员（统计党员人数时另须组织关系在册：membershipStatus = ACTIVE） / Full member (to count members, also require membershipStatus ACTIVE)',
});

export enum MembershipStatus {
  ACTIVE = 'active',
  TRANSFERRED_OUT = 'transferred_out',
  OUTFLOW = 'outflow',
  ABROAD = 'abroad',
  REMOVED = 'removed',
  DECEASED = 'deceased',
}
register(MembershipStatus, 'MembershipStatus', '党籍状态 / Membership status', {
  ACTIVE: '在册（指标中的“党员”均指在册的正式和预备党员） / Active (the indicators’ “members” are active full and probationary members)',
  TRANSFERRED_OUT: '已转出 / Transferred out',
  OUTFLOW: '流动党员 / Outflow',
  ABROAD: '出国（境） / Abroad',
  REMOVED: '已除名/出党 / Removed',
  DECEASED: '已故 / Deceased',
});

/** How a stint in an organisation (membership) began. */
export enum MembershipKind {
  RECORDED = 'recorded',
  TRANSFERRED_IN = 'transferred_in',
}
register(MembershipKind, 'MembershipKind', '组织关系记录的来由 / How a stint in an organisation began', {
  RECORDED: '在册记录（起始日期不详：自入党起） / As recorded (no start date: from joining)',
  TRANSFERRED_IN: '组织关系转入 / Transferred in',
});

export enum DevelopmentStage {
  APPLICATION_SUBMITTED = 'application_submitted',
  ACTIVIST_CONFIRMED = 'activist_confirmed',
  ACTIVIST_REVIEW = 'activist_review',
  TARGET_CONFIRMED = 'target_confirmed',
  POLITICAL_REVIEW = 'political_review',
  TRAINING_COMPLETED = 'training_completed',
  PUBLIC_NOTICE = 'public_notice',
  BRANCH_VOTE_ADMIT = 'branch_vote_admit',
  COMMITTEE_APPROVED = 'committee_approved',
  OATH_TAKEN = 'oath_taken',
  CONVERSION_REQUESTED = 'conversion_requested',
  BRANCH_VOTE_CONVERT = 'branch_vote_convert',
  CONVERSION_APPROVED = 'conversion_approved',
  PROBATION_EXTENDED = 'probation_extended',
  PROBATION_CANCELLED = 'probation_cancelled',
  WITHDRAWN = 'withdrawn',
}
register(DevelopmentStage, 'DevelopmentStage', '发展党员环节 / Step of the member development procedure', {
  APPLICATION_SUBMITTED: '递交入党申请书 / Application submitted',
  ACTIVIST_CONFIRMED: '确定为入党积极分子 / Confirmed as activist',
  ACTIVIST_REVIEW: '积极分子半年考察 / Six-monthly activist review',
  TARGET_CONFIRMED: '确定为发展对象 / Confirmed as development target',
  POLITICAL_REVIEW: '政治审查 / Political review',
  TRAINING_COMPLETED: '集中培训结业 / Concentrated training completed',
  PUBLIC_NOTICE: '发展公示 / Public notice',
  BRANCH_VOTE_ADMIT: '支部大会讨论接收 / Branch vote to admit',
  COMMITTEE_APPROVED: '上级党委审批 / Approved by the upper committee',
  OATH_TAKEN: '入党宣誓 / Oath taken',
  CONVERSION_REQUESTED: '提出转正申请 / Conversion requested',
  BRANCH_VOTE_CONVERT: '支部大会讨论转正 / Branch vote to convert',
  CONVERSION_APPROVED: '转正审批 / Conversion approved',
  PROBATION_EXTENDED: '延长预备期 / Probation extended',
  PROBATION_CANCELLED: '取消预备党员资格 / Probation cancelled',
  WITHDRAWN: '撤回/终止 / Withdrawn',
});

export enum DevelopmentSpanKind {
  APPLICANT = 'applicant',
  ACTIVIST = 'activist',
  TARGET = 'target',
  PROBATION = 'probation',
}
register(
  DevelopmentSpanKind,
  'DevelopmentSpanKind',
  '发展党员的一段时间（从一个环节到下一个） / A stretch of the development procedure (from one step to the next)',
  {
    APPLICANT: '申请→积极分子（递交申请至确定为积极分子） / Application → activist',
    ACTIVIST: '积极分子培养期（确定为积极分子至确定为发展对象） / Activist training',
    TARGET: '发展对象→接收（确定为发展对象至支部大会讨论接收） / Target → admission',
    PROBATION: '预备期（支部大会讨论接收至讨论转正） / Probation',
  },
);

export enum PositionRole {
  SECRETARY = 'secretary',
  DEPUTY_SECRETARY = 'deputy_secretary',
  ORGANIZATION_MEMBER = 'organization_member',
  PUBLICITY_MEMBER = 'publicity_member',
  DISCIPLINE_MEMBER = 'discipline_member',
  GROUP_LEADER = 'group_leader',
  GENERAL_BRANCH_SECRETARY = 'general_branch_secretary',
  COMMITTEE_SECRETARY = 'committee_secretary',
}
register(PositionRole, 'PositionRole', '党内职务 / Party position', {
  SECRETARY: '支部书记 / Branch secretary',
  DEPUTY_SECRETARY: '副书记 / Deputy secretary',
  ORGANIZATION_MEMBER: '组织委员 / Organisation member',
  PUBLICITY_MEMBER: '宣传委员 / Publicity member',
  DISCIPLINE_MEMBER: '纪检委员 / Discipline member',
  GROUP_LEADER: '党小组长 / Group leader',
  GENERAL_BRANCH_SECRETARY: '党总支书记 / General-branch secretary',
  COMMITTEE_SECRETARY: '党委书记 / Committee secretary',
});

export enum ActivityType {
  BRANCH_GENERAL_MEETING = 'branch_general_meeting',
  BRANCH_COMMITTEE_MEETING = 'branch_committee_meeting',
  GROUP_MEETING = 'group_meeting',
  PARTY_LECTURE = 'party_lecture',
  THEME_PARTY_DAY = 'theme_party_day',
  ORG_LIFE_MEETING = 'org_life_meeting',
  DUAL_ORG_LIFE_MEETING = 'dual_org_life_meeting',
  DEMOCRATIC_REVIEW = 'democratic_review',
  CENTRAL_GROUP_STUDY = 'central_group_study',
  POLITICAL_BIRTHDAY = 'political_birthday',
  HEART_TO_HEART_TALK = 'heart_to_heart_talk',
  ELECTION = 'election',
  VOLUNTEER_SERVICE = 'volunteer_service',
  FREE_CLINIC = 'free_clinic',
  HEALTH_LECTURE = 'health_lecture',
  HEALTH_CHECKUP = 'health_checkup',
  HOME_VISIT = 'home_visit',
  FIRST_AID_TRAINING = 'first_aid_training',
  BLOOD_DONATION = 'blood_donation',
  CO_BUILDING = 'co_building',
  PAIRED_ASSISTANCE = 'paired_assistance',
  POVERTY_RELIEF = 'poverty_relief',
  EPIDEMIC_RESPONSE = 'epidemic_response',
  RED_EDUCATION = 'red_education',
  INTEGRITY_EDUCATION = 'integrity_education',
  PUBLICITY_TALK = 'publicity_talk',
  QUIZ = 'quiz',
  SKILLS_CONTEST = 'skills_contest',
  MEMBER_EXPERIENCE_DAY = 'member_experience_day',
  STUDY_SESSION = 'study_session',
}
register(ActivityType, 'ActivityType', '活动类型 / Activity type', {
  BRANCH_GENERAL_MEETING: '支部党员大会（三会一课） / Branch general meeting',
  BRANCH_COMMITTEE_MEETING: '支委会（三会一课） / Branch committee meeting',
  GROUP_MEETING: '党小组会（三会一课） / Party group meeting',
  PARTY_LECTURE: '党课（三会一课） / Party lecture',
  THEME_PARTY_DAY: '主题党日 / Theme party day',
  ORG_LIFE_MEETING: '组织生活会 / Organisational life meeting',
  DUAL_ORG_LIFE_MEETING:
    '双重组织生活会（领导干部参加所在支部的组织生活会） / Dual organisational life meeting (leaders at their own branch’s)',
  DEMOCRATIC_REVIEW: '民主评议党员 / Democratic review',
  CENTRAL_GROUP_STUDY: '理论学习中心组学习 / Central group study',
  POLITICAL_BIRTHDAY: '政治生日 / Political birthday',
  HEART_TO_HEART_TALK: '谈心谈话 / Heart-to-heart talk',
  ELECTION: '换届选举 / Election',
  VOLUNTEER_SERVICE: '志愿服务 / Volunteer service',
  FREE_CLINIC: '义诊 / Free clinic',
  HEALTH_LECTURE: '健康讲座 / Health lecture',
  HEALTH_CHECKUP: '免费体检 / Free health check-up',
  HOME_VISIT: '入户服务 / Home visit',
  FIRST_AID_TRAINING: '急救培训 / First-aid training',
  BLOOD_DONATION: '无偿献血 / Blood donation',
  CO_BUILDING: '共驻共建 / Co-building',
  PAIRED_ASSISTANCE: '对口帮扶 / Paired assistance',
  POVERTY_RELIEF: '扶贫慰问 / Poverty relief',
  EPIDEMIC_RESPONSE: '抗疫 / Epidemic response',
  RED_EDUCATION: '红色教育 / Red education',
  INTEGRITY_EDUCATION: '廉政教育 / Integrity education',
  PUBLICITY_TALK: '宣讲 / Publicity talk',
  QUIZ: '知识竞赛 / Quiz',
  SKILLS_CONTEST: '技能大赛 / Skills contest',
  MEMBER_EXPERIENCE_DAY: '党员体验日 / Member experience day',
  STUDY_SESSION: '集中学习 / Study session',
});

export enum ActivityStatus {
  PLANNED = 'planned',
  HELD = 'held',
  CANCELLED = 'cancelled',
}
register(ActivityStatus, 'ActivityStatus', '活动状态 / Activity status', {
  PLANNED: '计划中 / Planned',
  HELD: '已开展 / Held',
  CANCELLED: '已取消 / Cancelled',
});

export enum AttendanceRole {
  ATTENDEE = 'attendee',
  ORGANIZER = 'organizer',
  LECTURER = 'lecturer',
  VOLUNTEER = 'volunteer',
}
register(AttendanceRole, 'AttendanceRole', '参与角色 / Role in the activity', {
  ATTENDEE: '参加 / Attendee',
  ORGANIZER: '组织者 / Organiser',
  LECTURER: '主讲 / Lecturer',
  VOLUNTEER: '志愿者 / Volunteer',
});

export enum AttendanceStatus {
  PRESENT = 'present',
  LEAVE = 'leave',
  ABSENT = 'absent',
  EXEMPT = 'exempt',
}
register(AttendanceStatus, 'AttendanceStatus', '出勤状态 / Attendance status', {
  PRESENT: '出席 / Present',
  LEAVE: '请假 / On leave',
  ABSENT: '缺席 / Absent',
  EXEMPT: '免于参加 / Exempt',
});

export enum SurveyKind {
  OUTPATIENT = 'outpatient',
  INPATIENT = 'inpatient',
  STAFF = 'staff',
  COMMUNITY = 'community',
}
register(SurveyKind, 'SurveyKind', '满意度调查对象 / Who is surveyed', {
  OUTPATIENT: '门诊患者 / Outpatients',
  INPATIENT: '住院患者 / Inpatients',
  STAFF: '医务人员 / Staff',
  COMMUNITY: '社区群众 / Community',
});

export enum SurveySource {
  NATIONAL_PLATFORM = 'national_platform',
  INTERNAL = 'internal',
  THIRD_PARTY = 'third_party',
}
register(SurveySource, 'SurveySource', '调查来源 / Survey source', {
  NATIONAL_PLATFORM: '国家满意度调查平台 / National platform',
  INTERNAL: '院内调查 / Internal',
  THIRD_PARTY: '第三方 / Third party',
});

export enum SurveyCadence {
  WEEKLY = 'weekly',
  MONTHLY = 'monthly',
  QUARTERLY = 'quarterly',
  YEARLY = 'yearly',
  CONTINUOUS = 'continuous',
}
register(SurveyCadence, 'SurveyCadence', '调查频次 / Cadence', {
  WEEKLY: '每周 / Weekly',
  MONTHLY: '每月 / Monthly',
  QUARTERLY: '每季度 / Quarterly',
  YEARLY: '每年 / Yearly',
  CONTINUOUS: '持续 / Continuous',
});

export enum SurveyScale {
  PERCENT_SATISFIED = 'percent_satisfied',
  SCORE_0_100 = 'score_0_100',
  LIKERT_5 = 'likert_5',
}
register(SurveyScale, 'SurveyScale', '计分方式（不同量表不得混算） / Scale (never mixed in one number)', {
  PERCENT_SATISFIED: '满意率 / Percent satisfied',
  SCORE_0_100: '百分制得分 / Score 0–100',
  LIKERT_5: '五级量表 / Likert 1–5',
});

export enum RecipientType {
  PERSON = 'person',
  BRANCH = 'branch',
  GENERAL_BRANCH = 'general_branch',
  COMMITTEE = 'committee',
  HOSPITAL = 'hospital',
  DEPARTMENT = 'department',
  TEAM = 'team',
}
register(RecipientType, 'RecipientType', '荣誉获得者类型 / Recipient type', {
  PERSON: '个人 / Person',
  BRANCH: '党支部 / Branch',
  GENERAL_BRANCH: '党总支 / General branch',
  COMMITTEE: '党委 / Committee',
  HOSPITAL: '医院 / Hospital',
  DEPARTMENT: '科室 / Department',
  TEAM: '团队 / Team',
});

export enum HonorCategory {
  PARTY = 'party',
  ADMINISTRATIVE = 'administrative',
  UNION_LEAGUE = 'union_league',
  CIVILIZATION = 'civilization',
  RESEARCH = 'research',
}
register(HonorCategory, 'HonorCategory', '荣誉类别 / Honor category', {
  PARTY: '党内表彰 / Party',
  ADMINISTRATIVE: '行政表彰 / Administrative',
  UNION_LEAGUE: '工会/共青团 / Union or league',
  CIVILIZATION: '文明创建 / Civilisation',
  RESEARCH: '科研 / Research',
});

export enum HonorLevel {
  NATIONAL = 'national',
  PROVINCIAL = 'provincial',
  MUNICIPAL = 'municipal',
  COUNTY = 'county',
  SECTOR = 'sector',
  HOSPITAL = 'hospital',
  UNSPECIFIED = 'unspecified',
}
register(
  HonorLevel,
  'HonorLevel',
  '级别 / Level',
  {
    NATIONAL: '国家级 / National',
    PROVINCIAL: '省级 / Provincial',
    MUNICIPAL: '市级 / Municipal',
    COUNTY: '县区级 / County',
    SECTOR: '系统/行业级 / Sector',
    HOSPITAL: '院级 / Hospital',
    UNSPECIFIED: '级别未注明（报告未写明级别） / Level not stated',
  },
  { ranked: true },
);

export enum HonorIssuerKind {
  PARTY = 'party',
  GOVERNMENT = 'government',
  HEALTH_AUTHORITY = 'health_authority',
  UNIVERSITY = 'university',
  SECTOR_BODY = 'sector_body',
  UNION_LEAGUE = 'union_league',
  HOSPITAL = 'hospital',
  OTHER = 'other',
}
register(HonorIssuerKind, 'HonorIssuerKind', '授予单位类型 / Kind of issuer', {
  PARTY: '党委、党组织部门 / Party committee or department',
  GOVERNMENT: '人民政府 / Government',
  HEALTH_AUTHORITY: '卫生健康行政部门 / Health authority',
  UNIVERSITY: '高等院校（附属医院的大学） / University (an affiliated hospital’s)',
  SECTOR_BODY: '行业学会、协会 / Sector body (society, association)',
  UNION_LEAGUE: '工会、共青团、妇联 / Union, league, women’s federation',
  HOSPITAL: '医院自身 / The hospital itself',
  OTHER: '其他 / Other',
});

export enum ModelPostType {
  MODEL_POST = 'model_post',
  VANGUARD_POST = 'vanguard_post',
  SERVICE_DESK = 'service_desk',
  COMMANDO_TEAM = 'commando_team',
  RESPONSIBILITY_AREA = 'responsibility_area',
  SERVICE_MODEL = 'service_model',
}
register(ModelPostType, 'ModelPostType', '示范岗类型 / Model post type', {
  MODEL_POST: '党员示范岗 / Model post',
  VANGUARD_POST: '党员先锋岗 / Vanguard post',
  SERVICE_DESK: '党员服务台 / Service desk',
  COMMANDO_TEAM: '党员突击队 / Commando team',
  RESPONSIBILITY_AREA: '党员责任区 / Responsibility area',
  SERVICE_MODEL: '服务群众标兵 / Model in serving the public',
});

export enum EthicsEventType {
  BANNER = 'banner',
  THANK_LETTER = 'thank_letter',
  REFUSED_RED_ENVELOPE = 'refused_red_envelope',
  COMPLAINT = 'complaint',
  DISPUTE = 'dispute',
}
register(EthicsEventType, 'EthicsEventType', '医德医风事件类型 / Medical-ethics event type', {
  BANNER: '锦旗 / Banner',
  THANK_LETTER: '感谢信 / Thank-you letter',
  REFUSED_RED_ENVELOPE: '拒收红包 / Refused red envelope',
  COMPLAINT: '投诉 / Complaint',
  DISPUTE: '医疗纠纷 / Dispute',
});

export enum MetricCode {
  STAFF_COUNT = 'staff_count',
  SENIOR_TITLE_STAFF = 'senior_title_staff',
  OUTPATIENT_VISITS = 'outpatient_visits',
  DISCHARGES = 'discharges',
  SURGERIES = 'surgeries',
  RESEARCH_GRANTS = 'research_grants',
  PAPERS = 'papers',
  NEW_TECHNIQUES = 'new_techniques',
  COMPLAINTS = 'complaints',
}
register(MetricCode, 'MetricCode', '业务指标代码 / Business metric code', {
  STAFF_COUNT: '在职职工数 / Staff in service',
  SENIOR_TITLE_STAFF: '高级职称人数 / Staff with senior titles',
  OUTPATIENT_VISITS: '门急诊人次 / Outpatient visits',
  DISCHARGES: '出院人次 / Discharges',
  SURGERIES: '手术台次 / Surgeries',
  RESEARCH_GRANTS: '科研立项数 / Research grants',
  PAPERS: '论文数 / Papers',
  NEW_TECHNIQUES: '新技术新项目 / New techniques',
  COMPLAINTS: '投诉件数 / Complaints',
});

export enum ProjectStatus {
  APPROVED = 'approved',
  IN_PROGRESS = 'in_progress',
  COMPLETED = 'completed',
  TERMINATED = 'terminated',
}
register(ProjectStatus, 'ProjectStatus', '课题状态 / Project status', {
  APPROVED: '已立项 / Approved',
  IN_PROGRESS: '在研 / In progress',
  COMPLETED: '已结题 / Completed',
  TERMINATED: '已终止 / Terminated',
});

export enum AssessmentSubject {
  MEMBER = 'member',
  BRANCH = 'branch',
  BRANCH_SECRETARY = 'branch_secretary',
  GENERAL_BRANCH_SECRETARY = 'general_branch_secretary',
}
register(AssessmentSubject, 'AssessmentSubject', '考核对象 / Who is assessed', {
  MEMBER: '党员 / Member',
  BRANCH: '党支部 / Branch',
  BRANCH_SECRETARY: '支部书记 / Branch secretary',
  GENERAL_BRANCH_SECRETARY: '党总支书记 / General-branch secretary',
});

export enum AssessmentGrade {
  EXCELLENT = 'excellent',
  GOOD = 'good',
  FAIR = 'fair',
  POOR = 'poor',
}
register(
  AssessmentGrade,
  'AssessmentGrade',
  '考核等次 / Grade',
  {
    EXCELLENT: '优秀 / Excellent',
    GOOD: '良好 / Good',
    FAIR: '一般 / Fair',
    POOR: '较差 / Poor',
  },
  { ranked: true },
);

/** An account's role (modules/account). Stored only, for now: what each may read and write comes with access control. */
export enum AccountRole {
  COMMITTEE = 'committee',
  SECRETARY = 'secretary',
  ANALYST = 'analyst',
  ADMIN = 'admin',
}
register(AccountRole, 'AccountRole', '账号角色 / Account role', {
  COMMITTEE: '党委（党办） / Party committee (its office)',
  SECRETARY: '支部书记 / Branch secretary',
  ANALYST: '分析人员 / Analyst',
  ADMIN: '系统管理员 / System administrator',
});
