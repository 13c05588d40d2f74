import { defineList } from '../../graphql/define-list.js';
import { Activity } from '../activity/activity.entity.js';
import { Member } from '../member/member.entity.js';
import { Position } from '../member/position.entity.js';
import { BranchDepartment, Department } from './department.entity.js';
import { Hospital, Organization } from './organization.entity.js';

export const OrganizationList = defineList({
  entity: Organization,
  queryName: 'organizations',
  reference: true,
  zh: '党组织',
  en: 'Party organisations',
  scope: [''],
  orderBy: ['name', 'path', 'depth', 'kind', 'foundedOn'],
  hasMany: {
    children: { target: () => Organization, via: 'parent', zh: '直接下级党组织', en: 'Direct child organisations' },
    members: {
      target: () => Member,
      via: 'organization',
      zh: '直接隶属本组织的人员（子树请用 members(filter: {orgId})）',
      en: 'People directly in this organisation (for the subtree use members(filter: {orgId}))',
    },
    activities: { target: () => Activity, via: 'organization', zh: '本组织开展的活动', en: 'Activities held by this organisation' },
    positions: { target: () => Position, via: 'organization', zh: '本组织的任职记录', en: 'Positions held in this organisation' },
    departments: { target: () => Department, via: 'branch', zh: '当前建在其上的科室', en: 'Departments this branch is currently built on' },
  },
});

export const HospitalList = defineList({
  entity: Hospital,
  queryName: 'hospitals',
  reference: true,
  zh: '医院',
  en: 'Hospitals',
  scope: ['committee'],
  orderBy: ['name', 'level'],
  hasMany: { departments: { target: () => Department, via: 'hospital', zh: '科室', en: 'Departments' } },
});

export const DepartmentList = defineList({
  entity: Department,
  queryName: 'departments',
  reference: true,
  zh: '科室',
  en: 'Departments',
  scope: ['branch', 'hospital.committee'],
  scopeNote: [
    '子树过滤：建在该党组织子树内支部上的科室，或该党组织下医院的全部科室',
    'Subtree filter: departments whose branch is under this organisation, or of a hospital under it',
  ],
  orderBy: ['name', 'type'],
  hasMany: {
    branchHistory: { target: () => BranchDepartment, via: 'department', zh: '支部对应历史', en: 'History of branch mappings' },
    members: { target: () => Member, via: 'department', zh: '本科室人员', en: 'People of this department' },
  },
});

export const BranchDepartmentList = defineList({
  entity: BranchDepartment,
  queryName: 'branchDepartments',
  reference: true,
  zh: '支部—科室对应关系',
  en: 'Branch–department mappings',
  scope: ['branch'],
  orderBy: ['validFrom', 'validTo'],
});
