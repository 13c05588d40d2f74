/**
 * The 党建业务融合 indicator catalog: the single source of what each indicator means. The server
 * computes from it, the dashboard labels from it, and the README's indicator table is generated from it
 * (a test fails when they differ). Rules and documents are cited in `source`.
 */
import { GRAIN_MONTHS } from './judgement.ts';
import type { Grain } from './period.ts';

export type Lang = 'zh' | 'en';
export type Text = Record<Lang, string>;

export const CATEGORIES = {
  ORGANIZATION: { zh: '组织建设', en: 'Organisation building' },
  ORG_LIFE: { zh: '组织生活', en: 'Organisational life' },
  MEMBERSHIP: { zh: '党员队伍', en: 'Membership and development' },
  SERVICE: { zh: '服务群众', en: 'Service to the public' },
  ETHICS: { zh: '医德医风', en: 'Medical ethics' },
  SATISFACTION: { zh: '满意度', en: 'Satisfaction' },
  INTEGRATION: { zh: '业务融合', en: 'Party–business integration' },
} as const satisfies Record<string, Text>;
export type Category = keyof typeof CATEGORIES;

export const UNITS = {
  PERCENT: { zh: '%', en: '%' },
  BRANCHES: { zh: '个', en: 'branches' },
  POSTS: { zh: '个', en: 'posts' },
  TIMES: { zh: '次', en: 'times' },
  PEOPLE: { zh: '名', en: 'people' },
  PERSON_TIMES: { zh: '人次', en: 'person-times' },
  PROJECTS: { zh: '项', en: 'projects' },
  HONORS: { zh: '项', en: 'honors' },
  BANNERS: { zh: '面', en: 'banners' },
  LETTERS: { zh: '封', en: 'letters' },
  CASES: { zh: '件', en: 'cases' },
  YUAN: { zh: '元', en: 'CNY' },
  POINTS: { zh: '分', en: 'points' },
} as const satisfies Record<string, Text>;
export type Unit = keyof typeof UNITS;

/** The English unit for exactly one (`1 time`, `1 person`); Chinese units have no plural. */
export const UNITS_EN_ONE: Record<Unit, string> = {
  PERCENT: '%',
  BRANCHES: 'branch',
  POSTS: 'post',
  TIMES: 'time',
  PEOPLE: 'person',
  PERSON_TIMES: 'person-time',
  PROJECTS: 'project',
  HONORS: 'honor',
  BANNERS: 'banner',
  LETTERS: 'letter',
  CASES: 'case',
  YUAN: 'CNY',
  POINTS: 'point',
};

/** Which way is better. CONTEXT: no target, no status (无目标). */
export type Direction = 'HIGHER' | 'LOWER' | 'CONTEXT';

export const DIRECTIONS: Record<Direction, Text> = {
  HIGHER: { zh: '越高越好', en: 'Higher is better' },
  LOWER: { zh: '越低越好', en: 'Lower is better' },
  CONTEXT: { zh: '仅供参考（无目标）', en: 'Context only (no target)' },
};

/**
 * How cells roll up. Every indicator is stored per organisation (its whole subtree) and period; these
 * say what one cell counts, and therefore what may be added:
 * - EVENTS: events (or sums over events) dated in the period — additive across organisations and months.
 * - AT_PERIOD_END: units (branches, people, posts) in their state on the period's last day — additive
 *   across organisations; a quarter is its last month, never the sum of its months.
 * - ANY_IN_PERIOD: a unit counts once if it did the thing at least once in the period — additive across
 *   organisations, computed per period (a branch meeting in two months is one branch in the quarter).
 * - DISTINCT_IN_PERIOD: distinct people in the period, each counted in the organisation they belong to —
 *   additive across organisations, computed per period.
 * - DERIVED: computed at read time from other indicators (the integration index).
 */
export type Rollup = 'EVENTS' | 'AT_PERIOD_END' | 'ANY_IN_PERIOD' | 'DISTINCT_IN_PERIOD' | 'DERIVED';

export const ROLLUPS: Record<Rollup, Text> = {
  EVENTS: { zh: '按事件累加（跨组织、跨月可加）', en: 'events in the period: adds across organisations and months' },
  AT_PERIOD_END: {
    zh: '期末状态（跨组织可加；季度/年取最后一月）',
    en: 'state on the last day: adds across organisations; a quarter is its last month',
  },
  ANY_IN_PERIOD: {
    zh: '期内至少一次（跨组织可加，按期计算）',
    en: 'at least once in the period: adds across organisations, computed per period',
  },
  DISTINCT_IN_PERIOD: {
    zh: '期内去重人数（按所在组织计，跨组织可加）',
    en: 'distinct people in the period, each in their own organisation: adds across organisations',
  },
  DERIVED: { zh: '由其他指标计算', en: 'computed from other indicators' },
};

export interface Indicator {
  /** Stable id, snake_case; never reused. */
  id: string;
  name: Text;
  description: Text;
  category: Category;
  unit: Unit;
  direction: Direction;
  /**
   * The grain it is judged at (monthly boards show quarterly and yearly ones year to date): a duty's cadence is
   * a month, a quarter or a year (《支部工作条例》); the other grains are periods one asks for, never a duty's.
   */
  grain: Extract<Grain, 'MONTH' | 'QUARTER' | 'YEAR'>;
  /**
   * Default target and warning threshold (same unit as the value); null for context-only indicators. A
   * count's is per period of its grain, pro-rated for other periods (targetShare).
   */
  target: number | null;
  warning: number | null;
  /** Formula in words; the numerator and denominator as the evidence lists them. */
  formula: Text;
  numerator: Text;
  /** Null for counts and sums: the value is the numerator. */
  denominator: Text | null;
  /** The rule or document it comes from. */
  source: string;
  rollup: Rollup;
  /** Shown as a KPI card on the overview. */
  headline: boolean;
  /**
   * Its data is reported (by departments or in surveys): a period without any reads 未填报
   * (NOT_REPORTED), where an indicator over the hub's own records reads 无适用对象 (NO_SUBJECTS).
   */
  reported?: true;
}

const OPINION_2018 = '中共中央办公厅《关于加强公立医院党的建设工作的意见》(2018)';
const BRANCH_RULES = '《中国共产党支部工作条例（试行）》(2018)';
const DEVELOPMENT_RULES = '《中国共产党发展党员工作细则》(2014)';
const ORG_LIFE_RULES = '《关于新形势下党内政治生活的若干准则》(2016)；《支部工作条例》第十七—十九条';
const NATIONAL_ASSESSMENT = '国家卫生健康委《三级公立医院绩效考核操作手册》(2024)';
/** The satisfaction indicators count individual responses and results reported in aggregate (survey_result) alike. */
const SATISFACTION_FORMULA = {
  zh: '满意答卷 / 有效答卷（汇总结果按其满意人数 / 样本量计入）',
  en: 'satisfied responses / valid responses (results in aggregate count as their satisfied / respondents)',
};
const LOCAL = '医院党委年度党建工作考核办法（可配置）';

