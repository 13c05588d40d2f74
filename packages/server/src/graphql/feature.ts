/**
 * What a feature module (modules/<area>/index.ts) hands the composition root (app/): its entities
 * (MikroORM tables and GraphQL types), its list declarations (each becomes a list, a filter, an order and,
 * where declared, an aggregate) and its hand-written resolver classes (queries, mutations, subscriptions,
 * field resolvers). The generic layer never imports a feature: it is given these.
 */
import type { ClassType } from 'type-graphql';
import type { ListSpec } from './define-list.js';
import type { EntityClass } from './model.js';

export interface Feature {
  /** The folder's name, for messages. */
  name: string;
  entities: EntityClass[];
  lists: ListSpec[];
  resolvers: ClassType[];
}

/** A feature module's declaration (typed; nothing is registered by declaring it). */
export const defineFeature = (feature: Feature): Feature => feature;
