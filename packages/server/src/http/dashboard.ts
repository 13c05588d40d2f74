/** The built dashboard at /, with its client-side routes falling back to index.html. */
import express from 'express';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

// A declared dependency of the server (package.json), so it resolves from here without NODE_PATH.
function defaultDashboardDir(): string | null {
  try {
    return dirname(createRequire(import.meta.url).resolve('@party-hub/dashboard/dist/index.html'));
  } catch {
    return null;
  }
}

/** Serves the dashboard (the one asked, else the installed one); returns its directory, or null when there is none. */
export function serveDashboard(app: express.Express, wanted: string | null | undefined): string | null {
  const dir = wanted === undefined ? defaultDashboardDir() : wanted;
  const dashboard = dir && existsSync(join(dir, 'index.html')) ? dir : null;
  if (dashboard) {
    app.use(express.static(dashboard, { index: 'index.html', maxAge: '1h' }));
    // Client-side routes of the dashboard fall back to its index.html.
    app.get(/^\/(?!graphql|graphiql|healthz).*/, (_req, res) => res.sendFile('index.html', { root: dashboard }));
  } else {
    app.get('/', (_req, res) =>
      res
        .type('text/plain; charset=utf-8')
        .send('党建数据枢纽: the dashboard is not built (pnpm build). GraphQL: /graphql, GraphiQL: /graphiql'),
    );
  }
  return dashboard;
}
