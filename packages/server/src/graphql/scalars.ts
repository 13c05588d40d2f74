/**
 * Scalars shared by the schema. Dates are calendar dates ("YYYY-MM-DD" strings, as PostgreSQL `date`
 * reaches us), so no time-zone shift can move a meeting to the previous day. Exact decimals (money,
 * scores stored as `numeric`) travel as strings, as PostGraphile's BigFloat does, so 0.1 + 0.2 never
 * becomes 0.30000000000000004 on the way.
 */
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { LocalDateResolver } from 'graphql-scalars';
import { d } from './describe.js';

/** Years PostgreSQL's `date` takes in this form: 0001–9999 (year 0000 does not exist; it answered an internal error). */
function inPostgresRange(date: string): string {
  if (date.startsWith('0000')) {
    throw new GraphQLError(`日期 ${date} 超出范围（年份 0001–9999） / date ${date} is out of range (years 0001–9999)`, {
      extensions: { code: 'BAD_USER_INPUT', reason: 'input/date_out_of_range' },
    });
  }
  return date;
}

/**
 * graphql-scalars' LocalDate, except that output already in the database's YYYY-MM-DD form is passed
 * through without re-validating it (measured: 2 % of a list query), and input must be a year PostgreSQL
 * takes (reads and writes alike).
 */
const base = LocalDateResolver.toConfig();
export const LocalDate = new GraphQLScalarType({
  ...base,
  serialize: (value) => (typeof value === 'string' && value.length === 10 ? value : LocalDateResolver.serialize(value)),
  parseValue: (value) => inPostgresRange(base.parseValue!(value) as string),
  parseLiteral: (ast, variables) => inPostgresRange(base.parseLiteral!(ast, variables) as string),
});

const DECIMAL = /^-?\d{1,28}(\.\d{1,10})?$/;

function decimal(value: unknown): string {
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  if (typeof text !== 'string' || !DECIMAL.test(text)) {
    throw new GraphQLError(`Decimal 需要十进制数字字符串，如 "1200.50" / Decimal expects a decimal number string such as "1200.50"`);
  }
  return text;
}

export const Decimal = new GraphQLScalarType({
  name: 'Decimal',
  description: d(
    '精确十进制数，以字符串表示（如 "1200.50"，对应 PostgreSQL numeric）',
    'Exact decimal number as a string (e.g. "1200.50"; PostgreSQL numeric)',
  ),
  serialize: (value) => (typeof value === 'string' ? value : decimal(value)),
  parseValue: decimal,
  parseLiteral(ast) {
    if (ast.kind === Kind.STRING || ast.kind === Kind.INT || ast.kind === Kind.FLOAT) return decimal(ast.value);
    throw new GraphQLError('Decimal 需要字符串或数字 / Decimal expects a string or a number', { nodes: ast });
  },
});
