import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** Absolute path of a file or folder given relative to this config (works wherever `vite` is started). */
const here = (relative: string): string => decodeURIComponent(new URL(relative, import.meta.url).pathname);

const API = 'http://localhost:3000';

/**
 * The wavedesk web app. `npm run build:web` writes it to dist/web, which the API serves on its own port;
 * `npm run dev:web` serves it with hot reload and passes API, socket.io and Bull Board calls to the API.
 */
export default defineConfig({
  root: here('.'),
  plugins: [react()],
  resolve: {
    alias: { '@wavedesk/contracts': here('../../libs/contracts/src') },
  },
  build: {
    outDir: here('../../dist/web'),
    emptyOutDir: true,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': API,
      '/admin': API,
      '/socket.io': { target: API, ws: true },
    },
  },
});
