/** Every entity of the hub, in one list that feeds MikroORM, the GraphQL schema and the node() lookup. */
import { Activity } from '../modules/activity/activity.entity.js';
import { Attendance } from '../modules/activity/attendance.entity.js';
import { Assessment } from '../modules/assessment/assessment.entity.js';
import { EthicsEvent } from '../modules/ethics/ethics-event.entity.js';
import { Honor } from '../modules/honor/honor.entity.js';
import { ModelPost } from '../modules/honor/model-post.entity.js';
import { DevelopmentEvent } from '../modules/member/development-event.entity.js';
import { Member } from '../modules/member/member.entity.js';
import { Position } from '../modules/member/position.entity.js';
import { DepartmentMetric } from '../modules/metric/department-metric.entity.js';
import { BranchDepartment, Department } from '../modules/organization/department.entity.js';
import { Hospital, Organization } from '../modules/organization/organization.entity.js';
import {
  AuditLog,
  IndicatorCell,
  IndicatorDefinitionBuilt,
  IndicatorRange,
  IndicatorTarget,
  IntegrationWeight,
} from '../modules/indicator/indicator.entity.js';
import { ResearchProject } from '../modules/research/research-project.entity.js';
import { Survey, SurveyResponse } from '../modules/survey/survey.entity.js';
import { BaseEntity, TimestampedEntity } from './base.entity.js';

export const entities = [
  BaseEntity,
  TimestampedEntity,
  Organization,
  Hospital,
  Department,
  BranchDepartment,
  Member,
  DevelopmentEvent,
  Position,
  Activity,
  Attendance,
  Survey,
  SurveyResponse,
  Honor,
  ModelPost,
  EthicsEvent,
  DepartmentMetric,
  ResearchProject,
  Assessment,
  // The indicator engine's tables (not GraphQL types).
  IndicatorCell,
  IndicatorTarget,
  IndicatorRange,
  IntegrationWeight,
  IndicatorDefinitionBuilt,
  AuditLog,
];

export {
  Activity,
  Assessment,
  Attendance,
  BranchDepartment,
  Department,
  DepartmentMetric,
  DevelopmentEvent,
  EthicsEvent,
  Honor,
  Hospital,
  Member,
  ModelPost,
  Organization,
  Position,
  ResearchProject,
  Survey,
  SurveyResponse,
};
