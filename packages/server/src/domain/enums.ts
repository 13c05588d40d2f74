/**
 * Domain enums, each registered with type-graphql once, with the Chinese term users know and an
 * English gloss. Values are the identifiers stored in PostgreSQL (text + CHECK constraint).
 */
import { registerEnumType } from 'type-graphql';

type Labels<E extends Record<string, string>> = { [K in keyof E]: string };

function register<E extends Record<string, string>>(e: E, name: string, description: string, labels: Labels<E>): E {
  const valuesConfig = Object.fromEntries(Object.keys(e).map((k) => [k, { description: labels[k as keyof E] }]));
  registerEnumType(e, { name, description, valuesConfig: valuesConfig as never });
  return e;
}

export enum OrgKind {
  upper_body = 'upper_body',
  committee = 'committee',
  general_branch = 'general_branch',
  branch = 'branch',
  joint_branch = 'joint_branch',
  party_group = 'party_group',
}
register(OrgKind, 'OrgKind', '党组织类型 / Kind of Party organisation', {
  upper_body: '上级党组织（工委/党组） / Upper body',
  committee: '党委 / Party committee',
  general_branch: '党总支 / General branch',
  branch: '党支部 / Branch',
  joint_branch: '联合党支部 / Joint branch',
  party_group: '党小组 / Party group',
});

export enum OrgCategory {
  clinical = 'clinical',
  medtech = 'medtech',
  nursing = 'nursing',
  admin = 'admin',
  logistics = 'logistics',
  retired = 'retired',
  trainee = 'trainee',
  mixed = 'mixed',
}
register(OrgCategory, 'OrgCategory', '党组织类别 / Category of the organisation', {
  clinical: '临床 / Clinical',
  medtech: '医技 / Medical technology',
  nursing: '护理 / Nursing',
  admin: '行政 / Administration',
  logistics: '后勤 / Logistics',
  retired: '离退休 / Retired',
  trainee: '学生/规培 / Trainees',
  mixed: '混合 / Mixed',
});

export enum HospitalLevel {
  tertiary_a = 'tertiary_a',
  tertiary_b = 'tertiary_b',
  secondary_a = 'secondary_a',
  secondary_b = 'secondary_b',
  other = 'other',
}
register(HospitalLevel, 'HospitalLevel', '医院等级 / Hospital grade', {
  tertiary_a: '三级甲等 / Tertiary A',
  tertiary_b: '三级乙等 / Tertiary B',
  secondary_a: '二级甲等 / Secondary A',
  secondary_b: '二级乙等 / Secondary B',
  other: '其他 / Other',
});

export enum DepartmentType {
  clinical = 'clinical',
  medtech = 'medtech',
  nursing_unit = 'nursing_unit',
  admin = 'admin',
  logistics = 'logistics',
  research = 'research',
}
register(DepartmentType, 'DepartmentType', '科室类型 / Department type', {
  clinical: '临床科室 / Clinical',
  medtech: '医技科室 / Medical technology',
  nursing_unit: '护理单元 / Nursing unit',
  admin: '职能科室 / Administration',
  logistics: '后勤 / Logistics',
  research: '科研 / Research',
});

export enum Gender {
  male = 'male',
  female = 'female',
}
register(Gender, 'Gender', '性别 / Gender', { male: '男 / Male', female: '女 / Female' });

export enum Education {
  doctorate = 'doctorate',
  master = 'master',
  bachelor = 'bachelor',
  college = 'college',
  other = 'other',
}
register(Education, 'Education', '学历 / Education', {
  doctorate: '博士研究生 / Doctorate',
  master: '硕士研究生 / Master',
  bachelor: '大学本科 / Bachelor',
  college: '大专 / College',
  other: '其他 / Other',
});

