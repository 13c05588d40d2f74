/**
 * Analyst aggregates: for every fact with `aggregate` in its list declaration, a root field next to its
 * list (`surveyResponsesAggregate`) that groups the rows the list's own filter matches by typed keys —
 * enums, booleans and whole numbers, relations (a department, a survey), the organisation at a level of
 * the tree above each row (its branch, general branch or hospital), dates bucketed by day, week, month,
 * quarter or year — and measures each group: count, distinct count, sum, average, minimum, maximum,
 * median, percentiles and the ratios the entity defines, with `having`, ordering by a key or a measure,
 * top-N, subtotals and a grand total (GROUPING SETS), and empty time buckets filled on request.
 *
 * Each aggregate is one SQL statement, planned from what the operation selects (a measure is only
 * computed when asked, under its alias). The GraphQL types are derived from the same metadata as the
 * list's (model.ts), so personal columns, which the schema does not expose, can be neither grouped nor
 * measured. Written here rather than taken from a library: PostGraphile's pg-aggregates is a plugin of
 * PostGraphile's own schema builder, and nothing maintained plugs a group-by into type-graphql.
 *
 * The folder, from the bottom up: enums.ts (functions, totals, buckets, levels), entity.ts (keys,
 * measurable fields), types.ts (arguments, groups), inputs.ts and declare.ts (the GraphQL types),
 * check.ts, rows.ts, measures.ts, read.ts, fill.ts and compile.ts (the statement), resolvers.ts.
 */
export { setDefaultTimeZone } from './check.js';
export { compileAggregate, type CompiledAggregate } from './compile.js';
export { aggregateResolvers } from './declare.js';
export { AggregateFunction, AggregateTotals } from './enums.js';
export { attachAggregateResolvers } from './resolvers.js';
export type { AggregateArgs, GroupRow, MeasureInput } from './types.js';
