/** What every resolver receives: a request-scoped EntityManager and the request's DataLoaders. */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Loaders } from './graphql/loaders.js';

export interface Context {
  em: EntityManager;
  loaders: Loaders;
}
