/** 党组织、医院与科室 / Organisations, hospitals and departments. */
import { defineFeature } from '../../graphql/feature.js';
import { OrganizationWriteResolver } from './organization.resolver.js';
import { Hospital, Organization } from './organization.entity.js';
import { BranchDepartment, Department } from './department.entity.js';
import { OrganizationSuccession } from './succession.entity.js';
import { BranchDepartmentList, DepartmentList, HospitalList, OrganizationList } from './organization.lists.js';

export const organization = defineFeature({
  name: 'organization',
  entities: [Organization, Hospital, Department, BranchDepartment, OrganizationSuccession],
  lists: [OrganizationList, HospitalList, DepartmentList, BranchDepartmentList],
  resolvers: [OrganizationWriteResolver],
});
