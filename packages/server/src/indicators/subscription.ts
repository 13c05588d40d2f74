/** One subscriber's queue of changes (indicators/live.ts feeds it; graphql-ws reads it). */
import type { IndicatorChange } from '../domain/changes.js';

/** Changes a subscriber that stopped reading may have queued before it is told to refresh everything instead. */
export const QUEUE_LIMIT = 100;

/** "Everything may have changed": a subscriber re-reads all it shows. */
export const refreshAll = (reason: 'RECONNECTED' | 'OVERFLOW'): IndicatorChange => ({
  orgIds: null,
  from: null,
  indicatorIds: [],
  reason,
  at: new Date(),
});

/**
 * A push queue as an async iterator, ended at once by `return()` (graphql-ws calls it when a client unsubscribes).
 * A subscriber that falls `limit` changes behind gets one "refresh everything" in their place, never silence:
 * a queued refresh stands for every change before it is read, so changes after it are not queued.
 */
export class Subscription implements AsyncIterableIterator<IndicatorChange> {
  readonly #queue: IndicatorChange[] = [];
  #waiting: ((r: IteratorResult<IndicatorChange>) => void) | null = null;
  #done = false;

  constructor(
    private readonly unsubscribe: () => void,
    private readonly limit = QUEUE_LIMIT,
  ) {}

  push(change: IndicatorChange): void {
    if (this.#done) return;
    if (this.#waiting) {
      const resolve = this.#waiting;
      this.#waiting = null;
      resolve({ value: change, done: false });
    } else if (change.orgIds === null) {
      this.#queue.splice(0, this.#queue.length, change);
    } else if (this.#queue[0]?.orgIds === null) {
      // Already told to refresh everything: this change is part of it.
    } else if (this.#queue.length >= this.limit) {
      this.#queue.splice(0, this.#queue.length, refreshAll('OVERFLOW'));
    } else {
      this.#queue.push(change);
    }
  }

  next(): Promise<IteratorResult<IndicatorChange>> {
    if (this.#queue.length) return Promise.resolve({ value: this.#queue.shift()!, done: false });
    if (this.#done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => (this.#waiting = resolve));
  }

  return(): Promise<IteratorResult<IndicatorChange>> {
    this.#done = true;
    this.unsubscribe();
    this.#waiting?.({ value: undefined, done: true });
    this.#waiting = null;
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator]() {
    return this;
  }
}
