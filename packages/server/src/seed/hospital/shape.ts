/**
 * The shape of a demo hospital: departments grouped under general branches (党总支), their relative
 * sizes, which of them are large enough to split into a medical and a nursing branch ("支部建在科室上")
 * and which share a joint branch. tree.ts builds the organisation from it.
 */
import type { DepartmentType, OrgCategory } from '../../domain/enums.js';

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
