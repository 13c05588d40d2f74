/**
 * 党员示范岗 / model posts (示范岗, 先锋岗, 服务台, 突击队, 责任区): one post a row, held by a person (ID-card
 * number), a department (full name) or an organisation (code or full name), at least one of them. The natural
 * key is the type, the title, the holder and the date established; a revoked date added to a stored post
 * updates it.
 */
import { HonorLevel, ModelPostType } from '../../domain/enums.js';
import type { KindSpec } from './columns.js';
import { dateColumn, enumColumn, freeTextColumn, idCardColumn, orgColumn, textColumn } from './declare.js';

export const MODEL_POSTS: KindSpec = {
  kind: 'modelposts',
  sheet: '示范岗',
  sheetAliases: ['modelposts', 'model posts', '党员示范岗', '示范岗责任区'],
  title: '党员示范岗导入模板 / Model posts import template',
  columns: [
    enumColumn('type', '类型', ['type', '示范岗类型'], true, 'ModelPostType', { ...ModelPostType }, '从下拉列表选择'),
    freeTextColumn('title', '名称', ['title', '示范岗名称', '岗位名称'], true, 200, '如 心内科党员示范岗'),
    idCardColumn(
      'idCardNo',
      '身份证号',
      ['id card no', 'idcardno', '身份证号码', '岗位人员身份证号'],
      false,
      '岗位人员（本列须为文本格式）；人员、科室、党组织至少填一项',
    ),
    textColumn('department', '科室', ['department', '所在科室'], false, 200, '科室完整名称'),
    orgColumn('organization', false, '所属党组织；'),
    textColumn('hospital', '医院', ['hospital', '医院名称'], false, 200, '医院全称：按它查找人员和科室（您只管辖一家医院时可空）'),
    enumColumn('level', '命名级别', ['level', '级别'], true, 'HonorLevel', { ...HonorLevel }, '从下拉列表选择'),
    dateColumn('establishedOn', '设立日期', ['established on', '命名日期', '日期'], true, '不晚于今天。如 2025-07-01'),
    dateColumn('revokedOn', '撤销日期', ['revoked on'], false, '不早于设立日期；仍在的空白'),
  ],
  naturalKey: {
    fields: ['type', 'title', 'idCardNo', 'department', 'organization', 'establishedOn'],
    zh: '以类型 + 名称 + 岗位人员/科室/党组织 + 设立日期识别同一示范岗：已有的更新级别和撤销日期（空白保持原值），没有的新建，完全相同的不变',
    en: 'a post is its type, title, holder and date established: an existing one has its level and revoked date updated (a blank keeps what is stored), a new one is created, an identical one left alone',
  },
};
