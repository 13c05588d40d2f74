/**
 * The server's house rules, checked by `src/layers.test.ts` (part of `pnpm test`) and by
 * `pnpm --filter @party-hub/server layers`: no import circles (type-only imports included), and
 * imports only point down the layers of the architecture (../../README.md, "Architecture"):
 *
 *   main, cli, test-support → http → app (the composition root) → modules (features), seed
 *   → indicators (the engine) → graphql (the generic layer) → org-tree, context → db → domain, errors, config, migrations
 *
 * A file may import its own layer and any layer below it, never one above.
 */
const LAYERS = [
  ['entry', '^src/(main|production)\\.ts$|^src/cli/|^src/test-support/'],
  ['http', '^src/http/'],
  ['app', '^src/app/'],
  ['features', '^src/modules/|^src/seed/'],
  ['engine', '^src/indicators/'],
  ['graphql', '^src/graphql/'],
  ['tree', '^src/org-tree/|^src/context\\.ts$'],
  ['db', '^src/db/'],
  ['base', '^src/domain/|^src/(errors|config)\\.ts$|^src/migrations/'],
];

const upward = LAYERS.flatMap(([name, path], i) =>
  LAYERS.slice(0, i).map(([above, abovePath]) => ({
    name: `${name}-not-to-${above}`,
    comment: `${name} (${path}) sits below ${above}: it may not import it`,
    severity: 'error',
    from: { path, pathNot: '\\.(test|measure)\\.ts$' },
    to: { path: abovePath },
  })),
);

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'an import circle: split the shared part into a module below both',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'every-file-in-a-layer',
      comment: 'a source file outside every layer: add its folder to LAYERS',
      severity: 'error',
      from: {
        path: '^src/',
        pathNot: `\\.(test|measure)\\.ts$|${LAYERS.map(([, p]) => `(${p})`).join('|')}`,
      },
      to: {},
    },
    ...upward,
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: 'node_modules|^dist/' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
