/**
 * The push cap (HUB_PUSH_MIN_INTERVAL, HUB_PUSH_MIN_INTERVAL_UPPER): an instance sends a board's subscribers
 * at most one push per interval, whatever the number of changes. One gate per subscribed organisation and
 * instance (every subscriber of that board shares it: 2,000 viewers of one board, one gate). The first
 * change after a quiet interval goes at once; changes heard within the interval after a push wait and are
 * merged into one trailing push sent when the interval ends: never lost, at most one interval late.
 *
 * Why: each push makes every viewer refetch its board. With identical reads answered once per change
 * (http/coalesce.ts) N viewers cost one execution per push, but still N requests; a province's boards hear
 * of every write of every hospital below, so without a cap a wall of viewers of a provincial board refetches
 * at the province's write rate. Upper bodies' cells move only when the folder folds (fold.ts, every 5 s),
 * so their default interval is the fold's.
 */
import type { IndicatorChange } from '../domain/changes.js';

/**
 * Defaults: a hospital's board (its committee and everything below) and an upper body's. 500 ms, not 1 s: a wall of
 * 2,000 viewers of one board at 5 writes/s waited 0–1 s for the next push at 1 s (write → board p95 0.93–1.42 s),
 * 0.47–0.50 s at 500 ms with patches (README, *A wall of viewers*), for 1.3 board statements a second instead of 0.5.
 */
export const PUSH_MIN_INTERVAL_MS = 500;
export const PUSH_MIN_INTERVAL_UPPER_MS = 5_000;

/** The intervals a feed caps pushes at, in ms (0: every change pushed at once, as before the cap). */
export interface PushIntervals {
  board: number;
  upper: number;
}

/** Changes merged into one: what a subscriber must reload to show all of them. */
export function mergeChanges(a: IndicatorChange, b: IndicatorChange): IndicatorChange {
  const readAfter = b.readAfter ?? a.readAfter;
  const position = readAfter === undefined ? {} : { readAfter };
  // "Refresh everything" stands for every change; its reason is the one told.
  if (a.orgIds === null || b.orgIds === null) {
    const all = a.orgIds === null ? a : b;
    return { orgIds: null, from: null, indicatorIds: [], reason: all.reason, at: b.at, ...position };
  }
  const from = a.from === null ? b.from : b.from === null ? a.from : a.from < b.from ? a.from : b.from;
  // An empty list is "every indicator of those organisations": so is the merge.
  const indicatorIds = a.indicatorIds.length && b.indicatorIds.length ? [...new Set([...a.indicatorIds, ...b.indicatorIds])] : [];
  return { orgIds: [...new Set([...a.orgIds, ...b.orgIds])], from, indicatorIds, reason: 'WRITE', at: b.at, ...position };
}

/** One board's gate on this instance: `send` is called at most once per `intervalMs`, with the merged changes. */
export class PushGate {
  #lastSent = -Infinity;
  #pending: IndicatorChange | null = null;
  #timer: NodeJS.Timeout | null = null;
  /** Pushes sent and changes merged into another's push (tests, the bench). */
  sent = 0;
  merged = 0;

  constructor(
    readonly intervalMs: number,
    private readonly send: (change: IndicatorChange) => void,
  ) {}

  offer(change: IndicatorChange): void {
    if (this.#pending) {
      this.#pending = mergeChanges(this.#pending, change);
      this.merged++;
      return;
    }
    const wait = this.#lastSent + this.intervalMs - performance.now();
    if (wait <= 0) return this.#push(change);
    this.#pending = change;
    this.#timer = setTimeout(() => this.#flush(), wait);
  }

  #flush(): void {
    this.#timer = null;
    const change = this.#pending;
    this.#pending = null;
    if (change) this.#push(change);
  }

  #push(change: IndicatorChange): void {
    this.#lastSent = performance.now();
    this.sent++;
    this.send(change);
  }

  /** The board's last subscriber left: nothing more is sent. */
  close(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#pending = null;
  }
}
