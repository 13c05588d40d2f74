/** What a write announces and a subscriber receives: keys only, never values or names. */
export interface IndicatorChange {
  /** Changed organisations with all their ancestors; null: everything may have changed (refresh all). */
  orgIds: number[] | null;
  /** First changed day (ISO), or null with orgIds null. */
  from: string | null;
  indicatorIds: string[];
  /** WRITE: a write's keys; RECONNECTED: the listening connection was lost; OVERFLOW: the subscriber fell behind. */
  reason: 'WRITE' | 'RECONNECTED' | 'OVERFLOW';
  at: Date;
  /** With read replicas: the primary's WAL position when the listener heard of the change (db/replicas.ts). */
  readAfter?: string;
}

/**
 * The changes that concern an organisation's subtree, as an async iterator (indicators/live.ts feeds it).
 * `upper`: the organisation is an upper body (above the hospitals), whose pushes are capped at its own interval.
 */
export interface ChangeFeed {
  subscribe(orgId: number, options?: { upper?: boolean }): AsyncIterableIterator<IndicatorChange>;
}
