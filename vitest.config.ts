import { randomBytes } from "node:crypto";
import { defineConfig } from "vitest/config";

// One id per test run, inherited by every test worker: two runs on one machine (a developer's and CI's,
// or two checkouts) then never touch each other's databases and queues.
process.env.RSU_TEST_RUN ??= randomBytes(3).toString("hex");

// Three kinds of test, one command (`npm test`). Integration and browser tests talk to the real
// PostgreSQL and Redis; each file creates its own database and queue prefix (test/helpers/).
export default defineConfig({
  test: {
    // Vitest's default on a 2-core machine is one file at a time (cores - 1). Most files wait on PostgreSQL,
    // Redis or Chromium rather than compute, and each has its own database and queues: three at once keep
    // both cores busy and make the whole run fit CI's 20 minutes.
    maxWorkers: 3,
    // What a test printed (a worker's log line, a library's warning) is shown only when that test fails.
    silent: "passed-only",
    projects: [
      { extends: true, test: { name: "unit", include: ["test/unit/**/*.test.ts"] } },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["test/integration/**/*.test.ts"],
          globalSetup: ["test/helpers/template-database.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: "browser",
          include: ["test/browser/**/*.test.ts"],
          globalSetup: ["test/helpers/template-database.ts", "test/helpers/build-front-ends.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
