import { defineConfig } from 'vite'

// No Preact plugin: Vite's own JSX transform, pointed at Preact's automatic runtime.
export default defineConfig({
  root: import.meta.dirname,
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: { outDir: 'dist', emptyOutDir: true },
  server: { proxy: { '/api': 'http://127.0.0.1:8000', '/keystone': 'http://127.0.0.1:8000' } },
})
