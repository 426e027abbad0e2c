import { createTestContext, type TestContext } from "./test-context";

/**
 * The whole application as a clerk's browser meets it: real HTTP server on a free port serving the built
 * pages, workers running, own database and queue. Used by the browser tests. `staticRoot`: pages built
 * elsewhere than dist/ (a copy a test changes, as a new release would).
 */
export async function startTestServer(
  name: string,
  { staticRoot }: { staticRoot?: string } = {},
): Promise<{ url: string; context: TestContext; stop(): Promise<void> }> {
  const context = await createTestContext(name, {}, staticRoot ? { staticRoot } : {});
  context.startWorkers();
  const { url } = await context.listen();
  return { url, context, stop: () => context.close() };
}
