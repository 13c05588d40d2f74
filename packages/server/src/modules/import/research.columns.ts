/**
 * 党建课题 / research projects: one project a row, led by an organisation named by code or full name. The
 * natural key is the organisation, the title and the approval date.
 */
import { HonorLevel, ProjectStatus } from '../../domain/enums.js';
import type { KindSpec } from './columns.js';
import { dateColumn, enumColumn, freeTextColumn, orgColumn } from './declare.js';

export const RESEARCH: KindSpec = {
  kind: 'research',
  sheet: '党建课题',
  sheetAliases: ['research', 'research projects', '课题'],
  title: '党建课题导入模板 / Research projects import template',
  columns: [
    orgColumn('organization', true, '牵头的党组织；'),
    freeTextColumn('title', '课题名称', ['title', '课题', '名称'], true, 300, ''),
    enumColumn('level', '级别', ['level', '立项级别'], true, 'HonorLevel', { ...HonorLevel }, '从下拉列表选择'),
    dateColumn('approvedOn', '立项日期', ['approved on', '日期'], true, '不晚于今天。如 2025-03-01'),
    enumColumn('status', '状态', ['status', '课题状态'], true, 'ProjectStatus', { ...ProjectStatus }, '从下拉列表选择'),
  ],
  naturalKey: {
    fields: ['organization', 'title', 'approvedOn'],
    zh: '以党组织 + 课题名称 + 立项日期识别同一课题：已有的更新级别和状态，没有的新建，完全相同的不变',
    en: 'a project is its organisation, title and approval date: an existing one has its level and status updated, a new one is created, an identical one left alone',
  },
};
