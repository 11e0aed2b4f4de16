import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';

export default defineConfig({
  plugins: [react(), tailwindcss()],
  build: {
    target: 'es2022',
    sourcemap: true,
    // bench/ reads the manifest to measure what sign-in and the APIs screen actually load.
    manifest: true,
  },
  test: {
    include: ['src/**/*.test.ts', 'sandbox/test/**/*.test.ts'],
    environment: 'node',
    // Sandbox tests each start their own sandbox; two cores, so two files at a time.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
