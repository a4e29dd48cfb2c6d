import { defineConfig } from 'vitest/config'

// Three projects, one command: unit tests beside their subjects, integration tests that start the
// real server, end-to-end tests that drive the built app in Chromium.
export default defineConfig({
  test: {
    // CI has 2 cores, yet three files at a time, end-to-end beside integration: most files mostly
    // wait on child servers, sockets and browsers, and each has its own ports, folders and
    // PostgreSQL database
    maxWorkers: 3,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'server/**/*.test.ts', 'tests/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
})
