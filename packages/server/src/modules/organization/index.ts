/**
 * 党组织、医院与科室 / Organisations, hospitals and departments, with their writes. The tree's history: a
 * restructure on a day is a succession (the old organisation dissolved that day, a successor founded under the
 * new parent, `organization_succession` linking them), never a re-parenting in place, so every earlier period's
 * figures stay under the old parents — organization.writes.ts says how, and what still follows people and
 * departments; reference.writes.ts who writes hospitals, departments and links.
 */
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
