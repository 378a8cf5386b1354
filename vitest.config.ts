// The whole suite runs twice: on PostgreSQL (the production database) and on embedded
// PGlite (the default product mode). Smoke tests that start real server processes run once.
import { defineConfig } from "vitest/config";

const suite = ["packages/*/test/**/*.test.ts", "apps/*/test/**/*.test.{ts,tsx}", "tests/**/*.test.ts"];
const once = ["tests/smoke/**/*.test.ts"];

export default defineConfig({
  // Node loads graphql's CommonJS build for Pothos and Yoga; Vite would pick its ESM build
  // for our sources. Two copies of graphql break instanceof checks, so use one.
  resolve: { alias: [{ find: /^graphql$/, replacement: "graphql/index.js" }] },
  test: {
    // Two files at a time on the 2-core CI machine: left to itself vitest ran one at a time
    // there (50 minutes a run instead of about 25), and CI runs the suite on two Node versions.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: "postgres",
          include: suite,
          exclude: once,
          env: { HUB_TEST_DB: "postgres" },
          globalSetup: ["packages/test-utils/src/global-setup.ts"],
        },
      },
      {
        extends: true,
        test: { name: "pglite", include: suite, exclude: once, env: { HUB_TEST_DB: "pglite" } },
      },
      {
        extends: true,
        test: { name: "smoke", include: once, testTimeout: 120_000, hookTimeout: 180_000 },
      },
    ],
  },
});
