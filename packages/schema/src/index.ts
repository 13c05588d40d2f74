/**
 * The shared contract of the party-building data hub.
 *
 * `schema.graphql` beside this package's `package.json` is emitted by `@party-hub/server`
 * (`pnpm schema:emit`) and committed; a server test fails when the committed file differs
 * from what the code builds. The dashboard generates its typed operations from it.
 * The indicator catalog and the period arithmetic are the single source for server and dashboard.
 */
import { fileURLToPath } from 'node:url';

/** Absolute path of the committed GraphQL SDL. */
export const schemaPath: string = fileURLToPath(new URL('../schema.graphql', import.meta.url));

export * from './catalog.ts';
export * from './period.ts';
export * from './judgement.ts';
