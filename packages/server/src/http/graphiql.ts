/**
 * GraphiQL served from this server's own files (hospital intranets reach no CDN): the prebuilt
 * graphiql 3 bundle and React 18 UMD builds straight from node_modules, no build step.
 */
import express, { type Router } from 'express';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
/** A file inside a package (its "exports" map does not list the UMD builds, so resolve its folder). */
const pkgFile = (pkg: string, file: string) => join(dirname(require.resolve(`${pkg}/package.json`)), file);

const assets: Record<string, { file: string; type: string }> = {
  'react.js': { file: pkgFile('react', 'umd/react.production.min.js'), type: 'text/javascript' },
  'react-dom.js': { file: pkgFile('react-dom', 'umd/react-dom.production.min.js'), type: 'text/javascript' },
  'graphiql.js': { file: pkgFile('graphiql', 'graphiql.min.js'), type: 'text/javascript' },
  'graphiql.css': { file: pkgFile('graphiql', 'graphiql.min.css'), type: 'text/css' },
};

/** What GraphiQL opens with: every branch (支部 and 联合支部), a few of its members in good standing. */
export const DEFAULT_QUERY = `# 党建数据枢纽 —— Ctrl+Enter 运行 / to run
{
  organizations(
    filter: { kind: { in: [BRANCH, JOINT_BRANCH] } }
    first: 5
    orderBy: [{ field: NAME }]
  ) {
    totalCount
    nodes {
      id
      name
      category
      members(
        first: 5
        filter: { membershipStatus: { eq: ACTIVE } }
      ) {
        totalCount
        nodes { maskedName politicalStatus }
      }
    }
  }
}
`;

const init = `
const fetcher = GraphiQL.createFetcher({ url: '/graphql' });
ReactDOM.createRoot(document.getElementById('graphiql')).render(
  React.createElement(GraphiQL, { fetcher, defaultQuery: ${JSON.stringify(DEFAULT_QUERY)}, defaultEditorToolsVisibility: true }),
);`;

const page = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>GraphiQL · 党建数据枢纽</title>
<link rel="stylesheet" href="/graphiql/assets/graphiql.css">
<style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
<div id="graphiql">加载中… / Loading…</div>
<script src="/graphiql/assets/react.js"></script>
<script src="/graphiql/assets/react-dom.js"></script>
<script src="/graphiql/assets/graphiql.js"></script>
<script src="/graphiql/assets/init.js"></script>
</body>
</html>`;

export function graphiqlRouter(): Router {
  const router = express.Router();
  router.get('/', (_req, res) => {
    res.type('html').send(page);
  });
  router.get('/assets/init.js', (_req, res) => {
    res.type('text/javascript').send(init);
  });
  router.get('/assets/:name', (req, res, next) => {
    const asset = assets[req.params.name];
    if (!asset) return next();
    res.type(asset.type).setHeader('cache-control', 'public, max-age=86400');
    // pnpm keeps packages under node_modules/.pnpm: a dot-folder that send() would otherwise refuse.
    res.sendFile(asset.file, { dotfiles: 'allow' });
  });
  return router;
}
