/**
 * The shape of a demo hospital: departments grouped under general branches (党总支), which of them
 * are large enough to split into a medical and a nursing branch ("支部建在科室上"), and what each
 * kind of department reports every month.
 */
import type { DepartmentType, OrgCategory } from '../domain/enums.js';

export interface DeptSpec {
  name: string;
  type: `${DepartmentType}`;
  /** Relative size: staff, patients, members. */
  weight: number;
  surgical?: boolean;
  /** Split into 医疗党支部 + 护理党支部. */
  split?: boolean;
  /** Shares a joint branch (联合党支部) with the next department of the same joint key. */
  joint?: string;
  /** No outpatient clinic (intensive care, anaesthesiology): no outpatient survey responses. */
  noClinic?: boolean;
}

export interface GeneralBranchSpec {
  name: string;
  category: `${OrgCategory}`;
  departments: DeptSpec[];
  /** Branches not built on a department (retired staff, trainees). */
  extraBranches?: { name: string; category: `${OrgCategory}`; weight: number }[];
  /** Admin departments are served by a few 机关党支部 rather than one branch each. */
  pooledBranches?: number;
}

export const GENERAL_BRANCHES: GeneralBranchSpec[] = [
  {
    name: '内科党总支',
    category: 'clinical',
    departments: [
      { name: '心血管内科', type: 'clinical', weight: 1.4, split: true },
      { name: '呼吸与危重症医学科', type: 'clinical', weight: 1.2, split: true },
      { name: '消化内科', type: 'clinical', weight: 1.1 },
      { name: '神经内科', type: 'clinical', weight: 1.1 },
      { name: '肾内科', type: 'clinical', weight: 0.8 },
      { name: '内分泌科', type: 'clinical', weight: 0.8 },
      { name: '血液内科', type: 'clinical', weight: 0.7 },
      { name: '肿瘤科', type: 'clinical', weight: 1.0 },
      { name: '感染科', type: 'clinical', weight: 0.6 },
      { name: '老年医学科', type: 'clinical', weight: 0.7 },
      { name: '中医科', type: 'clinical', weight: 0.6 },
    ],
  },
  {
    name: '外科党总支',
    category: 'clinical',
    departments: [
      { name: '普通外科', type: 'clinical', weight: 1.4, surgical: true, split: true },
      { name: '骨科', type: 'clinical', weight: 1.3, surgical: true, split: true },
      { name: '神经外科', type: 'clinical', weight: 0.9, surgical: true },
      { name: '心胸外科', type: 'clinical', weight: 0.8, surgical: true },
      { name: '泌尿外科', type: 'clinical', weight: 0.8, surgical: true },
      { name: '肝胆外科', type: 'clinical', weight: 0.8, surgical: true },
      { name: '眼科', type: 'clinical', weight: 0.6, surgical: true },
      { name: '耳鼻咽喉科', type: 'clinical', weight: 0.5, surgical: true, joint: '五官' },
      { name: '口腔科', type: 'clinical', weight: 0.5, surgical: true, joint: '五官' },
      { name: '皮肤科', type: 'clinical', weight: 0.4 },
    ],
  },
  {
    name: '妇儿急危重症党总支',
    category: 'clinical',
    departments: [
      { name: '妇产科', type: 'clinical', weight: 1.3, surgical: true, split: true },
      { name: '儿科', type: 'clinical', weight: 1.2, split: true },
      { name: '急诊科', type: 'clinical', weight: 1.0 },
      { name: '重症医学科', type: 'clinical', weight: 0.9, noClinic: true },
      { name: '麻醉科', type: 'clinical', weight: 0.9, surgical: true, noClinic: true },
      { name: '康复医学科', type: 'clinical', weight: 0.6 },
    ],
  },
  {
    name: '医技党总支',
    category: 'medtech',
    departments: [
      { name: '检验科', type: 'medtech', weight: 0.9 },
      { name: '放射科', type: 'medtech', weight: 1.0 },
      { name: '超声医学科', type: 'medtech', weight: 0.7 },
      { name: '病理科', type: 'medtech', weight: 0.5, joint: '病理核医学' },
      { name: '核医学科', type: 'medtech', weight: 0.3, joint: '病理核医学' },
      { name: '药学部', type: 'medtech', weight: 0.9 },
    ],
    extraBranches: [
      { name: '研究生党支部', category: 'trainee', weight: 0.7 },
      { name: '规培医师党支部', category: 'trainee', weight: 0.6 },
    ],
  },
  {
    name: '机关党总支',
    category: 'admin',
    pooledBranches: 4,
    departments: [
      { name: '党委办公室', type: 'admin', weight: 0.4 },
      { name: '院长办公室', type: 'admin', weight: 0.4 },
      { name: '医务部', type: 'admin', weight: 0.5 },
      { name: '护理部', type: 'nursing_unit', weight: 0.4 },
      { name: '人力资源部', type: 'admin', weight: 0.4 },
      { name: '财务部', type: 'admin', weight: 0.5 },
      { name: '科研部', type: 'research', weight: 0.4 },
      { name: '信息中心', type: 'logistics', weight: 0.4 },
      { name: '后勤保障部', type: 'logistics', weight: 0.8 },
      { name: '医院感染管理科', type: 'admin', weight: 0.3 },
    ],
  },
  {
    name: '离退休党总支',
    category: 'retired',
    departments: [],
    extraBranches: [
      { name: '离退休第一党支部', category: 'retired', weight: 1.3 },
      { name: '离退休第二党支部', category: 'retired', weight: 1.3 },
      { name: '离退休第三党支部', category: 'retired', weight: 1.1 },
    ],
  },
];