export enum ProfessionalTitle {
  senior_full = 'senior_full',
  senior_associate = 'senior_associate',
  intermediate = 'intermediate',
  junior = 'junior',
  none = 'none',
}
register(ProfessionalTitle, 'ProfessionalTitle', '专业技术职称 / Professional title', {
  senior_full: '正高级 / Full senior',
  senior_associate: '副高级 / Associate senior',
  intermediate: '中级 / Intermediate',
  junior: '初级 / Junior',
  none: '无 / None',
});

export enum StaffCategory {
  physician = 'physician',
  nurse = 'nurse',
  technician = 'technician',
  pharmacist = 'pharmacist',
  admin = 'admin',
  logistics = 'logistics',
  researcher = 'researcher',
}
register(StaffCategory, 'StaffCategory', '人员类别 / Staff category', {
  physician: '医师 / Physician',
  nurse: '护士 / Nurse',
  technician: '技师 / Technician',
  pharmacist: '药师 / Pharmacist',
  admin: '管理人员 / Administrator',
  logistics: '工勤 / Logistics',
  researcher: '科研人员 / Researcher',
});

export enum PoliticalStatus {
  masses = 'masses',
  applicant = 'applicant',
  activist = 'activist',
  development_target = 'development_target',
  probationary = 'probationary',
  full_member = 'full_member',
}
register(PoliticalStatus, 'PoliticalStatus', '政治面貌/发展阶段 / Political status and development stage', {
  masses: '群众 / Non-member',
  applicant: '入党申请人 / Applicant',
  activist: '入党积极分子 / Activist',
  development_target: '发展对象 / Development target',
  probationary: '预备党员 / Probationary member',
  full_member: '正式党员 / Full member',
});

export enum MembershipStatus {
  active = 'active',
  transferred_out = 'transferred_out',
  outflow = 'outflow',
  abroad = 'abroad',
  removed = 'removed',
  deceased = 'deceased',
}
register(MembershipStatus, 'MembershipStatus', '党籍状态 / Membership status', {
  active: '在册 / Active',
  transferred_out: '已转出 / Transferred out',
  outflow: '流动党员 / Outflow',
  abroad: '出国（境） / Abroad',
  removed: '已除名/出党 / Removed',
  deceased: '已故 / Deceased',
});

export enum DevelopmentStage {
  application_submitted = 'application_submitted',
  activist_confirmed = 'activist_confirmed',
  activist_review = 'activist_review',
  target_confirmed = 'target_confirmed',
  political_review = 'political_review',
  training_completed = 'training_completed',
  public_notice = 'public_notice',
  branch_vote_admit = 'branch_vote_admit',
  committee_approved = 'committee_approved',
  oath_taken = 'oath_taken',
  conversion_requested = 'conversion_requested',
  branch_vote_convert = 'branch_vote_convert',
  conversion_approved = 'conversion_approved',
  probation_extended = 'probation_extended',
  probation_cancelled = 'probation_cancelled',
  withdrawn = 'withdrawn',
}
register(DevelopmentStage, 'DevelopmentStage', '发展党员环节 / Step of the member development procedure', {
  application_submitted: '递交入党申请书 / Application submitted',
  activist_confirmed: '确定为入党积极分子 / Confirmed as activist',
  activist_review: '积极分子半年考察 / Six-monthly activist review',
  target_confirmed: '确定为发展对象 / Confirmed as development target',
  political_review: '政治审查 / Political review',
  training_completed: '集中培训结业 / Concentrated training completed',
  public_notice: '发展公示 / Public notice',
  branch_vote_admit: '支部大会讨论接收 / Branch vote to admit',
  committee_approved: '上级党委审批 / Approved by the upper committee',
  oath_taken: '入党宣誓 / Oath taken',
  conversion_requested: '提出转正申请 / Conversion requested',
  branch_vote_convert: '支部大会讨论转正 / Branch vote to convert',
  conversion_approved: '转正审批 / Conversion approved',
  probation_extended: '延长预备期 / Probation extended',
  probation_cancelled: '取消预备党员资格 / Probation cancelled',
  withdrawn: '撤回/终止 / Withdrawn',
});

