/**
 * The organisation tree (党委 → 党总支 → 党支部 → 党小组), kept per instance like the targets (a province's
 * 15,000 organisations are a few megabytes): a board, a breakdown and their targets then need no statement
 * of their own, and an aggregate grouped by a level of the tree joins its rows to a lookup array.
 * A write that changes the organisation table (found, rename, move, merge, dissolve, an import of
 * organisations) names it in its notification, and every instance drops its copy (db/instance-cache.ts);
 * a fact write (an activity, a survey response) keeps it. An organisation added by hand in the database is
 * found on its first miss (which drops the copy), a changed one within a minute.
 */
import { cached, dropCached } from '../db/instance-cache.js';
import type { Reader } from '../db/reader.js';
import { sql } from '../db/sql.js';

/** An organisation's place in the tree. */
export interface OrgInfo {
  id: number;
  parentId: number | null;
  kind: string;
  /** From the root down to the organisation itself (its materialised path). */
  ancestors: number[];
  foundedOn: string | null;
  dissolvedOn: string | null;
}

interface OrgRow {
  id: number;
  parent_id: number | null;
  kind: string;
  path: string;
  founded_on: string | null;
  dissolved_on: string | null;
}

const toOrgInfo = (r: OrgRow): OrgInfo => ({
  id: r.id,
  parentId: r.parent_id,
  kind: r.kind,
  ancestors: r.path.split('/').filter(Boolean).map(Number),
  foundedOn: r.founded_on,
  dissolvedOn: r.dissolved_on,
});

interface OrgTree {
  byId: Map<number, OrgInfo>;
  children: Map<number, OrgInfo[]>;
}

/** The whole tree of this instance (see the module comment). */
export function orgTree(reader: Reader): Promise<OrgTree> {
  return cached(reader, 'tree', ['organization'], async () => {
    const rows = await reader.rows<OrgRow>(
      sql`select id, parent_id, kind, path, founded_on::text, dissolved_on::text from organization order by id`,
    );
    const byId = new Map<number, OrgInfo>();
    const children = new Map<number, OrgInfo[]>();
    for (const o of rows.map(toOrgInfo)) {
      byId.set(o.id, o);
      if (o.parentId == null) continue;
      const siblings = children.get(o.parentId);
      if (siblings) siblings.push(o);
      else children.set(o.parentId, [o]);
    }
    return { byId, children };
  });
}

export async function orgInfo(reader: Reader, id: number): Promise<OrgInfo | null> {
  const hit = (await orgTree(reader)).byId.get(id);
  if (hit) return hit;
  // Not in the copy: unknown (a bad id, answered without reloading the tree), or new since it was read.
  return reader.memo(`indicator-org:${id}`, async () => {
    const [row] = await reader.rows<OrgRow>(
      sql`select id, parent_id, kind, path, founded_on::text, dissolved_on::text from organization where id = ${id}`,
    );
    if (!row) return null;
    dropCached(reader, 'tree');
    return (await orgTree(reader)).byId.get(id) ?? toOrgInfo(row);
  });
}

const levelMaps = new WeakMap<OrgTree, Map<string, (number | null)[]>>();

/**
 * For every organisation with one, the nearest organisation at or above it whose kind is one of `kinds`
 * (its branch, its general branch, its hospital's committee), from the instance's copy of the tree: what
 * an aggregate grouped by a level joins its rows to (computing it in SQL costs a lookup per organisation
 * per statement: 0.3 s at province scale).
 */
export async function levelMap(reader: Reader, kinds: readonly string[]): Promise<(number | null)[]> {
  const tree = await orgTree(reader);
  let maps = levelMaps.get(tree);
  if (!maps) levelMaps.set(tree, (maps = new Map()));
  const key = kinds.join(',');
  let map = maps.get(key);
  if (!map) {
    // Indexed by organisation id (PostgreSQL arrays start at 1): the level's id, or null.
    map = Array.from({ length: Math.max(0, ...tree.byId.keys()) }, () => null as number | null);
    for (const o of tree.byId.values()) {
      for (let i = o.ancestors.length - 1; i >= 0; i--) {
        const a = tree.byId.get(o.ancestors[i]!);
        if (a && kinds.includes(a.kind)) {
          map[o.id - 1] = a.id;
          break;
        }
      }
    }
    maps.set(key, map);
  }
  return map;
}

/** Children of an organisation, in id order. */
export async function childrenOf(reader: Reader, parent: number): Promise<OrgInfo[]> {
  return (await orgTree(reader)).children.get(parent) ?? [];
}
