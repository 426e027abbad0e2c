import { build } from "vite";

/**
 * Vitest globalSetup of the browser tests: builds the runtime and designer pages into dist/ once per run,
 * so the API under test serves the code being tested rather than a stale build.
 */
export default async function setup(): Promise<void> {
  // Errors only: the bundler's warnings (plugin timings on a busy machine) are not test results.
  await build({ configFile: new URL("../../vite.config.ts", import.meta.url).pathname, logLevel: "error" });
}
