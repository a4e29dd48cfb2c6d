import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'

// One renderer, two hosts: Electron loads out/renderer from disk, and the server serves the same
// files at /app for the browser build (relative base makes both work).
export default defineConfig({
  main: {
    build: { outDir: 'out/main', rollupOptions: { input: { index: resolve('src/main/index.ts') } } },
  },
  preload: {
    // a sandboxed preload must be one CommonJS file
    build: {
      outDir: 'out/preload',
      rollupOptions: { input: { index: resolve('src/preload/index.ts') }, output: { format: 'cjs', entryFileNames: '[name].cjs' } },
    },
  },
  renderer: {
    root: 'src/renderer',
    base: './',
    plugins: [react()],
    build: {
      outDir: resolve('out/renderer'),
      manifest: true,
      rollupOptions: { input: { index: resolve('src/renderer/index.html') } },
    },
  },
})
