/**
 * Values by organisation × period × indicator, as the engine reads and answers them. Nested maps keyed
 * by the indicator's id, the period's key and the organisation's number — strings the catalog and the
 * (shared, frozen) periods already hold, whose hashes V8 keeps — rather than one map keyed by a string
 * built for every lookup: a month view looked up some thousand cells, targets and points, and making
 * and hashing those keys was a tenth of its CPU.
 */
export class Grid<T> {
  readonly #byId = new Map<string, Map<string, Map<number, T>>>();

  get(org: number, period: string, id: string): T | undefined {
    return this.#byId.get(id)?.get(period)?.get(org);
  }

  has(org: number, period: string, id: string): boolean {
    return this.#byId.get(id)?.get(period)?.has(org) ?? false;
  }

  set(org: number, period: string, id: string, value: T): this {
    let byPeriod = this.#byId.get(id);
    if (!byPeriod) this.#byId.set(id, (byPeriod = new Map()));
    let byOrg = byPeriod.get(period);
    if (!byOrg) byPeriod.set(period, (byOrg = new Map()));
    byOrg.set(org, value);
    return this;
  }

  /** Whether it holds nothing (a lookup can be skipped). */
  get empty(): boolean {
    return this.#byId.size === 0;
  }

  /** Every value with its coordinates. */
  *entries(): IterableIterator<[org: number, period: string, id: string, value: T]> {
    for (const [id, byPeriod] of this.#byId)
      for (const [period, byOrg] of byPeriod) for (const [org, v] of byOrg) yield [org, period, id, v];
  }

  /** Adds every value of another grid (theirs win). */
  merge(other: Grid<T>): this {
    for (const [org, period, id, v] of other.entries()) this.set(org, period, id, v);
    return this;
  }
}
