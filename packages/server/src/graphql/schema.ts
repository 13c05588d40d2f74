/**
 * One resolver list feeds both the running server and the SDL committed in packages/schema.
 */
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import * as activity from '../modules/activity/activity.resolver.js';
import * as assessment from '../modules/assessment/assessment.resolver.js';
import * as ethics from '../modules/ethics/ethics.resolver.js';
import * as honor from '../modules/honor/honor.resolver.js';
import * as indicators from '../indicators/indicator.resolver.js';
import * as indicatorWrites from '../indicators/mutation.resolver.js';
import * as member from '../modules/member/member.resolver.js';
import * as metric from '../modules/metric/metric.resolver.js';
import * as organization from '../modules/organization/organization.resolver.js';
import * as research from '../modules/research/research.resolver.js';
import * as survey from '../modules/survey/survey.resolver.js';
import { attachResolvers, listResolvers } from './list-types.js';
import { NodeResolver } from './node.resolver.js';

const modules = [organization, member, activity, survey, honor, ethics, metric, research, assessment, indicators, indicatorWrites];
const isResolver = (v: unknown): v is new () => object => typeof v === 'function' && (v as { name: string }).name.endsWith('Resolver');

let cached: Promise<GraphQLSchema> | undefined;

export function buildHubSchema(): Promise<GraphQLSchema> {
  cached ??= (async () => {
    // The modules' list declarations were registered on import; their types are derived now.
    const resolvers = [NodeResolver, ...listResolvers(), ...modules.flatMap((m) => Object.values(m).filter(isResolver))];
    const schema = await buildSchema({
      resolvers: resolvers as [new () => object],
      validate: false,
      // Subscriptions bring their own source (indicators/live.ts: PostgreSQL LISTEN); type-graphql asks for a PubSub anyway.
      pubSub: {
        publish: () => undefined,
        subscribe: () => ({ [Symbol.asyncIterator]: () => ({ next: async () => ({ done: true, value: undefined }) }) }),
      },
    });
    attachResolvers(schema);
    return schema;
  })();
  return cached;
}

/** The SDL as committed in packages/schema/schema.graphql (types sorted, so diffs stay readable). */
export async function printHubSchema(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await buildHubSchema()))}\n`;
}