const i = (def: Indicator) => def;

export const INDICATORS = [
  // ── 组织建设 ──────────────────────────────────────────────────────────────────────────────
  i({
    id: 'branch_count',
    name: { zh: '党支部数', en: 'Party branches' },
    description: {
      zh: '期末存续的党支部（含联合党支部）数量',
      en: 'Branches (including joint branches) active on the last day of the period',
    },
    category: 'ORGANIZATION',
    unit: 'BRANCHES',
    direction: 'CONTEXT',
    grain: 'MONTH',
    target: null,
    warning: null,
    formula: { zh: '期末存续的党支部与联合党支部', en: 'branches and joint branches active at period end' },
    numerator: { zh: '存续党支部', en: 'active branches' },
    denominator: null,
    source: BRANCH_RULES,
    rollup: 'AT_PERIOD_END',
    headline: true,
  }),
  i({
    id: 'secretary_dept_head_rate',
    name: { zh: '科室负责人任支部书记比例', en: 'Branch secretaries who head their department' },
    description: {
      zh: '期末在任支部书记由内设机构（科室）负责人担任的党支部占比',
      en: 'Share of active branches whose current secretary heads the department',
    },
    category: 'ORGANIZATION',
    unit: 'PERCENT',
    direction: 'HIGHER',
    grain: 'MONTH',
    target: 90,
    warning: 80,
    formula: {
      zh: '书记为科室负责人的支部 / 期末存续支部',
      en: 'branches whose secretary is a department head / active branches',
    },
    numerator: { zh: '书记为科室负责人的支部', en: 'branches with a department-head secretary' },
    denominator: { zh: '期末存续支部', en: 'active branches' },
    source: `${OPINION_2018}：党支部书记一般应当由内设机构负责人中的党员担任`,
    rollup: 'AT_PERIOD_END',
    headline: true,
  }),
  i({
    id: 'dual_leader_secretary_rate',
    name: { zh: '“双带头人”支部书记占比', en: '“Dual-leader” branch secretaries' },
    description: {
      zh: '期末在任支部书记为党建和业务“双带头人”的支部占比',
      en: 'Share of active branches whose secretary leads both Party building and the discipline',
    },
    category: 'ORGANIZATION',
    unit: 'PERCENT',
    direction: 'HIGHER',
    grain: 'QUARTER',
    target: 80,
    warning: 60,
    formula: { zh: '书记为双带头人的支部 / 期末存续支部', en: 'branches with a dual-leader secretary / active branches' },
    numerator: { zh: '书记为双带头人的支部', en: 'branches with a dual-leader secretary' },
    denominator: { zh: '期末存续支部', en: 'active branches' },
    source: `${OPINION_2018}；教育部“双带头人”培育工程`,
    rollup: 'AT_PERIOD_END',
    headline: false,
  }),
  i({
    id: 'on_time_election_rate',
    name: { zh: '党支部按期换届率', en: 'Branches within their term' },
    description: {
      zh: '期末在任期内（或期满后 12 个月内已换届）的党支部占比',
      en: 'Share of active branches within their term, or re-elected within 12 months of its expiry',
    },
    category: 'ORGANIZATION',
    unit: 'PERCENT',
    direction: 'HIGHER',
    grain: 'YEAR',
    target: 100,
    warning: 90,
    formula: { zh: '任期内支部 / 期末存续支部', en: 'branches within term / active branches' },
    numerator: { zh: '任期内（含宽限期）支部', en: 'branches within term (or its 12-month grace)' },
    denominator: { zh: '期末存续支部', en: 'active branches' },
    source: `${BRANCH_RULES}第十四条：支部委员会每届任期 3 年`,
    rollup: 'AT_PERIOD_END',
    headline: false,
  }),
  i({
    id: 'branch_setup_compliance_rate',
    name: { zh: '支部设置合规率', en: 'Branches set up by the rules' },
    description: {
      zh: '期末正式党员 3–50 名、且 7 名以上正式党员时设有支委会的支部占比',
      en: 'Share of active branches with 3–50 full members and, from 7 full members, a branch committee',
    },
    category: 'ORGANIZATION',
    unit: 'PERCENT',
    direction: 'HIGHER',
    grain: 'QUARTER',
    target: 95,
    warning: 85,
    formula: { zh: '设置合规支部 / 期末存续支部', en: 'compliant branches / active branches' },
    numerator: { zh: '设置合规支部', en: 'compliant branches' },
    denominator: { zh: '期末存续支部', en: 'active branches' },
    source: `${BRANCH_RULES}第八、十条`,
    rollup: 'AT_PERIOD_END',
    headline: false,
  }),
  i({
    id: 'dept_branch_coverage_rate',
    name: { zh: '科室党组织覆盖率', en: 'Departments covered by a branch' },
    description: {
      zh: '有 3 名以上党员的临床、医技、护理科室中，已对应存续党支部的占比',
      en: 'Share of clinical, medical-technology and nursing departments with ≥ 3 members that map to an active branch',
    },
    category: 'ORGANIZATION',
    unit: 'PERCENT',
    direction: 'HIGHER',
    grain: 'QUARTER',
    target: 100,
    warning: 90,
    formula: { zh: '已建支部的科室 / 应建科室', en: 'departments mapped to a branch / departments that should be' },
    numerator: { zh: '已对应支部的科室', en: 'departments mapped to an active branch' },
    denominator: { zh: '有 3 名以上党员的业务科室', en: 'clinical/medtech/nursing departments with ≥ 3 members' },
    source: `${OPINION_2018}：支部建在科室上`,
    rollup: 'AT_PERIOD_END',
    headline: false,
  }),
  i({
    id: 'member_share_of_staff',
    name: { zh: '党员占在职职工比例', en: 'Members among staff' },
    description: {
      zh: '期末在职党员（含预备党员）占在职职工（科室上报人数）的比例',
      en: 'In-service members (full and probationary) as a share of staff (as departments report it)',
    },
    category: 'ORGANIZATION',
    unit: 'PERCENT',
    direction: 'CONTEXT',
    grain: 'QUARTER',
    target: null,
    warning: null,
    formula: { zh: '在职党员 / 在职职工', en: 'in-service members / staff' },
    numerator: { zh: '在职党员', en: 'in-service members' },
    denominator: { zh: '在职职工（各科室期内最近一次上报）', en: 'staff (each department’s latest figure in the period)' },
    source: LOCAL,
    rollup: 'AT_PERIOD_END',
    headline: false,
    reported: true,
  }),
  // ── 组织生活 ──────────────────────────────────────────────────────────────────────────────
  i({
    id: 'general_meeting_rate',
    name: { zh: '支部党员大会按期召开率', en: 'Branch general meetings held on schedule' },
    description: {
      zh: '季度内至少召开一次支部党员大会的支部占比（一般每季度一次）',
      en: 'Share of active branches that held at least one general meeting in the quarter (due quarterly)',
    },
    category: 'ORG_LIFE',
    unit: 'PERCENT',
    direction: 'HIGHER',
    grain: 'QUARTER',
    target: 100,
    warning: 90,
    formula: { zh: '期内召开党员大会的支部 / 期末存续支部', en: 'branches with a held general meeting / active branches' },
    numerator: { zh: '召开党员大会的支部', en: 'branches that held a general meeting' },
    denominator: { zh: '期末存续支部', en: 'active branches' },
    source: `${BRANCH_RULES}第十七条：支部党员大会一般每季度召开 1 次`,
    rollup: 'ANY_IN_PERIOD',
    headline: true,
  }),
  i({
    id: 'committee_meeting_rate',
    name: { zh: '支委会按期召开率', en: 'Branch committee meetings held on schedule' },
    description: {
      zh: '设支委会的支部中，当月至少召开一次支委会的占比（一般每月一次）',
      en: 'Share of branches with a committee that held at least one committee meeting in the month',
    },
    category: 'ORG_LIFE',
    unit: 'PERCENT',
    direction: 'HIGHER',
    grain: 'MONTH',
    target: 100,
    warning: 90,
    formula: {
      zh: '期内召开支委会的支部 / 设支委会的支部',
      en: 'branches with a held committee meeting / branches with a committee',
    },
    numerator: { zh: '召开支委会的支部', en: 'branches that held a committee meeting' },
    denominator: { zh: '设支委会的支部', en: 'branches with a committee' },
    source: `${BRANCH_RULES}第十七条：支部委员会会议一般每月召开 1 次`,
    rollup: 'ANY_IN_PERIOD',
    headline: false,
  }),
  i({
    id: 'group_meeting_rate',
    name: { zh: '党小组会按期召开率', en: 'Party group meetings held on schedule' },
    description: {
      zh: '当月至少召开一次党小组会的党小组占比（一般每月一次）',
      en: 'Share of active party groups that held at least one group meeting in the month',
    },
    category: 'ORG_LIFE',
    unit: 'PERCENT',
    direction: 'HIGHER',
    grain: 'MONTH',
    target: 100,
    warning: 85,
    formula: { zh: '期内开会的党小组 / 存续党小组', en: 'groups with a held meeting / active groups' },
    numerator: { zh: '召开党小组会的党小组', en: 'groups that held a meeting' },
    denominator: { zh: '存续党小组', en: 'active party groups' },
    source: `${BRANCH_RULES}第十七条：党小组会一般每月召开 1 次`,
    rollup: 'ANY_IN_PERIOD',
    headline: false,
  }),
  i({
    id: 'party_lecture_rate',
    name: { zh: '党课开展率', en: 'Party lectures given' },
    description: {
      zh: '季度内至少讲授一次党课的支部占比（一般每季度一次）',
      en: 'Share of active branches that gave at least one Party lecture in the quarter',
    },
    category: 'ORG_LIFE',
    unit: 'PERCENT',
    direction: 'HIGHER',
    grain: 'QUARTER',
    target: 100,
    warning: 90,
    formula: { zh: '期内讲党课的支部 / 期末存续支部', en: 'branches with a held lecture / active branches' },
    numerator: { zh: '讲党课的支部', en: 'branches that gave a lecture' },
    denominator: { zh: '期末存续支部', en: 'active branches' },
    source: `${BRANCH_RULES}第十七条：党课一般每季度 1 次`,
    rollup: 'ANY_IN_PERIOD',
    headline: false,
  }),
  i({
    id: 'theme_party_day_rate',
    name: { zh: '主题党日开展率', en: 'Theme Party days held' },
    description: {
      zh: '当月至少开展一次主题党日的支部占比（每月相对固定一天）',
      en: 'Share of active branches that held a theme Party day in the month',
    },
    category: 'ORG_LIFE',
    unit: 'PERCENT',
    direction: 'HIGHER',
    grain: 'MONTH',
    target: 100,
    warning: 90,
    formula: { zh: '期内开展主题党日的支部 / 期末存续支部', en: 'branches with a held theme day / active branches' },
    numerator: { zh: '开展主题党日的支部', en: 'branches that held a theme day' },
    denominator: { zh: '期末存续支部', en: 'active branches' },
    source: `${BRANCH_RULES}第十八条：每月相对固定 1 天开展主题党日`,
    rollup: 'ANY_IN_PERIOD',
    headline: true,
  }),
  i({
    id: 'three_meetings_one_lesson_rate',
    name: { zh: '“三会一课”综合达标率', en: '“Three meetings and one lesson” held as required' },
    description: {
      zh: '应召开的党员大会、支委会、党小组会和党课中实际召开的比例：每个单位每个应开周期记一次应开',
      en: 'Required general meetings, committee meetings, group meetings and lectures that were held: each unit and due cycle is one requirement',
    },
    category: 'ORG_LIFE',
    unit: 'PERCENT',
    direction: 'HIGHER',
    grain: 'MONTH',
    target: 95,
    warning: 85,
    formula: { zh: '已召开的应开次数 / 应开次数', en: 'required occurrences held / required occurrences' },
    numerator: { zh: '按期召开的应开次数', en: 'required occurrences held' },
    denominator: { zh: '应开次数（四类会议，全部单位）', en: 'required occurrences (four kinds, all units)' },
    source: BRANCH_RULES,
    rollup: 'EVENTS',
    headline: true,
  }),
  i({
    id: 'annual_review_completion_rate',
    name: { zh: '组织生活会及民主评议完成率', en: 'Annual review meeting and democratic appraisal done' },
    description: {
      zh: '年度内既召开组织生活会又开展民主评议党员的支部占比',
      en: 'Share of active branches that held both the organisational-life meeting and the democratic appraisal in the year',
    },
    category: 'ORG_LIFE',
    unit: 'PERCENT',
    direction: 'HIGHER',
    grain: 'YEAR',
    target: 100,
    warning: 95,
    formula: { zh: '两项均完成的支部 / 期末存续支部', en: 'branches that held both / active branches' },
    numerator: { zh: '两项均完成的支部', en: 'branches that held both' },
    denominator: { zh: '期末存续支部', en: 'active branches' },
    source: `${BRANCH_RULES}第十九条：每年至少召开 1 次组织生活会，开展民主评议党员`,
    rollup: 'ANY_IN_PERIOD',
    headline: false,
  }),
  i({
    id: 'org_life_attendance_rate',
    name: { zh: '组织生活出席率', en: 'Attendance at organisational life' },
    description: {
      zh: '已召开的组织生活活动中，出席人次占应到人次（出席 + 请假 + 缺席）的比例',
      en: 'Present as a share of present + on leave + absent, over held organisational-life activities',
    },
    category: 'ORG_LIFE',
    unit: 'PERCENT',
    direction: 'HIGHER',
    grain: 'MONTH',
    target: 90,
    warning: 80,
    formula: { zh: '出席 / (出席 + 请假 + 缺席)', en: 'present / (present + leave + absent)' },
    numerator: { zh: '出席人次', en: 'present' },
    denominator: { zh: '应到人次（不含免于参加）', en: 'expected (exempt excluded)' },
    source: ORG_LIFE_RULES,
    rollup: 'EVENTS',
    headline: true,
  }),
  i({
    id: 'central_group_study_count',
    name: { zh: '理论学习中心组学习次数', en: 'Central study group sessions' },
    description: {
      zh: '党委（含上级党组织）理论学习中心组已开展的集体学习次数',
      en: 'Sessions of the committee’s central theoretical study group that were held',
    },
    category: 'ORG_LIFE',
    unit: 'TIMES',
    direction: 'HIGHER',
    grain: 'MONTH',
    target: 1,
    warning: 0,
    formula: { zh: '期内已开展的中心组学习', en: 'central-group studies held in the period' },
    numerator: { zh: '中心组学习', en: 'central-group studies held' },
    denominator: null,
    source: '《中国共产党党委（党组）理论学习中心组学习规则》(2017)',
    rollup: 'EVENTS',
    headline: false,
  }),
  i({
    id: 'political_birthday_coverage',
    name: { zh: '政治生日活动覆盖率', en: 'Political birthdays marked' },
    description: {
      zh: '入党纪念日在期内的党员中，参加了政治生日活动的比例',
      en: 'Members whose joining anniversary falls in the period and who attended a political-birthday activity',
    },
    category: 'ORG_LIFE',
    unit: 'PERCENT',
    direction: 'HIGHER',
    grain: 'QUARTER',
    target: 90,
    warning: 70,
    formula: {
      zh: '参加政治生日活动的当期纪念日党员 / 当期纪念日党员',
      en: 'members with an anniversary who attended / members with an anniversary',
    },
    numerator: { zh: '参加了政治生日活动', en: 'attended a political birthday' },
    denominator: { zh: '入党纪念日在期内的党员', en: 'members whose anniversary falls in the period' },
    source: LOCAL,
    rollup: 'DISTINCT_IN_PERIOD',
    headline: false,
  }),
  // ── 党员队伍 ──────────────────────────────────────────────────────────────────────────────
  i({
    id: 'new_probationary_count',
    name: { zh: '新发展党员数', en: 'New probationary members' },
    description: {
      zh: '期内经党委审批接收为预备党员的人数',
      en: 'People admitted as probationary members (committee approval) in the period',
    },
    category: 'MEMBERSHIP',
    unit: 'PEOPLE',
    direction: 'CONTEXT',
    grain: 'MONTH',
    target: null,
    warning: null,
    formula: { zh: '期内党委审批通过的接收预备党员', en: 'committee approvals of admission in the period' },
    numerator: { zh: '审批接收的预备党员', en: 'admissions approved' },
    denominator: null,
    source: `${DEVELOPMENT_RULES}第五章`,
    rollup: 'EVENTS',
    headline: true,
  }),
  i({
    id: 'activist_count',
    name: { zh: '入党积极分子数', en: 'Activists' },
    description: { zh: '期末处于入党积极分子阶段的人数', en: 'People at the activist stage at period end' },
    category: 'MEMBERSHIP',
    unit: 'PEOPLE',
    direction: 'CONTEXT',
    grain: 'MONTH',
    target: null,
    warning: null,
    formula: { zh: '期末阶段为积极分子的人员', en: 'people whose stage is activist at period end' },
    numerator: { zh: '积极分子', en: 'activists' },
    denominator: null,
    source: `${DEVELOPMENT_RULES}第二章`,
    rollup: 'AT_PERIOD_END',
    headline: false,
  }),
  i({
    id: 'development_target_count',
    name: { zh: '发展对象数', en: 'Development targets' },
    description: { zh: '期末处于发展对象阶段的人数', en: 'People at the development-target stage at period end' },
    category: 'MEMBERSHIP',
    unit: 'PEOPLE',
    direction: 'CONTEXT',
    grain: 'MONTH',
    target: null,
    warning: null,
    formula: { zh: '期末阶段为发展对象的人员', en: 'people whose stage is development target at period end' },
    numerator: { zh: '发展对象', en: 'development targets' },
    denominator: null,
    source: `${DEVELOPMENT_RULES}第三章`,
    rollup: 'AT_PERIOD_END',
    headline: false,
  }),
  i({
    id: 'high_knowledge_share_new',
    name: { zh: '新发展党员中高知群体占比', en: 'Highly educated among new members' },
    description: {
      zh: '期内新发展党员中具有高级职称或硕士、博士学历的比例',
      en: 'Share of new probationary members with a senior title or a master’s or doctorate',
    },
    category: 'MEMBERSHIP',
    unit: 'PERCENT',
    direction: 'HIGHER',
    grain: 'YEAR',
    target: 30,
    warning: 20,
    formula: { zh: '高知新党员 / 新发展党员', en: 'highly educated new members / new members' },
    numerator: { zh: '高级职称或硕博学历', en: 'senior title or master’s/doctorate' },
    denominator: { zh: '新发展党员', en: 'new probationary members' },
    source: `${OPINION_2018}：注重在高知识群体和优秀青年医务人员中发展党员`,
    rollup: 'EVENTS',
    headline: false,
  }),
  i({
    id: 'frontline_share_new',
    name: { zh: '新发展党员中临床一线占比', en: 'Front-line staff among new members' },
    description: {
      zh: '期内新发展党员中来自临床、医技、护理一线或业务骨干的比例',
      en: 'Share of new probationary members from clinical, medtech or nursing front lines, or business backbones',
    },
    category: 'MEMBERSHIP',
    unit: 'PERCENT',
    direction: 'HIGHER',
    grain: 'YEAR',
    target: 70,
    warning: 50,
    formula: { zh: '一线或骨干新党员 / 新发展党员', en: 'front-line or backbone new members / new members' },
    numerator: { zh: '临床一线或业务骨干', en: 'front line or backbone' },
    denominator: { zh: '新发展党员', en: 'new probationary members' },
    source: OPINION_2018,
    rollup: 'EVENTS',
    headline: false,
  }),
  i({
    id: 'development_timeline_compliance',
    name: { zh: '发展党员程序时限合规率', en: 'Development procedure on time' },
    description: {
      zh: '期内新发展党员中，申请到积极分子、积极分子培养期（≥ 1 年）、发展对象到接收各环节均满足最短时限的比例',
      en: 'Share of new probationary members whose record meets every minimum: application first, ≥ 1 year as an activist, target before the vote, vote before approval',
    },
    category: 'MEMBERSHIP',
    unit: 'PERCENT',
    direction: 'HIGHER',
    grain: 'YEAR',
    target: 100,
    warning: 95,
    formula: { zh: '程序时限合规的新党员 / 新发展党员', en: 'new members with a compliant record / new members' },
    numerator: { zh: '程序时限合规', en: 'record meets every minimum' },
    denominator: { zh: '新发展党员', en: 'new probationary members' },
    source: `${DEVELOPMENT_RULES}第十三条：积极分子经过一年以上培养教育`,
    rollup: 'EVENTS',
    headline: false,
  }),
  i({
    id: 'on_time_conversion_rate',
    name: { zh: '预备党员按期转正率', en: 'Probationers converted on time' },
    description: {
      zh: '预备期（1 年，自支部大会通过接收之日起算）在期内届满的预备党员中，届满后三个月内经上级党委批准转正的比例（延长预备期、取消资格不计入分子）；按发展记录的日期计',
      en: 'Of the probations (1 year from the branch meeting’s vote to admit) expiring in the period, the share approved for full membership within three months of the end (extended or cancelled ones are not); by the development record’s dates',
    },
    category: 'MEMBERSHIP',
    unit: 'PERCENT',
    direction: 'HIGHER',
    grain: 'QUARTER',
    target: 95,
    warning: 85,
    formula: { zh: '按期转正 / 预备期届满', en: 'converted on time / probations expiring' },
    numerator: { zh: '按期转正', en: 'converted on time' },
    denominator: { zh: '预备期在期内届满', en: 'probations expiring in the period' },
    source: `${DEVELOPMENT_RULES}第六章：预备期为一年；《中国共产党章程》第七条：预备期从支部大会通过其为预备党员之日算起`,
    rollup: 'EVENTS',
    headline: false,
  }),
  i({
    id: 'senior_title_member_share',
    name: { zh: '高级职称人员中党员占比（双培养）', en: 'Members among senior-title staff (dual cultivation)' },
    description: {
      zh: '期末具有高级职称的在职党员占高级职称职工（科室上报）的比例',
      en: 'In-service members with a senior title as a share of senior-title staff (department figures)',
    },
    category: 'INTEGRATION',
    unit: 'PERCENT',
    direction: 'HIGHER',
    grain: 'YEAR',
    target: 50,
    warning: 40,
    formula: { zh: '高级职称党员 / 高级职称职工', en: 'senior-title members / senior-title staff' },
    numerator: { zh: '高级职称党员', en: 'senior-title members' },
    denominator: { zh: '高级职称职工（各科室期内最近一次上报）', en: 'senior-title staff (each department’s latest figure in the period)' },
    source: `${OPINION_2018}：把业务骨干培养成党员、把党员培养成业务骨干`,
    rollup: 'AT_PERIOD_END',
    headline: false,
    reported: true,
  }),
  i({
    id: 'assessment_good_rate',
    name: { zh: '四级分类考核优良率', en: 'Graded excellent or good' },
    description: {
      zh: '年度考核（党员、支部、支部书记、总支书记）等次为优秀或良好的比例',
      en: 'Share of the year’s assessments (members, branches, secretaries) graded excellent or good',
    },
    category: 'MEMBERSHIP',
    unit: 'PERCENT',
    direction: 'HIGHER',
    grain: 'YEAR',
    target: 80,
    warning: 70,
    formula: { zh: '优秀和良好 / 考核总数', en: 'excellent or good / assessments' },
    numerator: { zh: '优秀或良好', en: 'excellent or good' },
    denominator: { zh: '考核', en: 'assessments' },
    source: LOCAL,
    rollup: 'EVENTS',
    headline: false,
  }),
  // ── 服务群众 ──────────────────────────────────────────────────────────────────────────────
  i({
    id: 'model_post_count',
    name: { zh: '党员示范岗数', en: 'Model posts' },
    description: {
      zh: '期末有效的党员示范岗、先锋岗、服务台、突击队等',
      en: 'Model posts, vanguard posts, service desks and commando teams active at period end',
    },
    category: 'SERVICE',
    unit: 'POSTS',
    direction: 'HIGHER',
    grain: 'QUARTER',
    target: null,
    warning: null,
    formula: { zh: '期末有效示范岗', en: 'model posts active at period end' },
    numerator: { zh: '有效示范岗', en: 'active model posts' },
    denominator: null,
    source: LOCAL,
    rollup: 'AT_PERIOD_END',
    headline: false,
  }),
  i({
    id: 'model_post_dept_coverage',
    name: { zh: '示范岗科室覆盖率', en: 'Departments with a model post' },
    description: {
      zh: '期末至少有一个有效示范岗的科室占全部科室的比例',
      en: 'Share of departments with at least one model post active at period end',
    },
    category: 'SERVICE',
    unit: 'PERCENT',
    direction: 'HIGHER',
    grain: 'QUARTER',
    target: 60,
    warning: 40,
    formula: { zh: '有示范岗的科室 / 科室', en: 'departments with a model post / departments' },
    numerator: { zh: '有示范岗的科室', en: 'departments with a model post' },
    denominator: { zh: '科室', en: 'departments' },
    source: LOCAL,
    rollup: 'AT_PERIOD_END',
    headline: false,
  }),
  i({
    id: 'volunteer_participation_rate',
    name: { zh: '党员志愿服务参与率', en: 'Members volunteering' },
    description: {
      zh: '期内至少出席一次已开展的志愿服务活动（志愿服务、义诊、健康讲座与体检、入户、急救培训、献血；不含抗疫、共建、对口帮扶、扶贫，它们另计）的党员，占期末党员的比例；按活动日期、出席记录计',
      en: 'Distinct members present at least once at a held volunteer activity (volunteering, free clinics, health talks and checks, home visits, first-aid training, blood drives; not epidemic duty, co-building, paired assistance or poverty relief, counted apart), over members at period end; by the activity’s date and attendance',
    },
    category: 'SERVICE',
    unit: 'PERCENT',
    direction: 'HIGHER',
    grain: 'MONTH',
    target: 30,
    warning: 15,
    formula: { zh: '参加服务的党员（去重） / 党员', en: 'distinct members who served / members' },
    numerator: { zh: '参加服务的党员（去重）', en: 'distinct members who served' },
    denominator: { zh: '期末党员', en: 'members at period end' },
    source: LOCAL,
    rollup: 'DISTINCT_IN_PERIOD',
    headline: false,
  }),
  i({
    id: 'volunteer_person_times',
    name: { zh: '志愿服务人次', en: 'Volunteer person-times' },
    description: {
      zh: '已开展的志愿服务活动（同党员志愿服务参与率，不含抗疫、共建、帮扶）中出席的人次（党员和非党员），按活动日期计',
      en: 'Person-times present at held volunteer activities (as for members volunteering: not epidemic duty, co-building or assistance), members and others, by the activity’s date',
    },
    category: 'SERVICE',
    unit: 'PERSON_TIMES',
    direction: 'HIGHER',
    grain: 'MONTH',
    target: null,
    warning: null,
    formula: { zh: '志愿服务活动出席人次', en: 'present at volunteer activities' },
    numerator: { zh: '出席人次', en: 'present' },
    denominator: null,
    source: LOCAL,
    rollup: 'EVENTS',
    headline: false,
  }),
  i({
    id: 'assistance_participation_rate',
    name: { zh: '党员参与抗疫、帮扶与共建比例', en: 'Members on assistance missions' },
    description: {
      zh: '期内至少出席一次已开展的抗疫任务、对口帮扶、共建或扶贫活动的党员，占期末党员的比例（报告与志愿服务分列）；按活动日期、出席记录计',
      en: 'Distinct members present at least once at held epidemic duty, paired assistance, co-building or poverty relief, over members at period end (reports list them apart from volunteering); by the activity’s date and attendance',
    },
    category: 'SERVICE',
    unit: 'PERCENT',
    direction: 'CONTEXT',
    grain: 'YEAR',
    target: null,
    warning: null,
    formula: { zh: '参加抗疫、帮扶、共建的党员（去重） / 党员', en: 'distinct members on assistance missions / members' },
    numerator: { zh: '参加抗疫、帮扶、共建的党员（去重）', en: 'distinct members on assistance missions' },
    denominator: { zh: '期末党员', en: 'members at period end' },
    source: LOCAL,
    rollup: 'DISTINCT_IN_PERIOD',
    headline: false,
  }),
  i({
    id: 'service_event_count',
    name: { zh: '服务群众活动场次', en: 'Service activities' },
    description: {
      zh: '已开展的志愿服务、义诊、健康讲座、入户、献血等服务群众活动',
      en: 'Held service activities: volunteering, free clinics, health lectures, home visits, blood drives …',
    },
    category: 'SERVICE',
    unit: 'TIMES',
    direction: 'HIGHER',
    grain: 'MONTH',
    target: null,
    warning: null,
    formula: { zh: '期内已开展的服务活动', en: 'service activities held' },
    numerator: { zh: '服务活动', en: 'service activities' },
    denominator: null,
    source: LOCAL,
    rollup: 'EVENTS',
    headline: true,
  }),
  i({
    id: 'service_beneficiaries',
    name: { zh: '受益群众人次', en: 'People served' },
    description: {
      zh: '已开展服务活动的受益人数之和',
      en: 'Sum of the people served by held service activities',
    },
    category: 'SERVICE',
    unit: 'PERSON_TIMES',
    direction: 'HIGHER',
    grain: 'MONTH',
    target: null,
    warning: null,
    formula: { zh: 'Σ 受益人数', en: 'Σ beneficiaries' },
    numerator: { zh: '受益人次', en: 'people served' },
    denominator: null,
    source: LOCAL,
    rollup: 'EVENTS',
    headline: false,
  }),
  i({
    id: 'party_research_count',
    name: { zh: '党建课题立项数', en: 'Party-building research projects' },
    description: { zh: '期内立项的党建研究课题', en: 'Party-building research projects approved in the period' },
    category: 'INTEGRATION',
    unit: 'PROJECTS',
    direction: 'HIGHER',
    grain: 'YEAR',
    target: null,
    warning: null,
    formula: { zh: '期内立项课题', en: 'projects approved' },
    numerator: { zh: '立项课题', en: 'projects approved' },
    denominator: null,
    source: LOCAL,
    rollup: 'EVENTS',
    headline: false,
  }),
  i({
    id: 'honors_count',
    name: { zh: '荣誉数', en: 'Honors' },
    description: { zh: '期内获得的各级各类荣誉', en: 'Honors awarded in the period, all levels and recipients' },
    category: 'INTEGRATION',
    unit: 'HONORS',
    direction: 'HIGHER',
    grain: 'YEAR',
    target: null,
    warning: null,
    formula: { zh: '期内获得的荣誉', en: 'honors awarded' },
    numerator: { zh: '荣誉', en: 'honors' },
    denominator: null,
    source: LOCAL,
    rollup: 'EVENTS',
    headline: true,
  }),
  // ── 医德医风 ──────────────────────────────────────────────────────────────────────────────
  i({
    id: 'ethics_banners',
    name: { zh: '锦旗数', en: 'Banners received' },
    description: { zh: '期内收到的锦旗', en: 'Banners received from patients in the period' },
    category: 'ETHICS',
    unit: 'BANNERS',
    direction: 'HIGHER',
    grain: 'MONTH',
    target: null,
    warning: null,
    formula: { zh: '锦旗登记', en: 'banner events' },
    numerator: { zh: '锦旗', en: 'banners' },
    denominator: null,
    source: '《医疗机构工作人员廉洁从业九项准则》(2021)',
    rollup: 'EVENTS',
    headline: false,
  }),
  i({
    id: 'ethics_thank_letters',
    name: { zh: '感谢信数', en: 'Thank-you letters' },
    description: { zh: '期内收到的感谢信', en: 'Thank-you letters received in the period' },
    category: 'ETHICS',
    unit: 'LETTERS',
    direction: 'HIGHER',
    grain: 'MONTH',
    target: null,
    warning: null,
    formula: { zh: '感谢信登记', en: 'thank-letter events' },
    numerator: { zh: '感谢信', en: 'letters' },
    denominator: null,
    source: '《医疗机构工作人员廉洁从业九项准则》(2021)',
    rollup: 'EVENTS',
    headline: false,
  }),
  i({
    id: 'refused_red_envelope_amount',
    name: { zh: '拒收红包金额', en: 'Red envelopes refused' },
    description: { zh: '期内登记的拒收红包金额之和', en: 'Sum of the red envelopes refused and recorded in the period' },
    category: 'ETHICS',
    unit: 'YUAN',
    direction: 'CONTEXT',
    grain: 'MONTH',
    target: null,
    warning: null,
    formula: { zh: 'Σ 拒收金额', en: 'Σ amount refused' },
    numerator: { zh: '拒收金额', en: 'amount refused' },
    denominator: null,
    source: '《医疗机构工作人员廉洁从业九项准则》第六条',
    rollup: 'EVENTS',
    headline: false,
  }),
  i({
    id: 'complaint_count',
    name: { zh: '投诉数', en: 'Complaints' },
    description: { zh: '期内登记的投诉', en: 'Complaints recorded in the period' },
    category: 'ETHICS',
    unit: 'CASES',
    direction: 'LOWER',
    grain: 'MONTH',
    target: null,
    warning: null,
    formula: { zh: '投诉登记', en: 'complaint events' },
    numerator: { zh: '投诉', en: 'complaints' },
    denominator: null,
    source: '《医疗机构投诉管理办法》(2019)',
    rollup: 'EVENTS',
    headline: false,
  }),
  // ── 满意度 ────────────────────────────────────────────────────────────────────────────────
  i({
    id: 'outpatient_satisfaction',
    name: { zh: '门诊患者满意度', en: 'Outpatient satisfaction' },
    description: {
      zh: '门诊满意度调查中“满意”的有效答卷占比；是否满意由各调查按其量表和阈值判定，不混合量表',
      en: 'Share of valid outpatient responses that are “satisfied”, each survey judging by its own scale and cutoff (scales are never mixed)',
    },
    category: 'SATISFACTION',
    unit: 'PERCENT',
    direction: 'HIGHER',
    grain: 'MONTH',
    target: 90,
    warning: 85,
    formula: SATISFACTION_FORMULA,
    numerator: { zh: '满意答卷（含汇总结果的满意人数）', en: 'satisfied responses (and the satisfied of results in aggregate)' },
    denominator: { zh: '有效答卷（含汇总结果的样本量）', en: 'valid responses (and the respondents of results in aggregate)' },
    source: `${NATIONAL_ASSESSMENT}指标 53`,
    rollup: 'EVENTS',
    headline: true,
    reported: true,
  }),
  i({
    id: 'inpatient_satisfaction',
    name: { zh: '住院患者满意度', en: 'Inpatient satisfaction' },
    description: {
      zh: '住院满意度调查中“满意”的有效答卷占比',
      en: 'Share of valid inpatient responses that are “satisfied”',
    },
    category: 'SATISFACTION',
    unit: 'PERCENT',
    direction: 'HIGHER',
    grain: 'MONTH',
    target: 92,
    warning: 88,
    formula: SATISFACTION_FORMULA,
    numerator: { zh: '满意答卷（含汇总结果的满意人数）', en: 'satisfied responses (and the satisfied of results in aggregate)' },
    denominator: { zh: '有效答卷（含汇总结果的样本量）', en: 'valid responses (and the respondents of results in aggregate)' },
    source: `${NATIONAL_ASSESSMENT}指标 54`,
    rollup: 'EVENTS',
    headline: true,
    reported: true,
  }),
  i({
    id: 'staff_satisfaction',
    name: { zh: '医务人员满意度', en: 'Staff satisfaction' },
    description: { zh: '职工满意度调查中“满意”的有效答卷占比', en: 'Share of valid staff responses that are “satisfied”' },
    category: 'SATISFACTION',
    unit: 'PERCENT',
    direction: 'HIGHER',
    grain: 'QUARTER',
    target: 85,
    warning: 80,
    formula: SATISFACTION_FORMULA,
    numerator: { zh: '满意答卷（含汇总结果的满意人数）', en: 'satisfied responses (and the satisfied of results in aggregate)' },
    denominator: { zh: '有效答卷（含汇总结果的样本量）', en: 'valid responses (and the respondents of results in aggregate)' },
    source: `${NATIONAL_ASSESSMENT}指标 55`,
    rollup: 'EVENTS',
    headline: false,
    reported: true,
  }),
  // ── 业务融合 ──────────────────────────────────────────────────────────────────────────────
  i({
    id: 'integration_index',
    name: { zh: '党建业务融合指数', en: 'Party–business integration index' },
    description: {
      zh: '若干指标按目标归一化（达到目标记 100 分，封顶）后的加权和，权重可按医院配置',
      en: 'Weighted sum of indicators normalised to their targets (100 at target, capped); weights configurable per hospital',
    },
    category: 'INTEGRATION',
    unit: 'POINTS',
    direction: 'HIGHER',
    grain: 'MONTH',
    target: 90,
    warning: 80,
    formula: {
      zh: 'Σ wᵢ · min(100, 100 · 值ᵢ / 目标ᵢ) / Σ wᵢ（无数据的指标不计入权重）',
      en: 'Σ wᵢ · min(100, 100 · valueᵢ / targetᵢ) / Σ wᵢ, over the indicators that have a value',
    },
    numerator: { zh: '加权得分', en: 'weighted score' },
    denominator: { zh: '有数据指标的权重和', en: 'weights of the indicators with a value' },
    source: LOCAL,
    rollup: 'DERIVED',
    headline: true,
  }),
] as const satisfies readonly Indicator[];

