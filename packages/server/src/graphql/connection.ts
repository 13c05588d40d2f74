/**
 * Relay connections: `edges { cursor node }`, `nodes`, `pageInfo` and `totalCount`. A connection is a
 * plain object whose `edges` and `totalCount` are getters, read only when the operation selects them
 * (so cursors are made and the count awaited only when asked for).
 */
import { Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { TOTAL_COUNT_COST } from './limits.js';
import { d } from './describe.js';

@ObjectType({ description: d('分页信息', 'Pagination information (Relay PageInfo)'), simpleResolvers: true })
export class PageInfo {
  @Field(() => Boolean, { description: d('是否有下一页', 'Whether more items follow') })
  hasNextPage!: boolean;

  @Field(() => Boolean, { description: d('是否有上一页', 'Whether items precede') })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: d('本页第一条的游标', 'Cursor of the first item of the page') })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: d('本页最后一条的游标', 'Cursor of the last item of the page') })
  endCursor!: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

/** What a list resolver returns; `edges` and `totalCount` are getters, read only when selected. */
export interface ConnectionShape<T> {
  readonly nodes: T[];
  readonly edges: Edge<T>[];
  readonly pageInfo: PageInfo;
  readonly totalCount: Promise<number> | number;
}

export const EMPTY_PAGE: PageInfo = { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null };

const connections = new Map<object, ClassType>();

/** The one `XConnection` type of a node type, with its `XEdge` (created once, shared by root and nested lists). */
export function connectionOf(nodeType: ClassType, zh: string): ClassType {
  const existing = connections.get(nodeType);
  if (existing) return existing;
  const name = nodeType.name;

  @ObjectType(`${name}Edge`, { description: d(`${zh}列表中的一条`, `An edge in a ${name} connection`), simpleResolvers: true })
  class Edge {
    @Field(() => String, { description: d('游标（用于after/before）', 'Cursor (for after/before)') })
    cursor!: string;

    @Field(() => nodeType, { description: d('节点', 'The node') })
    node!: object;
  }

  @ObjectType(`${name}Connection`, { description: d(`${zh}分页列表`, `Paginated list of ${name}`), simpleResolvers: true })
  class Connection {
    @Field(() => [Edge], { description: d('边（游标与节点）', 'Edges (cursor and node)') })
    edges!: Edge[];

    @Field(() => [nodeType], { description: d('节点（不需要游标时的简便写法）', 'Nodes (shortcut when cursors are not needed)') })
    nodes!: object[];

    @Field(() => PageInfo, { description: d('分页信息', 'Pagination information') })
    pageInfo!: PageInfo;

    @Field(() => Int, {
      description: d('符合过滤条件的总数（与分页无关）', 'Total number matching the filter (ignores pagination)'),
      complexity: TOTAL_COUNT_COST,
    })
    totalCount!: number;
  }
  connections.set(nodeType, Connection);
  return Connection;
}
