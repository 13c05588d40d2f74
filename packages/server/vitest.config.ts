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
    // A guard against a hang, not a promise: the longest test (seeding the hospital twice and comparing
    // checksums) took over 60 s on a busy two-core machine.
    testTimeout: 150_000,
    hookTimeout: 120_000,
  },
});
