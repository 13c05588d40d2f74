/**
 * Per-request batching of nested relations, so a query over 50 branches and their members costs a
 * constant number of SQL statements: every `x.relation` in one tick becomes one `IN (…)` query.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import type { Entity, EntityClass } from './list.js';

type Ref = { id: number } | null | undefined;

export class Loaders {
  readonly #em: EntityManager;
  readonly #byId = new Map<object, DataLoader<number, unknown>>();
  readonly #byParent = new Map<string, DataLoader<number, unknown[]>>();

  constructor(em: EntityManager) {
    this.#em = em;
  }

  /** Loads the entity a many-to-one reference points at (null for a null reference). */
  async one<E extends Entity>(entity: EntityClass<E>, ref: Ref): Promise<E | null> {
    if (!ref) return null;
    let loader = this.#byId.get(entity) as DataLoader<number, E | null> | undefined;
    if (!loader) {
      loader = new DataLoader<number, E | null>(async (ids) => {
        const rows = await this.#em.find(entity, { id: { $in: [...ids] } });
        const byId = new Map(rows.map((r) => [r.id, r]));
        return ids.map((id) => byId.get(id) ?? null);
      });
      this.#byId.set(entity, loader);
    }
    return loader.load(ref.id);
  }

  /** Loads the rows whose `prop` points at `parentId`, ordered by `orderBy` then id. */
  async many<E extends Entity>(
    entity: EntityClass<E>,
    prop: string,
    parentId: number,
    orderBy: Record<string, 'asc' | 'desc'> = {},
  ): Promise<E[]> {
    const key = `${entity.name}.${prop}.${JSON.stringify(orderBy)}`;
    let loader = this.#byParent.get(key) as DataLoader<number, E[]> | undefined;
    if (!loader) {
      loader = new DataLoader<number, E[]>(async (ids) => {
        const rows = await this.#em.find(entity, { [prop]: { $in: [...ids] } }, { orderBy: { ...orderBy, id: 'asc' } as never });
        const groups = new Map<number, E[]>(ids.map((id) => [id, []]));
        for (const row of rows) groups.get((row as unknown as Record<string, { id: number }>)[prop].id)?.push(row);
        return ids.map((id) => groups.get(id) ?? []);
      });
      this.#byParent.set(key, loader);
    }
    return loader.load(parentId);
  }
}
