/**
 * 活动及出勤 / activities with attendance: two sheets. 活动 names each activity by its natural key (organisation
 * + type + date + title) with its other fields; 出勤 names the activity by the same four cells and the person by
 * ID-card number or staff number (工号; both given: the same person), with their status, role, hours and the reason for leave or absence. Attendance may
 * name an activity of the 活动 sheet or one already recorded.
 */
import { ActivityStatus, ActivityType, AttendanceRole, AttendanceStatus } from '../../domain/enums.js';
import type { Column, KindSpec } from './columns.js';
import { dateColumn, enumColumn, freeTextColumn, idCardColumn, integerColumn, numberColumn, orgColumn } from './declare.js';

/** The four cells naming an activity, in both sheets. */
const ACTIVITY_KEY: readonly Column[] = [
  orgColumn('organization', true, '开展活动的'),
  enumColumn('type', '活动类型', ['type', 'activity type', '类型'], true, 'ActivityType', { ...ActivityType }, '从下拉列表选择'),
  dateColumn('heldOn', '日期', ['date', 'held on', '开展日期', '活动日期'], true, '已开展的不晚于今天；计划中的可在一年内。如 2025-03-05'),
  freeTextColumn('title', '主题', ['title', '活动主题', '标题', '名称'], true, 300, '活动的主题（同一党组织同一天同类型的活动以主题区分）'),
];

export const ACTIVITY_COLUMNS: readonly Column[] = [
  ...ACTIVITY_KEY,
  // The words 台账 use for a meeting's state besides the labels (a branch "召开" its meetings: 已召开 is 已开展).
  enumColumn('status', '状态', ['status', '活动状态'], false, 'ActivityStatus', { ...ActivityStatus }, '空白为“已开展”', {
    HELD: ['已召开', '已举行', '已举办', '已完成', '完成'],
    PLANNED: ['计划', '拟召开', '待开展', '未开展'],
    CANCELLED: ['取消', '已撤销'],
  }),
  freeTextColumn('location', '地点', ['location', '活动地点'], false, 200, ''),
  integerColumn('expectedCount', '应到人数', ['expected count', '应到'], false, '0–10000 的整数', { min: 0, max: 10_000 }),
  integerColumn('beneficiaryCount', '受益群众人数', ['beneficiary count', '服务人次', '受益人数'], false, '0–1000000 的整数', {
    min: 0,
    max: 1_000_000,
  }),
  freeTextColumn('festivalTag', '节日标签', ['festival tag', '节日'], false, 32, '如 学雷锋、七一、重阳'),
];

export const ATTENDANCE_COLUMNS: readonly Column[] = [
  ...ACTIVITY_KEY.map((c) => ({ ...c, note: `${c.note}（与“活动”表或已记录的活动一致）` })),
  idCardColumn(
    'idCardNo',
    '身份证号',
    ['id card no', 'idcardno', '身份证号码', '公民身份号码'],
    false,
    '参加人的 18 位身份证号（与“工号”至少填一项；本列须为文本格式）',
  ),
  enumColumn(
    'attendance',
    '出勤状态',
    ['attendance', 'attendance status', '出勤', '状态'],
    true,
    'AttendanceStatus',
    { ...AttendanceStatus },
    '出席、请假、缺席或免于参加',
    {
      EXEMPT: ['免出勤', '免参加'],
    },
  ),
  enumColumn('role', '角色', ['role', '参与角色'], false, 'AttendanceRole', { ...AttendanceRole }, '空白为“参加”'),
  numberColumn('hours', '时长（小时）', ['hours', '时长', '小时'], false, '0–24', { min: 0, max: 24 }),
  freeTextColumn(
    'reason',
    '原因',
    ['reason', '请假原因', '缺席原因', '请假/缺席原因'],
    false,
    200,
    '请假或缺席的原因（出席的不填；空白保持原值）',
  ),
  {
    ...freeTextColumn('staffNo', '工号', ['staff no', 'staffno', 'staff number', '职工号', '员工号'], false, 32, ''),
    personal: true,
    note: '参加人的本院工号（与“身份证号”至少填一项；两项都填须为同一人；本列须为文本格式）',
  },
];

export const ACTIVITIES: KindSpec = {
  kind: 'activities',
  sheet: '活动',
  sheetAliases: ['activities', 'activity', '活动记录'],
  title: '活动及出勤导入模板 / Activities with attendance import template',
  columns: ACTIVITY_COLUMNS,
  naturalKey: {
    fields: ['organization', 'type', 'heldOn', 'title'],
    zh: '以党组织 + 活动类型 + 日期 + 主题识别同一活动：已有的更新（空白保持原值），没有的新建，完全相同的不变',
    en: 'an activity is its organisation, type, date and title: an existing one is updated (blanks keep what is stored), a new one created, an identical one left alone',
  },
};

export const ATTENDANCE: KindSpec = {
  kind: 'activities',
  sheet: '出勤',
  sheetAliases: ['attendance', '出勤记录', '参加人员'],
  title: ACTIVITIES.title,
  columns: ATTENDANCE_COLUMNS,
  naturalKey: {
    fields: ['organization', 'type', 'heldOn', 'title', 'idCardNo', 'staffNo'],
    zh: '以活动 + 人员（身份证号或工号）识别同一出勤记录：已有的更新，没有的新建；文件中没有列出的出勤不会被删除',
    en: 'an attendance is its activity and the person (by ID-card number or staff number): existing ones are updated, new ones created; attendance the file does not list is left as it is',
  },
};