export type IndicatorId = (typeof INDICATORS)[number]['id'];

export const INDICATOR_IDS: readonly IndicatorId[] = INDICATORS.map((d) => d.id);

const BY_ID = new Map<string, Indicator>(INDICATORS.map((d) => [d.id, d]));

export function indicator(id: string): Indicator | undefined {
  return BY_ID.get(id);
}

/** Default weights of the integration index (per hospital overridable); higher-is-better rates only. */
/**
 * Minimum time in a stage of member development, in whole months (《中国共产党发展党员工作细则》: an activist is
 * trained for more than a year before becoming a development target; probation lasts one year).
 * development_timeline_compliance and on_time_conversion_rate judge against them; the dashboard draws them.
 */
export const STAGE_MINIMUM_MONTHS = { ACTIVIST_TRAINING: 12, PROBATION: 12 } as const;

/**
 * The stretches of the development procedure a person's time is measured over (the hub's
 * DevelopmentSpan), each from the first date of one step to the first date of the next, with the rules'
 * minimum where they set one (细则 第十二条: a year of activist training; 党章 第七条: a year of probation,
 * counted from the branch meeting's vote). GraphQL enum names (DevelopmentSpanKind, DevelopmentStage).
 */
export const DEVELOPMENT_SPANS = [
  { span: 'APPLICANT', from: 'APPLICATION_SUBMITTED', to: 'ACTIVIST_CONFIRMED', minimumMonths: null },
  { span: 'ACTIVIST', from: 'ACTIVIST_CONFIRMED', to: 'TARGET_CONFIRMED', minimumMonths: STAGE_MINIMUM_MONTHS.ACTIVIST_TRAINING },
  { span: 'TARGET', from: 'TARGET_CONFIRMED', to: 'BRANCH_VOTE_ADMIT', minimumMonths: null },
  { span: 'PROBATION', from: 'BRANCH_VOTE_ADMIT', to: 'BRANCH_VOTE_CONVERT', minimumMonths: STAGE_MINIMUM_MONTHS.PROBATION },
] as const;

