/**
 * A kind's import template, made from its column declaration (columns.ts): the data sheet with the Chinese
 * headers (required ones marked *), enum columns with a dropdown of the SDL's Chinese labels, ID-card and
 * mobile columns formatted as text (so Excel keeps every digit), date columns as dates; and a 填写说明 sheet
 * saying what each column takes, which labels are allowed (Chinese or English), and how rows are matched.
 */
import ExcelJS from 'exceljs';
import { columnLetter, enumChoices, type Column, type KindSpec } from './columns.js';
import { LIMITS } from './read.js';

const TEMPLATE_ROWS = 2000;

const TYPE_ZH: Record<Column['type'], string> = {
  text: '文本',
  date: '日期',
  enum: '下拉选择',
  idCard: '身份证号（文本）',
  mobile: '手机号（文本）',
  boolean: '是/否',
  month: '月份（文本，如 2025-03）',
  integer: '整数',
  number: '数值',
};

const LISTS = '选项';

/** The enum (and 是/否) columns' choices of every sheet, each in a column of the hidden lists sheet. */
const choiceColumns = (specs: readonly KindSpec[]) =>
  specs
    .flatMap((spec) => spec.columns.filter((c) => c.type === 'enum' || c.type === 'boolean').map((c) => ({ spec, c })))
    .map(({ spec, c }, i) => ({
      spec,
      c,
      letter: columnLetter(i + 1),
      labels: c.type === 'boolean' ? ['是', '否'] : enumChoices(c).map((e) => e.zh),
    }));

/** Where each dropdown takes its choices from, by sheet and field. */
const rangesOf = (specs: readonly KindSpec[]) =>
  new Map(
    choiceColumns(specs).map(({ spec, c, letter, labels }) => [
      `${spec.sheet}|${c.field}`,
      `'${LISTS}'!$${letter}$1:$${letter}$${labels.length}`,
    ]),
  );

/** The hidden sheet of dropdown choices (after the data and instructions sheets: the parser reads the first). */
function listsSheet(wb: ExcelJS.Workbook, specs: readonly KindSpec[]): void {
  const lists = wb.addWorksheet(LISTS, { state: 'veryHidden' });
  for (const { letter, labels } of choiceColumns(specs)) labels.forEach((label, r) => (lists.getCell(`${letter}${r + 1}`).value = label));
}

function dataSheet(wb: ExcelJS.Workbook, spec: KindSpec, ranges: Map<string, string>): void {
  const ws = wb.addWorksheet(spec.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = spec.columns.map((c) => ({
    header: c.required ? `${c.header}*` : c.header,
    key: c.field,
    width: Math.max(10, c.header.length * 2 + 6, c.type === 'idCard' ? 22 : 0),
    style:
      c.type === 'idCard' || c.type === 'mobile' || c.type === 'text' || c.type === 'month'
        ? { numFmt: '@' }
        : c.type === 'date'
          ? { numFmt: 'yyyy-mm-dd' }
          : {},
  }));
  ws.getRow(1).font = { bold: true };
  spec.columns.forEach((c, i) => {
    const letter = columnLetter(i + 1);
    ws.getCell(`${letter}1`).note = c.note;
    const range = ranges.get(`${spec.sheet}|${c.field}`);
    if (!range) return;
    // One rule over the column's rows (exceljs writes one <dataValidation> per range with its address).
    (ws as unknown as { dataValidations: { add(a: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(
      `${letter}2:${letter}${TEMPLATE_ROWS + 1}`,
      {
        type: 'list',
        allowBlank: !c.required,
        formulae: [range],
        showErrorMessage: true,
        errorStyle: 'warning',
        errorTitle: c.header,
        error: '请从下拉列表中选择 / choose from the list',
      },
    );
  });
}

function instructions(wb: ExcelJS.Workbook, specs: readonly KindSpec[]): void {
  const ws = wb.addWorksheet('填写说明');
  const several = specs.length > 1;
  ws.columns = [
    { header: several ? '工作表 / 列' : '列', width: several ? 20 : 14 },
    { header: '必填', width: 6 },
    { header: '类型', width: 16 },
    { header: '说明', width: 60 },
    { header: '可填的值（中文或英文均可）', width: 70 },
    { header: '也接受的表头', width: 40 },
  ];
  ws.getRow(1).font = { bold: true };
  for (const spec of specs) for (const c of spec.columns) column(ws, several ? `${spec.sheet} / ${c.header}` : c.header, c);
  ws.addRow([]);
  for (const line of [
    ...specs.map((spec) => `${several ? `“${spec.sheet}”：` : ''}识别规则：${spec.naturalKey.zh}。`),
    `同一文件导入两次，第二次不会有任何改变。`,
    `表头可以在前 10 行内、任意顺序；请勿改动表头名称${several ? '和工作表名称' : ''}。空白的可选单元格在更新时保持原值。`,
    `先“试导入”（不写入任何数据），列出每个问题（工作表、行号、列）；全部改正后再“确认导入”：全部写入或全部不写入。`,
    `文件不超过 ${LIMITS.bytes / 1048576} MB，每个工作表不超过 ${LIMITS.rowsPerSheet.toLocaleString('en')} 行；也可上传 UTF-8 或 GBK 编码的 CSV${several ? '（每个 CSV 是一个工作表，按表头识别）' : ''}。`,
    `身份证号、手机号两列须为文本格式（模板已设置）；若 Excel 显示为 1.10105E+17，请设置为文本后重新填写。`,
  ])
    ws.addRow([line]);
}

/** One column's line of the instructions: what it takes, the labels allowed (and other words accepted). */
function column(ws: ExcelJS.Worksheet, name: string, c: Column): void {
  const also = Object.values(c.enumAliases ?? {}).flat();
  const allowed =
    c.type === 'enum'
      ? enumChoices(c)
          .map((e) => `${e.zh} / ${e.en}`)
          .join('；') + (also.length ? `（也可写：${also.join('、')}）` : '')
      : c.type === 'boolean'
        ? '是 / 否'
        : '';
  ws.addRow([name, c.required ? '是' : '', TYPE_ZH[c.type], c.note, allowed, c.aliases.join('、')]);
}

/** The template workbook of a kind (its data sheets, the instructions, the hidden choices), as .xlsx bytes. */
export async function templateWorkbook(specs: KindSpec | readonly KindSpec[]): Promise<Buffer> {
  const sheets = Array.isArray(specs) ? (specs as readonly KindSpec[]) : [specs as KindSpec];
  const wb = new ExcelJS.Workbook();
  wb.creator = '党建数据枢纽';
  wb.title = sheets[0].title;
  const ranges = rangesOf(sheets);
  for (const spec of sheets) dataSheet(wb, spec, ranges);
  instructions(wb, sheets);
  listsSheet(wb, sheets);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
