/**
 * The composition root of the API: every feature's lists and resolvers (modules/index.ts) and the
 * generic layer's derived types (lists, filters, aggregates, node) become one GraphQL schema, which
 * feeds both the running server and the SDL committed in packages/schema. The read model is given the
 * running ORM's entity metadata here; nothing below this file imports a feature.
 */
import type { MetadataStorage } from '@mikro-orm/postgresql';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema, type ClassType } from 'type-graphql';
import { attachResolvers, listResolvers } from '../graphql/list-types.js';
import { useMetadata } from '../graphql/model.js';
import { NodeResolver } from '../graphql/node.resolver.js';
import { withLiveQuery } from '../modules/indicator/live-query.js';
import { features } from '../modules/index.js';

let cached: Promise<GraphQLSchema> | undefined;

/** The hub's schema, built once per process from the ORM's metadata. */
export function buildHubSchema(metadata: MetadataStorage): Promise<GraphQLSchema> {
  cached ??= (async () => {
    useMetadata(metadata);
    const lists = features.flatMap((f) => f.lists);
    const resolvers: ClassType[] = [NodeResolver, ...listResolvers(lists), ...features.flatMap((f) => f.resolvers)];
    const schema = await buildSchema({
      resolvers: resolvers as [ClassType, ...ClassType[]],
      validate: false,
      // Subscriptions bring their own source (indicators/live.ts: PostgreSQL LISTEN); type-graphql asks for a PubSub anyway.
      pubSub: {
        publish: () => undefined,
        subscribe: () => ({ [Symbol.asyncIterator]: () => ({ next: async () => ({ done: true, value: undefined }) }) }),
      },
    });
    attachResolvers(schema);
    return withLiveQuery(schema);
  })();
  return cached;
}

/** The SDL as committed in packages/schema/schema.graphql (types sorted, so diffs stay readable). */
export async function printHubSchema(metadata: MetadataStorage): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await buildHubSchema(metadata)))}\n`;
}