export const INTEGRATION_WEIGHTS: Readonly<Partial<Record<IndicatorId, number>>> = {
  secretary_dept_head_rate: 15,
  three_meetings_one_lesson_rate: 15,
  org_life_attendance_rate: 10,
  theme_party_day_rate: 10,
  volunteer_participation_rate: 10,
  outpatient_satisfaction: 15,
  inpatient_satisfaction: 15,
  senior_title_member_share: 10,
};

/**
 * The share of a target that applies to a period. A count or sum of events (EVENTS without a denominator)
 * has its target set per period of its grain — central-group study once a month — so a longer or shorter
 * period gets it pro-rated by months: a quarter three months' worth, January–June half a year's. Rates
 * and states at period end keep their target whatever the period.
 */
export function targetShare(d: Indicator, period: { firstMonth: number; lastMonth: number }): number {
  if (d.denominator != null || d.rollup !== 'EVENTS') return 1;
  return (period.lastMonth - period.firstMonth + 1) / GRAIN_MONTHS[d.grain];
}

/**
 * Indicators whose records belong to a department (survey responses, ethics events, department figures,
 * members counted by department, model posts, the departments themselves): these break down by
 * department as well as by child organisation. A record without a department counts in the
 * organisation's total only.
 */
export const DEPARTMENT_BREAKDOWN: ReadonlySet<IndicatorId> = new Set<IndicatorId>([
  'dept_branch_coverage_rate',
  'member_share_of_staff',
  'senior_title_member_share',
  'model_post_dept_coverage',
  'ethics_banners',
  'ethics_thank_letters',
  'refused_red_envelope_amount',
  'complaint_count',
  'outpatient_satisfaction',
  'inpatient_satisfaction',
  'staff_satisfaction',
]);