export enum PositionRole {
  secretary = 'secretary',
  deputy_secretary = 'deputy_secretary',
  organization_member = 'organization_member',
  publicity_member = 'publicity_member',
  discipline_member = 'discipline_member',
  group_leader = 'group_leader',
  general_branch_secretary = 'general_branch_secretary',
  committee_secretary = 'committee_secretary',
}
register(PositionRole, 'PositionRole', '党内职务 / Party position', {
  secretary: '支部书记 / Branch secretary',
  deputy_secretary: '副书记 / Deputy secretary',
  organization_member: '组织委员 / Organisation member',
  publicity_member: '宣传委员 / Publicity member',
  discipline_member: '纪检委员 / Discipline member',
  group_leader: '党小组长 / Group leader',
  general_branch_secretary: '党总支书记 / General-branch secretary',
  committee_secretary: '党委书记 / Committee secretary',
});

export enum ActivityType {
  branch_general_meeting = 'branch_general_meeting',
  branch_committee_meeting = 'branch_committee_meeting',
  group_meeting = 'group_meeting',
  party_lecture = 'party_lecture',
  theme_party_day = 'theme_party_day',
  org_life_meeting = 'org_life_meeting',
  democratic_review = 'democratic_review',
  central_group_study = 'central_group_study',
  political_birthday = 'political_birthday',
  heart_to_heart_talk = 'heart_to_heart_talk',
  election = 'election',
  volunteer_service = 'volunteer_service',
  free_clinic = 'free_clinic',
  health_lecture = 'health_lecture',
  health_checkup = 'health_checkup',
  home_visit = 'home_visit',
  first_aid_training = 'first_aid_training',
  blood_donation = 'blood_donation',
  co_building = 'co_building',
  paired_assistance = 'paired_assistance',
  poverty_relief = 'poverty_relief',
  epidemic_response = 'epidemic_response',
  red_education = 'red_education',
  integrity_education = 'integrity_education',
  publicity_talk = 'publicity_talk',
  quiz = 'quiz',
  skills_contest = 'skills_contest',
  member_experience_day = 'member_experience_day',
  study_session = 'study_session',
}
register(ActivityType, 'ActivityType', '活动类型 / Activity type', {
  branch_general_meeting: '支部党员大会（三会一课） / Branch general meeting',
  branch_committee_meeting: '支委会（三会一课） / Branch committee meeting',
  group_meeting: '党小组会（三会一课） / Party group meeting',
  party_lecture: '党课（三会一课） / Party lecture',
  theme_party_day: '主题党日 / Theme party day',
  org_life_meeting: '组织生活会 / Organisational life meeting',
  democratic_review: '民主评议党员 / Democratic review',
  central_group_study: '理论学习中心组学习 / Central group study',
  political_birthday: '政治生日 / Political birthday',
  heart_to_heart_talk: '谈心谈话 / Heart-to-heart talk',
  election: '换届选举 / Election',
  volunteer_service: '志愿服务 / Volunteer service',
  free_clinic: '义诊 / Free clinic',
  health_lecture: '健康讲座 / Health lecture',
  health_checkup: '体检 / Health check-up',
  home_visit: '入户服务 / Home visit',
  first_aid_training: '急救培训 / First-aid training',
  blood_donation: '无偿献血 / Blood donation',
  co_building: '共驻共建 / Co-building',
  paired_assistance: '对口帮扶 / Paired assistance',
  poverty_relief: '扶贫慰问 / Poverty relief',
  epidemic_response: '抗疫 / Epidemic response',
  red_education: '红色教育 / Red education',
  integrity_education: '廉政教育 / Integrity education',
  publicity_talk: '宣讲 / Publicity talk',
  quiz: '知识竞赛 / Quiz',
  skills_contest: '技能大赛 / Skills contest',
  member_experience_day: '党员体验日 / Member experience day',
  study_session: '集中学习 / Study session',
});

