import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';
import { compression } from 'vite-plugin-compression2';
import { budgetPlugin } from './build/budget.ts';

const api = 'http://127.0.0.1:4000';

// `vite build` → dist/ (what the server ships); `vite build --mode e2e` → dist-e2e/ (the same app with
// the test hook on, for the browser tests; see .env.e2e).
export default defineConfig(({ mode }) => ({
  // Every asset also as .br and .gz beside it, compressed once at build at the highest levels (the hub serves
  // them with Content-Encoding: http/dashboard.ts), rather than by the server on every request.
  plugins: [vue(), budgetPlugin(), compression({ algorithms: ['brotliCompress', 'gzip'], skipIfLargerOrEqual: true })],
  build: { outDir: mode === 'e2e' ? 'dist-e2e' : 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1200 },
  // The hub's own pages too: the first administrator's /setup and the one-time sign-in links (/auth/link/…).
  server: { proxy: { '/graphql': { target: api, ws: true }, '/graphiql': api, '/healthz': api, '/setup': api, '/auth': api } },
}));
