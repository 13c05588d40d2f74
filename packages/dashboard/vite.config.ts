import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';
import { budgetPlugin } from './build/budget.ts';

const api = 'http://127.0.0.1:4000';

// `vite build` → dist/ (what the server ships); `vite build --mode e2e` → dist-e2e/ (the same app with
// the test hook on, for the browser tests; see .env.e2e).
export default defineConfig(({ mode }) => ({
  plugins: [vue(), budgetPlugin()],
  build: { outDir: mode === 'e2e' ? 'dist-e2e' : 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1200 },
  server: { proxy: { '/graphql': { target: api, ws: true }, '/graphiql': api, '/healthz': api } },
}));