/**
 * What each activity type counts as: organisational life (三会一课, theme days, review meetings …), service
 * to the public (义诊, 健康讲座, 入户, 献血 …) or education. The catalog's formulas use these sets.
 */
/**
 * The organisation kinds that count as a branch (党支部) wherever branches are counted: a joint branch
 * (联合党支部, several departments together) is one. GraphQL enum names of OrgKind.
 */
export const BRANCH_KINDS = ['BRANCH', 'JOINT_BRANCH'] as const;

export const ACTIVITY_CATEGORIES = {
  ORG_LIFE: [
    'branch_general_meeting',
    'branch_committee_meeting',
    'group_meeting',
    'party_lecture',
    'theme_party_day',
    'org_life_meeting',
    'dual_org_life_meeting',
    'democratic_review',
    'political_birthday',
    'central_group_study',
  ],
  SERVICE: [
    'volunteer_service',
    'free_clinic',
    'health_lecture',
    'health_checkup',
    'home_visit',
    'first_aid_training',
    'blood_donation',
    'co_building',
    'paired_assistance',
    'poverty_relief',
    'epidemic_response',
  ],
  EDUCATION: ['red_education', 'integrity_education', 'publicity_talk', 'quiz', 'skills_contest', 'member_experience_day', 'study_session'],
  OTHER: ['heart_to_heart_talk', 'election'],
} as const;
export type ActivityCategory = keyof typeof ACTIVITY_CATEGORIES;

