import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const API_ORIGIN = 'http://localhost:3000';

// No @vitejs/plugin-react: Vite 8 compiles TSX itself with oxc, using React's automatic runtime.
export default defineConfig({
  root: here('.'),
  base: '/',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: here('../../dist/admin'),
    emptyOutDir: true,
    rolldownOptions: {
      onLog(level, log, defaultHandler) {
        // MUI marks its modules 'use client' for server components: meaningless in a browser-only bundle.
        if (log.code === 'MODULE_LEVEL_DIRECTIVE') return;
        defaultHandler(level, log);
      },
      output: {
        // Libraries change less often than the app: separate chunks stay cached across deployments.
        codeSplitting: {
          groups: [
            {
              name: 'react',
              test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/,
            },
            { name: 'mui', test: /node_modules[\\/](@mui|@emotion)[\\/]/ },
            { name: 'vendor', test: /node_modules[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': {
        target: API_ORIGIN,
        // The API refuses cookie-authenticated writes from another origin (CSRF check, docs/auth-api.md):
        // the dev server's pages are the API's own app, so their writes carry its origin.
        configure: (proxy) =>
          proxy.on('proxyReq', (request) => {
            if (request.getHeader('origin')) request.setHeader('origin', API_ORIGIN);
          }),
      },
    },
  },
});
