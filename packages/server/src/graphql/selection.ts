/**
 * What an operation selects below a field, parsed with graphql-parse-resolve-info (fragments,
 * aliases, @include/@skip, arguments with variables applied) into a tree the planner walks. A tree is
 * parsed once per root field and request; nested resolvers find their data already embedded.
 */
import { parseResolveInfo, type ResolveTree } from 'graphql-parse-resolve-info';
import type { GraphQLResolveInfo } from 'graphql';

export type { ResolveTree };

/** Fields selected on `typeName` (by response key), including those asked on the `Node` interface. */
export function fieldsOn(tree: ResolveTree | undefined, typeName: string): Map<string, ResolveTree> {
  const out = new Map<string, ResolveTree>();
  for (const [type, fields] of Object.entries(tree?.fieldsByTypeName ?? {})) {
    if (type !== typeName && type !== 'Node') continue;
    for (const [key, f] of Object.entries(fields)) if (!out.has(key)) out.set(key, f);
  }
  return out;
}

export interface ConnectionSelection {
  /** `totalCount` is selected. */
  count: boolean;
  /** `nodes`, `edges` or `pageInfo` is selected: the page must be fetched. */
  page: boolean;
  /** Fields selected on the node type, through `nodes` and `edges { node }` merged. */
  node: Map<string, ResolveTree>;
  args: Record<string, unknown>;
}

/** The selection of a field whose type is `<Node>Connection`. */
export function connectionOf(tree: ResolveTree, nodeType: string): ConnectionSelection {
  const node = new Map<string, ResolveTree>();
  let count = false;
  let page = false;
  for (const f of Object.values(tree.fieldsByTypeName[`${nodeType}Connection`] ?? {})) {
    if (f.name === 'totalCount') count = true;
    else if (f.name !== '__typename') page = true;
    const merge = (t: ResolveTree) => fieldsOn(t, nodeType).forEach((v, k) => node.has(k) || node.set(k, v));
    if (f.name === 'nodes') merge(f);
    if (f.name === 'edges') for (const e of Object.values(f.fieldsByTypeName[`${nodeType}Edge`] ?? {})) if (e.name === 'node') merge(e);
  }
  return { count, page, node, args: tree.args };
}

/** The parsed tree of the field being resolved. */
export const treeOf = (info: GraphQLResolveInfo): ResolveTree => parseResolveInfo(info) as ResolveTree;
