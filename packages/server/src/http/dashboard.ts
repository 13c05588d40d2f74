/**
 * The built dashboard at /, with its client-side routes falling back to index.html. Its assets go out as
 * compressed at build time (brotli, else gzip: vite-plugin-compression2 writes `.br` and `.gz` beside each,
 * express-static-gzip picks by Accept-Encoding and sets Content-Encoding and Vary); hashed assets are
 * immutable for a year, index.html is revalidated on every load (a new build is seen at once).
 */
import type express from 'express';
import expressStaticGzip from 'express-static-gzip';
import { existsSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';

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
    app.use(
      expressStaticGzip(dashboard, {
        enableBrotli: true,
        orderPreference: ['br', 'gz'],
        index: 'index.html',
        serveStatic: {
          cacheControl: false,
          setHeaders: (res: ServerResponse, path: string) => void res.setHeader('Cache-Control', cacheFor(dashboard, path)),
        },
      }),
    );
    // Client-side routes of the dashboard fall back to its index.html; a missing asset does not (a tab left
    // open over an upgrade asks for a chunk that is gone: a 404, not a page of HTML parsed as JavaScript).
    app.get(/^\/(?!graphql|graphiql|healthz|assets\/).*/, (_req, res) =>
      res.sendFile('index.html', { root: dashboard, cacheControl: false, headers: { 'Cache-Control': REVALIDATE } }),
    );
  } else {
    app.get('/', (_req, res) =>
      res
        .type('text/plain; charset=utf-8')
        .send('党建数据枢纽: the dashboard is not built (pnpm build). GraphQL: /graphql, GraphiQL: /graphiql'),
    );
  }
  return dashboard;
}

const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

/** Hashed build output (`assets/…-<hash>.js` under the dashboard) never changes under its name; everything else is asked again. */
export const cacheFor = (root: string, path: string): string => (relative(root, path).startsWith(`assets${sep}`) ? IMMUTABLE : REVALIDATE);
