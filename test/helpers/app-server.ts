import { createTestContext, type TestContext } from "./test-context";

/**
 * The whole application as a clerk's browser meets it: real HTTP server on a free port serving the built
 * pages, workers running, own database and queue. Used by the browser tests.
 */
export async function startTestServer(name: string): Promise<{ url: string; context: TestContext; stop(): Promise<void> }> {
  const context = await createTestContext(name);
  context.startWorkers();
  const { url } = await context.listen();
  return { url, context, stop: () => context.close() };
}
