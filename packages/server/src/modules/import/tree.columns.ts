/**
 * 组织架构 / the organisation tree, three sheets: 党组织 (organisations, by code), 科室 (departments, by name
 * within the hospital) and 支部科室 (which branch is built on which department, from a day). A file exported
 * from one hub (the `exports` below) imports into another whose hospital and committee exist already.
 */
import { DepartmentType, OrgCategory, OrgKind } from '../../domain/enums.js';
import type { Column, KindSpec } from './columns.js';
import { dateColumn, enumColumn, freeTextColumn, integerColumn, textColumn } from './declare.js';
import type { SheetExport } from './kind.js';

const TITLE = '组织架构导入模板 / Organisation tree import template';

export const ORG_COLUMNS: readonly Column[] = [
  textColumn(
    'code',
    '组织代码',
    ['code', '编码', '代码', '组织编码', '简称/编码'],
    true,
    64,
    '每个党组织一个，文件内不重复（识别同一组织）',
  ),
  freeTextColumn('name', '名称', ['name', '组织名称', '党组织名称'], true, 200, '完整名称；已有组织名称不同即更名'),
  enumColumn(
    'kind',
    '类型',
    ['kind', '组织类型'],
    true,
    'OrgKind',
    { ...OrgKind },
    '党委、党总支、党支部、联合党支部、党小组（党委行只对应本院已有的党委，不会新建）',
    { COMMITTEE: ['医院党委'], PARTY_GROUP: ['小组'] },
  ),
  enumColumn('category', '类别', ['category', '组织类别'], false, 'OrgCategory', { ...OrgCategory }, '从下拉列表选择'),
  textColumn(
    'parent',
    '上级组织',
    ['parent', '上级党组织', '上级'],
    false,
    200,
    '上级组织的编码或完整名称：已有的组织或本表中的一行（不会按名称新建）；党委行可空',
  ),
  dateColumn('foundedOn', '成立日期', ['founded on', '成立时间'], false, '新建组织必填，如 2015-07-01'),
  dateColumn('termStart', '本届任期开始', ['term start', '任期开始', '任期开始日期'], false, '不早于成立日期'),
  integerColumn('termYears', '任期年限', ['term years', '任期'], false, '1–10；空白时支部 3 年、党委 5 年', { min: 1, max: 10 }),
];

export const DEPT_COLUMNS: readonly Column[] = [
  freeTextColumn('name', '科室名称', ['department', 'name', '科室', '名称'], true, 200, '完整名称，同一医院内不重复'),
  enumColumn('type', '类型', ['type', '科室类型'], true, 'DepartmentType', { ...DepartmentType }, '从下拉列表选择', {
    CLINICAL: ['临床'],
    MEDTECH: ['医技'],
    ADMIN: ['职能', '行政'],
  }),
  freeTextColumn('parent', '上级科室', ['parent', '上级'], false, 200, '已有科室或本表中一行的完整名称；可空'),
  textColumn('hospital', '医院', ['hospital', '医院名称'], false, 200, '医院全称（您只管辖一家医院时可空）'),
];

export const LINK_COLUMNS: readonly Column[] = [
  textColumn('branch', '党支部', ['branch', '支部'], true, 200, '党支部或联合党支部的编码或完整名称（已有的或“党组织”表中的一行）'),
  freeTextColumn('department', '科室', ['department', '科室名称'], true, 200, '支部所在医院的科室完整名称（已有的或“科室”表中的一行）'),
  dateColumn('validFrom', '起始日期', ['valid from', '生效日期', '开始日期'], true, '不早于支部成立日期，不晚于今天'),
  dateColumn('validTo', '截止日期', ['valid to', '失效日期', '结束日期'], false, '空白：仍然有效（已有的保持原值）'),
  {
    field: 'isPrimary',
    header: '主要对应',
    aliases: ['is primary', '是否主要', '主要'],
    type: 'boolean',
    required: false,
    note: '是/否；空白为“是”（一个科室同一时间只有一个主要对应支部）',
  },
];

