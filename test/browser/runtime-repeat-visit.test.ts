import type { Route } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer } from "../helpers/app-server";
import { checkScreen, launchBrowser, saveScreenshot, signIn, type BrowserSession, waitUnlessAlert } from "../helpers/browser";

/**
 * The clerk's next visit on a slow link (#18): the questionnaires show from what the device remembers while
 * the server is still asked about the session and the list; once it says the session ended, nothing of the
 * clerk's stays on screen.
 */
const CLERK = { username: "agent", password: "agent-demo-2026" };

describe("the runtime's repeat visit", () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let session: BrowserSession;

  beforeAll(async () => {
    server = await startTestServer("browser_runtime_repeat_visit");
    session = await launchBrowser();
  });

  afterAll(async () => {
    await session?.close();
    await server?.stop();
  });

  it("shows the remembered list before the server answers, and signs out when the session has ended", async () => {
    const { page } = session;
    const context = page.context();
    try {
      await signIn(page, `${server.url}/runtime/`, CLERK);
      await waitUnlessAlert(page, page.getByRole("heading", { name: "Questionnaires publiés" }), 30_000);
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

      // The link answers nothing yet: the session's check and the list are held.
      const held = new Map<string, Route>();
      await context.route(/\/api\/(auth\/me|forms)$/, (route) => {
        held.set(new URL(route.request().url()).pathname, route);
      });
      await page.reload();
      await page
        .getByRole("button", { name: /^Remplir le questionnaire/ })
        .first()
        .waitFor();
      await expect.poll(() => [...held.keys()].sort()).toEqual(["/api/auth/me", "/api/forms"]);
      expect(await checkScreen(page, "repeat-01-remembered-list")).toEqual([]);

      // The server answers that the session ended (signed out elsewhere, expired).
      await held.get("/api/forms")!.fulfill({ status: 401, json: { error: { code: "unauthenticated", message: "" } } });
      await held.get("/api/auth/me")!.fulfill({ status: 401, json: { error: { code: "unauthenticated", message: "" } } });
      await context.unroute(/\/api\/(auth\/me|forms)$/);
      await page.getByRole("heading", { name: "Connexion" }).waitFor();
      expect(await page.getByRole("button", { name: /^Remplir le questionnaire/ }).count()).toBe(0);
      expect(await page.evaluate(() => localStorage.getItem("rsu.runtime.user"))).toBeNull();
      await saveScreenshot(page, "repeat-02-session-ended");
    } catch (error) {
      await saveScreenshot(page, "repeat-failure").catch(() => {});
      throw new Error(`${String(error)}\npage errors: ${session.pageErrors.join("\n") || "none"}`, { cause: error });
    }
  }, 120_000);

  it("opens the questionnaire prepared while the list showed, without asking for its version again", async () => {
    const { page } = session;
    const context = page.context();
    try {
      await signIn(page, `${server.url}/runtime/`, CLERK);
      await waitUnlessAlert(page, page.getByRole("heading", { name: "Questionnaires publiés" }), 30_000);
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
      await page.waitForFunction(async () => (await (await caches.open("rsu-form-versions")).keys()).length > 0, undefined, {
        polling: 250,
      });

      // The next visit builds the list's questionnaire while the clerk reads the list.
      await page.reload();
      await page.waitForFunction(() => performance.getEntriesByName("rsu-questionnaire-prepared").length > 0, undefined, {
        polling: 100,
      });
      // From here no version can be had: neither the service worker's copy nor the network.
      await page.evaluate(() => caches.delete("rsu-form-versions"));
      await context.setOffline(true);
      await page
        .getByRole("button", { name: /^Remplir le questionnaire/ })
        .first()
        .click();
      await page.locator('[data-name="island"]').waitFor();
      expect(await page.getByText("Identification du ménage").isVisible()).toBe(true);
      await saveScreenshot(page, "repeat-03-prepared-questionnaire");
    } catch (error) {
      await saveScreenshot(page, "repeat-failure").catch(() => {});
      throw new Error(`${String(error)}\npage errors: ${session.pageErrors.join("\n") || "none"}`, { cause: error });
    } finally {
      await context.setOffline(false);
    }
  }, 120_000);
});
