/**
 * Relay connections: `edges { cursor node }`, `nodes`, `pageInfo` and `totalCount`. The count is a
 * getter, so it runs only when a query selects it.
 */
import { Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { d } from './describe.js';

@ObjectType({ description: d('分页信息', 'Pagination information (Relay PageInfo)') })
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

export interface ConnectionData<T> {
  items: T[];
  cursorOf: (item: T) => string;
  pageInfo: PageInfo;
  count: () => Promise<number>;
}

export interface ConnectionShape<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: PageInfo;
  totalCount: Promise<number>;
}

/** Builds `XConnection` and `XEdge` object types for a node type. */
export function createConnection<T extends object>(
  nodeType: ClassType<T>,
  zh: string,
): ClassType<ConnectionShape<T>> & { from(data: ConnectionData<T>): ConnectionShape<T> } {
  const name = nodeType.name;

  @ObjectType(`${name}Edge`, { description: d(`${zh}列表中的一条`, `An edge in a ${name} connection`) })
  class Edge {
    @Field(() => String, { description: d('游标（用于after/before）', 'Cursor (for after/before)') })
    cursor!: string;

    @Field(() => nodeType, { description: d('节点', 'The node') })
    node!: T;
  }

  @ObjectType(`${name}Connection`, { description: d(`${zh}分页列表`, `Paginated list of ${name}`) })
  class Connection {
    #data!: ConnectionData<T>;

    static from(data: ConnectionData<T>): Connection {
      const c = new Connection();
      c.#data = data;
      c.pageInfo = data.pageInfo;
      return c;
    }

    @Field(() => [Edge], { description: d('边（游标与节点）', 'Edges (cursor and node)') })
    get edges(): Edge[] {
      return this.#data.items.map((node) => ({ cursor: this.#data.cursorOf(node), node }));
    }

    @Field(() => [nodeType], { description: d('节点（不需要游标时的简便写法）', 'Nodes (shortcut when cursors are not needed)') })
    get nodes(): T[] {
      return this.#data.items;
    }

    @Field(() => PageInfo, { description: d('分页信息', 'Pagination information') })
    pageInfo!: PageInfo;

    @Field(() => Int, { description: d('符合过滤条件的总数（与分页无关）', 'Total number matching the filter (ignores pagination)') })
    get totalCount(): Promise<number> {
      return this.#data.count();
    }
  }
  return Connection as never;
}