/**
 * Service activities that are volunteer service (志愿服务), and those reports list apart: epidemic duty,
 * paired assistance, co-building and poverty relief (they count in assistance_participation_rate).
 */
export const ASSISTANCE_TYPES = ['co_building', 'paired_assistance', 'poverty_relief', 'epidemic_response'] as const;
export const VOLUNTEER_TYPES = ACTIVITY_CATEGORIES.SERVICE.filter((t) => !(ASSISTANCE_TYPES as readonly string[]).includes(t));

/** IN_PROGRESS: the indicator's grain (or the current month) has not ended; never "not met" before it has. */
export type Status = 'MET' | 'WARNING' | 'NOT_MET' | 'NO_TARGET' | 'IN_PROGRESS';

export const STATUSES: Record<Status, Text> = {
  MET: { zh: '达标', en: 'Met' },
  WARNING: { zh: '预警', en: 'Warning' },
  NOT_MET: { zh: '未达标', en: 'Not met' },
  NO_TARGET: { zh: '无目标', en: 'No target' },
  IN_PROGRESS: { zh: '进行中（考核期未结束）', en: 'In progress (its period has not ended)' },
};

/**
 * A rate over fewer subjects than this is a small base (小样本): flagged, and never a mover by its
 * percentage alone (one of three new members is 33 points).
 */
