/// <reference types="vitest" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Dev server: `npm run dev` proxies the API to a local `ordergate up` (OG_API, default :8100).
const api = process.env.OG_API ?? 'http://127.0.0.1:8100';

export default defineConfig({
  base: '/console/',
  plugins: [react()],
  build: {
    outDir: '../app/console_dist',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 700,
  },
  server: {
    host: '127.0.0.1',
    proxy: {
      '/graphql': { target: api, ws: true },
      '/v1': api,
      '/oauth': api,
    },
  },
  test: {
    environment: 'node',
    include: ['test/**/*.test.ts'],
  },
});
