/** Short ways to declare the columns of a kind (columns.ts), for the kinds after members. */
import type { Column } from './columns.js';

type Extra = Partial<Omit<Column, 'field' | 'header' | 'aliases' | 'type' | 'required' | 'note'>>;

const column =
  (type: Column['type']) =>
  (field: string, header: string, aliases: string[], required: boolean, note: string, extra: Extra = {}): Column => ({
    field,
    header,
    aliases,
    type,
    required,
    note,
    ...extra,
  });

export const textColumn = (field: string, header: string, aliases: string[], required: boolean, maxLength: number, note: string): Column =>
  column('text')(field, header, aliases, required, note, { maxLength });
/** Free text kept as typed (a title, a place): only spaces trimmed and collapsed. */
export const freeTextColumn = (
  field: string,
  header: string,
  aliases: string[],
  required: boolean,
  maxLength: number,
  note: string,
): Column => column('text')(field, header, aliases, required, note, { maxLength, verbatim: true });
export const dateColumn = column('date');
export const monthColumn = column('month');
export const integerColumn = column('integer');
/** A yes/no column (是/否). */
export const booleanColumn = column('boolean');
export const numberColumn = column('number');
export const idCardColumn = (field: string, header: string, aliases: string[], required: boolean, note: string): Column =>
  column('idCard')(field, header, aliases, required, note, { personal: true });

/** An enum column: its labels come from the SDL (`${enumName}Labels`), its stored values from the enum. */
export const enumColumn = (
  field: string,
  header: string,
  aliases: string[],
  required: boolean,
  enumName: string,
  values: Record<string, string>,
  note: string,
  enumAliases?: Record<string, string[]>,
): Column =>
  column('enum')(field, header, aliases, required, note, { enumName, enumValues: values, ...(enumAliases ? { enumAliases } : {}) });

/** The organisation column the activities and honours kinds share: named by code or full name, never created. */
export const orgColumn = (field: string, required: boolean, note = ''): Column =>
  textColumn(
    field,
    '党组织',
    ['organization', 'organisation', '组织', '党支部', '支部', '所在党组织', '开展活动的党组织'],
    required,
    200,
    `${note}党组织的编码或完整名称（须已存在且在您的管辖范围内；不会按名称新建组织）`,
  );