export const SMALL_BASE = 5;

/** Why a value is null: never shown as 0. */
export const NULL_REASONS = {
  NOT_REPORTED: { zh: '未填报', en: 'Not reported' },
  NO_SUBJECTS: { zh: '无适用对象', en: 'Nothing to measure' },
  NOT_DISCLOSED: { zh: '未披露', en: 'Not disclosed' },
  SUPPRESSED: {
    zh: '人数过少已隐藏（少于最小单元人数，保护个人信息）',
    en: 'Withheld: too few persons (below the minimum cell size, to protect personal data)',
  },
} as const satisfies Record<string, Text>;
export type NullReason = keyof typeof NULL_REASONS;

/**
 * Where a value comes from. Records win: a figure reported for a period with records is shown beside them
 * (a discrepancy), never instead of them. NOT_DISCLOSED is never 0 and never 未填报.
 */
export const PROVENANCES = {
  RECORDS: { zh: '据记录计算', en: 'Computed from the records' },
  REPORTED: { zh: '报送值（无记录，按报送）', en: 'Reported (no records: the figure as reported)' },
  NOT_DISCLOSED: { zh: '未披露（单位保有但不公开）', en: 'Not disclosed (kept but withheld)' },
} as const satisfies Record<string, Text>;
export type Provenance = keyof typeof PROVENANCES;

/**
 * Status of a value against a target and a warning threshold (same unit). Higher is better: at or
 * above the target is met, at or above the warning threshold is a warning. Lower is better: mirrored.
 */
export function statusOf(direction: Direction, value: number | null, target: number | null, warning: number | null): Status | null {
  if (direction === 'CONTEXT' || target == null) return 'NO_TARGET';
  if (value == null) return null;
  if (direction === 'HIGHER') {
    if (value >= target) return 'MET';
    return warning != null && value >= warning ? 'WARNING' : 'NOT_MET';
  }
  if (value <= target) return 'MET';
  return warning != null && value <= warning ? 'WARNING' : 'NOT_MET';
}
