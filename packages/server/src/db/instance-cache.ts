/**
 * What rarely changes is kept per server instance for a short while: the cells' month range, the
 * targets and weights (a few rows) and the organisation tree. Writes that change them announce it
 * (`indicators_changed`), and the feed drops the copies (`invalidateInstanceCaches`); the time limit
 * covers edits made by hand in the database. One copy per pool, so two hubs in one process (tests)
 * keep theirs apart.
 */
import type { Reader } from './reader.js';

const CACHE_MS = 60_000;

interface Entry {
  at: number;
  value: Promise<unknown>;
}

const instanceCaches = new WeakMap<object, Map<string, Entry>>();
const allCaches = new Set<Map<string, Entry>>();

const cacheOf = (reader: Reader): Map<string, Entry> => {
  let c = instanceCaches.get(reader.db.pool);
  if (!c) {
    instanceCaches.set(reader.db.pool, (c = new Map()));
    allCaches.add(c);
  }
  return c;
};

const invalidated = new Set<() => void>();

/** Forgets every instance's cached copies (the feed calls it on each change it hears, a write on commit). */
export function invalidateInstanceCaches(): void {
  for (const c of allCaches) c.clear();
  for (const listener of invalidated) listener();
}

/** Calls `listener` on every invalidation (the shared answers of http/coalesce.ts move on); returns its removal. */
export function onInstanceCachesInvalidated(listener: () => void): () => void {
  invalidated.add(listener);
  return () => void invalidated.delete(listener);
}

/** Forgets one cached copy of this instance (e.g. the tree, when an organisation is not in it). */
export function dropCached(reader: Reader, key: string): void {
  cacheOf(reader).delete(key);
  // The copy was behind the database (an organisation made since): answers read from it are too.
  for (const listener of invalidated) listener();
}

/** The copy under `key`, loaded when missing or older than a minute; a failed load is not kept. */
export function cached<T>(reader: Reader, key: string, load: () => Promise<T>): Promise<T> {
  const c = cacheOf(reader);
  const hit = c.get(key);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.value as Promise<T>;
  const value = load();
  c.set(key, { at: Date.now(), value });
  value.catch(() => c.delete(key));
  return value;
}
