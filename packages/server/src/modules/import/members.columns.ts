/**
 * 党员名册 / the members roll: its columns, as the template writes them and the parser reads them. The
 * natural key is the hospital (from the branch) and the ID-card number, else the staff number (工号): a row
 * is the stored person with its ID-card number, or, when none has it, the one with its staff number (a
 * record kept without an ID-card number, or with a wrong one, is found and corrected so).
 */
import { Education, Gender, MembershipStatus, PoliticalStatus, ProfessionalTitle, StaffCategory } from '../../domain/enums.js';
import type { Column, KindSpec } from './columns.js';

const text = (
  field: string,
  header: string,
  aliases: string[],
  required: boolean,
  maxLength: number,
  note: string,
  personal = false,
): Column => ({
  field,
  header,
  aliases,
  type: 'text',
  required,
  maxLength,
  note,
  personal,
});

const choice = (
  field: string,
  header: string,
  aliases: string[],
  required: boolean,
  enumName: string,
  values: Record<string, string>,
  note: string,
): Column => ({
  field,
  header,
  aliases,
  type: 'enum',
  required,
  enumName,
  enumValues: values,
  note,
});

const yesNo = (field: string, header: string, aliases: string[], note: string): Column => ({
  field,
  header,
  aliases,
  type: 'boolean',
  required: false,
  note: `${note}填“是”或“否”，空白为“否”（更新时空白保持原值）`,
});

const date = (field: string, header: string, aliases: string[], note: string, personal = false): Column => ({
  field,
  header,
  aliases,
  type: 'date',
  required: false,
  note: `${note}如 2025-03-05、2025/3/5、2025年3月5日`,
  personal,
});

export const MEMBER_COLUMNS: readonly Column[] = [
  text('name', '姓名', ['name', '名字'], true, 64, '本人姓名', true),
  {
    field: 'idCardNo',
    header: '身份证号',
    aliases: ['id card no', 'idcardno', '身份证号码', '公民身份号码'],
    type: 'idCard',
    required: true,
    personal: true,
    note: '18 位居民身份证号（识别同一人员的依据；本列须为文本格式）',
  },
  choice('gender', '性别', ['gender', 'sex'], true, 'Gender', { ...Gender }, '男 或 女'),
  date(
    'birthDate',
    '出生日期',
    ['birth date', 'birthdate', '出生年月日'],
    '可空（取身份证号中的出生日期）；填写时须与身份证号一致。',
    true,
  ),
  text('ethnicity', '民族', ['ethnicity', 'nation'], false, 32, '如 汉族', true),
  text(
    'branch',
    '所在党支部',
    ['branch', 'organization', '党支部', '所在支部', '支部'],
    true,
    200,
    '党支部的编码或完整名称（须已存在且在您的管辖范围内；不会按名称新建组织）',
  ),
  text('department', '科室', ['department', '所在科室'], false, 200, '本院科室的完整名称（须已存在）'),
  choice(
    'politicalStatus',
    '政治面貌',
    ['political status', '发展阶段'],
    true,
    'PoliticalStatus',
    { ...PoliticalStatus },
    '从下拉列表选择',
  ),
  choice('membershipStatus', '党籍状态', ['membership status'], false, 'MembershipStatus', { ...MembershipStatus }, '空白为“在册”'),
  date('joinedOn', '入党日期', ['joined on', 'joinedon', '入党时间'], '支部大会接收之日（政治生日）；预备党员和正式党员必填。'),
  date('convertedOn', '转正日期', ['converted on', 'convertedon', '转正时间'], '正式党员必填，不早于入党日期。'),
  choice('education', '学历', ['education'], true, 'Education', { ...Education }, '从下拉列表选择'),
  choice(
    'professionalTitle',
    '职称',
    ['professional title', '专业技术职称', '职称级别'],
    true,
    'ProfessionalTitle',
    { ...ProfessionalTitle },
    '从下拉列表选择',
  ),
  choice('staffCategory', '人员类别', ['staff category', '岗位类别'], true, 'StaffCategory', { ...StaffCategory }, '从下拉列表选择'),
  yesNo('isDeptHead', '科室负责人', ['dept head', 'is dept head', '是否科室负责人'], ''),
  yesNo('isBackbone', '业务骨干', ['backbone', 'is backbone', '是否业务骨干'], ''),
  yesNo('isFrontline', '临床一线', ['frontline', 'is frontline', '是否临床一线'], ''),
  {
    field: 'mobile',
    header: '手机号',
    aliases: ['mobile', '手机', '手机号码', '联系电话'],
    type: 'mobile',
    required: false,
    personal: true,
    note: '11 位手机号（本列须为文本格式）',
  },
  text(
    'staffNo',
    '工号',
    ['staff no', 'staffno', 'staff number', '职工号', '员工号', '人事工号'],
    false,
    32,
    '本院职工工号（同一医院内不可重复；身份证号找不到已有人员时按工号识别；本列须为文本格式）',
    true,
  ),
];

export const MEMBERS: KindSpec = {
  kind: 'members',
  sheet: '党员名册',
  title: '党员名册导入模板 / Members roll import template',
  columns: MEMBER_COLUMNS,
  naturalKey: {
    fields: ['idCardNo', 'staffNo'],
    zh: '同一医院内以身份证号（找不到时以工号）识别同一人员：已有的更新，没有的新建，完全相同的不变',
    en: 'a person is identified by hospital and ID-card number (else staff number): existing ones are updated, new ones created, identical ones left unchanged',
  },
};