export const THEME_DAY_TOPICS = [
  '学习贯彻党的二十大精神',
  '重温入党誓词',
  '学党章守党规',
  '清廉医院建设',
  '改善就医感受提升患者体验',
  '医德医风专题学习',
  '学习《中国共产党纪律处分条例》',
  '深入基层送医送药',
  '强化安全生产意识',
  '发扬伟大抗疫精神',
  '弘扬新时代医疗卫生职业精神',
  '党建引领学科建设',
  '学习身边先进典型',
  '讲好医院红色故事',
];
export const LECTURE_TOPICS = [
  '坚持和加强党对公立医院的全面领导',
  '以高质量党建引领医院高质量发展',
  '新时代医务工作者的初心使命',
  '从党史中汲取奋进力量',
  '全面从严治党永远在路上',
  '做党和人民信赖的好医生',
  '廉洁行医与医德修养',
];
export const PARTNERS = [
  '江城市东湖街道社区党委',
  '江城市第三中学党支部',
  '临川县人民医院',
  '清河镇卫生院',
  '江城市消防救援支队',
  '江城市图书馆党支部',
  '云溪村党支部',
  '江城市邮政分公司党委',
  '兰陵社区卫生服务中心',
];
export const LOCATIONS = ['行政楼三楼会议室', '门诊楼五楼示教室', '科室示教室', '院史馆', '党员活动室', '线上（腾讯会议）', '图书馆报告厅'];
export const RESEARCH_TOPICS = [
  '“支部建在科室上”背景下临床科室党建与业务融合路径研究',
  '公立医院党支部书记“双带头人”培育机制研究',
  '党建引领下改善患者就医体验的实践研究',
  '医院党员示范岗建设成效评价研究',
  '新时代公立医院医德医风建设长效机制研究',
  '离退休党员“银发先锋”志愿服务模式研究',
  '医联体内党建共建机制研究',
  '清廉医院建设评价指标体系研究',
  '青年医务人员政治引领与思想教育研究',
  '党建业务融合指数构建与应用研究',
];
export const PROVINCE_CITIES = ['江城', '临川', '清河', '云溪', '兰陵', '平阳', '安和', '青州', '南浦', '东川', '白鹭', '石门'];
export const PROVINCE_HOSPITAL_KINDS = [
  '第一人民医院',
  '第二人民医院',
  '中心医院',
  '中医院',
  '妇幼保健院',
  '第三人民医院',
  '人民医院',
  '中西医结合医院',
  '肿瘤医院',
];
