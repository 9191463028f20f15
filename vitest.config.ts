import { defineConfig } from "vitest/config";

/**
 * Three layers: unit tests beside the code (no I/O beyond the process), integration tests in tests/
 * against a real PostgreSQL (PGlite by default, a server when GUILDHALL_TEST_DATABASE_URL is set), and
 * end-to-end tests that drive real clients (Chromium, the Agents Playground).
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["src/**/*.test.{ts,tsx}", "bot/**/*.test.ts", "tests/unit/**/*.test.ts"],
          environment: "node",
          setupFiles: ["tests/support/unit-setup.ts"],
          // jsdom component tests share two CI cores with the integration project.
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          globalSetup: ["tests/support/database-setup.ts"],
          fileParallelism: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
