import { createRequire } from 'node:module';
import { defineProject } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineProject({
  // Legacy decorators with design:type metadata, as tsc emits them for the build (MikroORM and
  // type-graphql read it); Oxc does not emit it by default.
  oxc: { decorator: { legacy: true, emitDecoratorMetadata: true } },
  resolve: {
    // type-graphql is CommonJS: make every import of graphql the same CommonJS copy (one realm).
    alias: { graphql: require.resolve('graphql') },
  },
  test: {
    name: 'server',
    include: ['src/**/*.test.ts'],
    globalSetup: ['src/test-support/global-setup.ts'],
    setupFiles: ['reflect-metadata'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
