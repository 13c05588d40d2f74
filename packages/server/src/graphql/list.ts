/**
 * Root lists: one statement for a page (nested relations and connections embedded, see plan.ts) and its
 * count — each run only when the operation selects it. Paging itself is page.ts.
 */
import type { ConnectionShape } from './connection.js';
import type { EntityModel } from './model.js';
import { keyset, orderSql, planPage, toConnection, type ListArgs } from './page.js';
import { planNode, selectPlan } from './plan.js';
import type { Reader, Row } from '../db/reader.js';
import { connectionOf, type ResolveTree } from './selection.js';
import { ident, join, limit, raw, sql, type Sql } from '../db/sql.js';
import { compiling, orgCheck, scopedFilter, verifyOrgs } from './where.js';

const T = ident('t');

/**
 * A root list in one statement: the page (nested relations and connections embedded, see plan.ts)
 * and, when selected, the count — `count left join lateral page`, so an empty page still brings its
 * count — and a check that every organisation named by `orgId` exists.
 */
export async function listRows(reader: Reader, model: EntityModel, tree: ResolveTree, field: string[]): Promise<ConnectionShape<Row>> {
  const sel = connectionOf(tree, model.name);
  const args = sel.args as ListArgs;
  const page = planPage(model, args, field);
  const plan = planNode(model, sel.node, field);
  const q = compiling(reader);
  const where = await scopedFilter(q, model, args.filter, T, [...field, 'filter']);
  const table = sql`from ${ident(model.table)} ${T}`;
  const head: Sql[] = [];
  const check = orgCheck(q);
  if (check) head.push(check);
  if (sel.count) head.push(sql`(select count(*)::int ${table} where ${where})`);
  if (!sel.page) {
    const [values] = head.length ? await reader.arrays(sql`select ${join(head)}`) : [[]];
    await verifyOrgs(q, check ? (values[0] as number) : undefined);
    const count = sel.count ? (values.at(-1) as number) : 0;
    return toConnection(page, [], () => count);
  }
  const { order } = orderSql(page, T);
  const select = await selectPlan(q, plan, T);
  const keys = page.keys.map((k) => k.expr(T));
  const pageSql = sql`select ${select.items}, ${join(keys)} ${table} ${select.joins}
      where ${where}${page.cursor ? sql` and ${keyset(page.keys, page.cursor, T)}` : raw('')} order by ${order} limit ${limit(page.size + 1)}`;
  // With head columns, the page is a LATERAL subquery: one row with nulls when the page is empty.
  const rows = await reader.arrays(
    head.length ? sql`select ${join(head)}, p.* from (select 1) h left join lateral (${pageSql}) p on true` : pageSql,
  );
  await verifyOrgs(q, check ? (rows[0]?.[0] as number) : undefined);
  const count = sel.count ? (rows[0]?.[head.length - 1] as number) : 0;
  const width = rows[0]?.length ?? 0;
  const nodes = rows
    .filter((values) => values[head.length] != null)
    .map((values) => {
      const row = select.read(values.slice(head.length));
      keys.forEach((_, i) => (row[`__k${i}`] = values[width - keys.length + i]));
      return row;
    });
  return toConnection(page, nodes, () => count);
}