export enum ActivityStatus {
  planned = 'planned',
  held = 'held',
  cancelled = 'cancelled',
}
register(ActivityStatus, 'ActivityStatus', '活动状态 / Activity status', {
  planned: '计划中 / Planned',
  held: '已开展 / Held',
  cancelled: '已取消 / Cancelled',
});

export enum AttendanceRole {
  attendee = 'attendee',
  organizer = 'organizer',
  lecturer = 'lecturer',
  volunteer = 'volunteer',
}
register(AttendanceRole, 'AttendanceRole', '参与角色 / Role in the activity', {
  attendee: '参加 / Attendee',
  organizer: '组织者 / Organiser',
  lecturer: '主讲 / Lecturer',
  volunteer: '志愿者 / Volunteer',
});

export enum AttendanceStatus {
  present = 'present',
  leave = 'leave',
  absent = 'absent',
  exempt = 'exempt',
}
register(AttendanceStatus, 'AttendanceStatus', '出勤状态 / Attendance status', {
  present: '出席 / Present',
  leave: '请假 / On leave',
  absent: '缺席 / Absent',
  exempt: '免于参加 / Exempt',
});

export enum SurveyKind {
  outpatient = 'outpatient',
  inpatient = 'inpatient',
  staff = 'staff',
  community = 'community',
}
register(SurveyKind, 'SurveyKind', '满意度调查对象 / Who is surveyed', {
  outpatient: '门诊患者 / Outpatients',
  inpatient: '住院患者 / Inpatients',
  staff: '医务人员 / Staff',
  community: '社区群众 / Community',
});

export enum SurveySource {
  national_platform = 'national_platform',
  internal = 'internal',
  third_party = 'third_party',
}
register(SurveySource, 'SurveySource', '调查来源 / Survey source', {
  national_platform: '国家满意度调查平台 / National platform',
  internal: '院内调查 / Internal',
  third_party: '第三方 / Third party',
});

export enum SurveyCadence {
  weekly = 'weekly',
  monthly = 'monthly',
  quarterly = 'quarterly',
  yearly = 'yearly',
  continuous = 'continuous',
}
register(SurveyCadence, 'SurveyCadence', '调查频次 / Cadence', {
  weekly: '每周 / Weekly',
  monthly: '每月 / Monthly',
  quarterly: '每季度 / Quarterly',
  yearly: '每年 / Yearly',
  continuous: '持续 / Continuous',
});

export enum SurveyScale {
  percent_satisfied = 'percent_satisfied',
  score_0_100 = 'score_0_100',
  likert_5 = 'likert_5',
}
register(SurveyScale, 'SurveyScale', '计分方式（不同量表不得混算） / Scale (never mixed in one number)', {
  percent_satisfied: '满意率 / Percent satisfied',
  score_0_100: '百分制得分 / Score 0–100',
  likert_5: '五级量表 / Likert 1–5',
});

export enum RecipientType {
  person = 'person',
  branch = 'branch',
  general_branch = 'general_branch',
  committee = 'committee',
  hospital = 'hospital',
  department = 'department',
  team = 'team',
}
register(RecipientType, 'RecipientType', '荣誉获得者类型 / Recipient type', {
  person: '个人 / Person',
  branch: '党支部 / Branch',
  general_branch: '党总支 / General branch',
  committee: '党委 / Committee',
  hospital: '医院 / Hospital',
  department: '科室 / Department',
  team: '团队 / Team',
});

export enum HonorCategory {
  party = 'party',
  administrative = 'administrative',
  union_league = 'union_league',
  civilization = 'civilization',
  research = 'research',
}
register(HonorCategory, 'HonorCategory', '荣誉类别 / Honor category', {
  party: '党内表彰 / Party',
  administrative: '行政表彰 / Administrative',
  union_league: '工会/共青团 / Union or league',
  civilization: '文明创建 / Civilisation',
  research: '科研 / Research',
});