export const TREE_ORGS: KindSpec = {
  kind: 'tree',
  sheet: '党组织',
  sheetAliases: ['organizations', 'organisations', '组织'],
  title: TITLE,
  columns: ORG_COLUMNS,
  naturalKey: {
    fields: ['code'],
    zh: '以组织代码识别同一组织：没有的按上级新建（上级须已有或在本表中），名称不同的更名，完全相同的不变；上级不同的不会迁移（请在组织架构页面或接口中“迁移”）',
    en: 'an organisation is its code: a new one is founded under its parent (existing or a row of this sheet), a changed name renames it, an identical one is left alone; a different parent is never a silent move (move it in the tree page or API)',
  },
};

export const TREE_DEPTS: KindSpec = {
  kind: 'tree',
  sheet: '科室',
  sheetAliases: ['departments', '科室列表'],
  title: TITLE,
  columns: DEPT_COLUMNS,
  naturalKey: {
    fields: ['hospital', 'name'],
    zh: '以医院 + 科室名称识别同一科室：没有的新建，类型不同的更新，相同的不变',
    en: 'a department is its hospital and name: a new one is created, a changed type updated, an identical one left alone',
  },
};

export const TREE_LINKS: KindSpec = {
  kind: 'tree',
  sheet: '支部科室',
  sheetAliases: ['branch departments', 'links', '支部—科室', '支部-科室'],
  title: TITLE,
  columns: LINK_COLUMNS,
  naturalKey: {
    fields: ['branch', 'department', 'validFrom'],
    zh: '以党支部 + 科室 + 起始日期识别同一对应关系：没有的新建（不能与该科室已有的对应关系重叠），填写截止日期即结束仍有效的对应关系',
    en: 'a link is its branch, department and start: a new one is created (it may not overlap the department’s other links), an end date ends a link still open',
  },
};

/** The hospital an organisation lies under (its committee on its path). */
const HOSPITAL_OF_O = `(select h.id from hospital h where h.committee_id = any(string_to_array(trim(both '/' from o.path), '/')::int[]) order by h.id limit 1)`;

/** The three sheets as the hub holds them: active organisations under a hospital's committee, open departments, their links. */
export const TREE_EXPORTS: readonly SheetExport[] = [
  {
    from: `organization o left join organization p on p.id = o.parent_id`,
    key: 'o.id',
    hospital: HOSPITAL_OF_O,
    where: `(o.dissolved_on is null or o.dissolved_on > current_date) and ${HOSPITAL_OF_O} is not null`,
    source: {
      code: 'o.code',
      name: 'o.name',
      kind: 'o.kind',
      category: 'o.category',
      parent: `case when o.kind = 'committee' then null else coalesce(p.code, p.name) end`,
      foundedOn: 'o.founded_on::text',
      termStart: 'o.term_start::text',
      termYears: 'o.term_years',
    },
  },
  {
    from: `department d join hospital h on h.id = d.hospital_id join organization o on o.id = h.committee_id left join department pd on pd.id = d.parent_id`,
    key: 'd.id',
    hospital: 'd.hospital_id',
    where: 'd.closed_on is null',
    source: { name: 'd.name', type: 'd.type', parent: 'pd.name', hospital: 'h.name' },
  },
  {
    from: `branch_department bd join organization o on o.id = bd.branch_id join department d on d.id = bd.department_id`,
    key: 'bd.id',
    hospital: 'd.hospital_id',
    where: '(o.dissolved_on is null or o.dissolved_on > current_date) and d.closed_on is null',
    source: {
      branch: 'coalesce(o.code, o.name)',
      department: 'd.name',
      validFrom: 'bd.valid_from::text',
      validTo: 'bd.valid_to::text',
      isPrimary: 'bd.is_primary',
    },
  },
];
