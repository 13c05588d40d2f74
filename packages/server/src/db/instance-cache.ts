/**
 * What rarely changes is kept per server instance for a short while: the cells' month range, the
 * targets and weights (a few rows), the reported figures and the organisation tree (nationally ≈ 400 k
 * rows). Each copy names the tables it reads. A write's notification (`indicators_changed`) names the
 * tables the write changed, and the feed drops only the copies that read one of them
 * (`invalidateInstanceCaches`): an activity, an attendance or a survey response moves cells, not the tree,
 * so N changes a second do not re-read the tree N times on every instance. A change that names no tables
 * (an older payload, one cut short, notifications missed while the listening connection was down) drops
 * every copy. The time limit covers edits made by hand in the database. One copy per pool, so two hubs in
 * one process (tests) keep theirs apart, and drop them apart.
 */
import type { Reader } from './reader.js';

const CACHE_MS = 60_000;

interface Entry {
  at: number;
  value: Promise<unknown>;
  /** The tables the copy was read from. */
  reads: readonly string[];
}

/** Each instance's copies, by its request pool (the instance: `reader.db.pool`, a write's `ctx.pool`, the feed's pool). */
const instanceCaches = new Map<object, Map<string, Entry>>();

const cacheOf = (reader: Reader): Map<string, Entry> => {
  let c = instanceCaches.get(reader.db.pool);
  if (!c) instanceCaches.set(reader.db.pool, (c = new Map()));
  return c;
};

interface Listener {
  instance: object | null;
  fn: () => void;
}
const invalidated = new Set<Listener>();

const tell = (instance: object | null) => {
  for (const l of invalidated) if (instance === null || l.instance === null || l.instance === instance) l.fn();
};

/**
 * Forgets the cached copies that read one of `tables` (the tables a change wrote), or every copy when the
 * change does not say (null: unknown, missed, cut short); of one instance (its request pool), or of every
 * instance in the process (null). The feed calls it on each change it hears, a write on its commit, each
 * for its own instance: two hubs in one process (tests) then learn of each other's writes only as two
 * servers do, through the notification. The listeners (the shared answers of http/coalesce.ts) move on
 * either way: every change may move cells.
 */
export function invalidateInstanceCaches(tables: readonly string[] | null = null, instance: object | null = null): void {
  for (const [pool, c] of instanceCaches) {
    if (instance !== null && pool !== instance) continue;
    if (tables === null) c.clear();
    else for (const [key, e] of c) if (e.reads.some((t) => tables.includes(t))) c.delete(key);
  }
  tell(instance);
}

/**
 * Calls `listener` on every invalidation of `instance`'s copies (null: of any instance's), for the shared
 * answers of http/coalesce.ts to move on; returns its removal.
 */
export function onInstanceCachesInvalidated(listener: () => void, instance: object | null = null): () => void {
  const l: Listener = { instance, fn: listener };
  invalidated.add(l);
  return () => void invalidated.delete(l);
}

/** Forgets one cached copy of this instance (e.g. the tree, when an organisation is not in it). */
export function dropCached(reader: Reader, key: string): void {
  cacheOf(reader).delete(key);
  // The copy was behind the database (an organisation made since): answers read from it are too.
  tell(reader.db.pool);
}

/**
 * The copy under `key`, loaded when missing or older than a minute; a failed load is not kept. `reads`: every
 * table `load` reads (joins too): a change to any of them drops the copy; one left out keeps it stale for up
 * to a minute after a write on another instance.
 */
export function cached<T>(reader: Reader, key: string, reads: readonly string[], load: () => Promise<T>): Promise<T> {
  const c = cacheOf(reader);
  const hit = c.get(key);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.value as Promise<T>;
  const value = load();
  const entry: Entry = { at: Date.now(), value, reads };
  c.set(key, entry);
  // Only this load's entry: a failure must not drop a newer copy loaded after an invalidation.
  value.catch(() => c.get(key) === entry && c.delete(key));
  return value;
}