export enum HonorLevel {
  national = 'national',
  provincial = 'provincial',
  municipal = 'municipal',
  county = 'county',
  sector = 'sector',
  hospital = 'hospital',
}
register(HonorLevel, 'HonorLevel', '级别 / Level', {
  national: '国家级 / National',
  provincial: '省级 / Provincial',
  municipal: '市级 / Municipal',
  county: '县区级 / County',
  sector: '系统/行业级 / Sector',
  hospital: '院级 / Hospital',
});

export enum ModelPostType {
  model_post = 'model_post',
  vanguard_post = 'vanguard_post',
  service_desk = 'service_desk',
  commando_team = 'commando_team',
  responsibility_area = 'responsibility_area',
}
register(ModelPostType, 'ModelPostType', '示范岗类型 / Model post type', {
  model_post: '党员示范岗 / Model post',
  vanguard_post: '党员先锋岗 / Vanguard post',
  service_desk: '党员服务台 / Service desk',
  commando_team: '党员突击队 / Commando team',
  responsibility_area: '党员责任区 / Responsibility area',
});

export enum EthicsEventType {
  banner = 'banner',
  thank_letter = 'thank_letter',
  refused_red_envelope = 'refused_red_envelope',
  complaint = 'complaint',
  dispute = 'dispute',
}
register(EthicsEventType, 'EthicsEventType', '医德医风事件类型 / Medical-ethics event type', {
  banner: '锦旗 / Banner',
  thank_letter: '感谢信 / Thank-you letter',
  refused_red_envelope: '拒收红包 / Refused red envelope',
  complaint: '投诉 / Complaint',
  dispute: '医疗纠纷 / Dispute',
});

export enum MetricCode {
  staff_count = 'staff_count',
  senior_title_staff = 'senior_title_staff',
  outpatient_visits = 'outpatient_visits',
  discharges = 'discharges',
  surgeries = 'surgeries',
  research_grants = 'research_grants',
  papers = 'papers',
  new_techniques = 'new_techniques',
  complaints = 'complaints',
}
register(MetricCode, 'MetricCode', '业务指标代码 / Business metric code', {
  staff_count: '在职职工数 / Staff in service',
  senior_title_staff: '高级职称人数 / Staff with senior titles',
  outpatient_visits: '门急诊人次 / Outpatient visits',
  discharges: '出院人次 / Discharges',
  surgeries: '手术台次 / Surgeries',
  research_grants: '科研立项数 / Research grants',
  papers: '论文数 / Papers',
  new_techniques: '新技术新项目 / New techniques',
  complaints: '投诉件数 / Complaints',
});

export enum ProjectStatus {
  approved = 'approved',
  in_progress = 'in_progress',
  completed = 'completed',
  terminated = 'terminated',
}
register(ProjectStatus, 'ProjectStatus', '课题状态 / Project status', {
  approved: '已立项 / Approved',
  in_progress: '在研 / In progress',
  completed: '已结题 / Completed',
  terminated: '已终止 / Terminated',
});

export enum AssessmentSubject {
  member = 'member',
  branch = 'branch',
  branch_secretary = 'branch_secretary',
  general_branch_secretary = 'general_branch_secretary',
}
register(AssessmentSubject, 'AssessmentSubject', '考核对象 / Who is assessed', {
  member: '党员 / Member',
  branch: '党支部 / Branch',
  branch_secretary: '支部书记 / Branch secretary',
  general_branch_secretary: '党总支书记 / General-branch secretary',
});

export enum AssessmentGrade {
  excellent = 'excellent',
  good = 'good',
  fair = 'fair',
  poor = 'poor',
}
register(AssessmentGrade, 'AssessmentGrade', '考核等次 / Grade', {
  excellent: '优秀 / Excellent',
  good: '良好 / Good',
  fair: '一般 / Fair',
  poor: '较差 / Poor',
});
