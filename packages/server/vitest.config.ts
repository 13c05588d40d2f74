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
    // One worker runs many files (isolate: false): a fresh worker per file evaluated the server's whole module graph
    // (type-graphql, MikroORM, Apollo, the app) again each time, ≈ 20 s a file on the loaded two-core CI machine. The
    // 40 shortest files took 392 s that way and 186 s without (load average 8–11, all 168 tests passing either way).
    // Each file still gets its own database and hub; no server test mocks modules or stubs globals (vi.mock,
    // vi.stubGlobal); citus-check.test.ts sets its one environment variable in a try/finally.
    isolate: false,
    // A guard against a hang, not a promise: the longest test (seeding the hospital twice and comparing
    // checksums) took over 60 s on a busy two-core machine.
    testTimeout: 150_000,
    hookTimeout: 120_000,
  },
});
