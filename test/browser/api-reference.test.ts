import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer } from "../helpers/app-server";
import {
  checkScreen,
  launchBrowser,
  SCREENSHOT_DIR,
  seriousA11yViolations,
  signIn,
  type BrowserSession,
  waitUnlessAlert,
} from "../helpers/browser";

/**
 * The API contract for partner systems (issue #17) is reached from the back office: the administrator who
 * creates a partner's token follows the link to the reference page, which the server writes itself (no
 * script, no CDN) and which shows each route's roles, errors and the schema of its answer. Accessible (axe).
 */
const ADMIN = { username: "admin", password: "admin-demo-2026" };

describe("the API reference from the back office", () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let session: BrowserSession;

  beforeAll(async () => {
    server = await startTestServer("browser_apireference");
    session = await launchBrowser();
  });

  afterAll(async () => {
    await session?.close();
    await server?.stop();
  });

  it("links « Jetons d'API » to the reference page, which shows the synchronisation route and its answer's schema", async () => {
    const { page } = session;
    try {
      await signIn(page, `${server.url}/designer/#jetons`, ADMIN);
      await waitUnlessAlert(page, page.getByRole("heading", { name: "Jetons d'API", level: 2 }));
      // The test context made one token per demo account.
      await page.getByText("5 jeton(s)").waitFor();
      expect(await checkScreen(page, "api-reference-01-tokens-link")).toEqual([]);
      await expect
        .poll(() => page.getByRole("link", { name: "document OpenAPI 3.1 (JSON)" }).getAttribute("href"))
        .toBe("/api/openapi.json");

      await page.getByRole("link", { name: "référence de l'API" }).click();
      await page.getByRole("heading", { name: "Référence de l'API · API reference", level: 1 }).waitFor();
      expect(page.url()).toBe(`${server.url}/api/reference`);
      const sync = page.getByRole("article").filter({ has: page.getByRole("heading", { name: "GET /api/sync/households" }) });
      await expect.poll(() => sync.innerText()).toContain("Rôles · Roles : admin, supervisor, clerk, analyst");
      await expect.poll(() => sync.innerText()).toContain("invalid_cursor");
      await sync.getByText("Réponse 200").click();
      await expect.poll(() => sync.locator("pre").last().innerText()).toContain('"cursor"');
      expect(await seriousA11yViolations(page)).toEqual([]);
      // The whole page is some 30,000 pixels tall: pictures of its top and of the one route are what can be looked at.
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: `${SCREENSHOT_DIR}api-reference-02-reference-top.png` });
      await sync.screenshot({ path: `${SCREENSHOT_DIR}api-reference-03-sync-route.png` });
      expect(session.pageErrors.filter((e) => !e.endsWith("/api/auth/me"))).toEqual([]);
    } catch (error) {
      await checkScreen(page, "api-reference-failure").catch(() => {});
      throw new Error(`${String(error)}\npage errors: ${session.pageErrors.join("\n") || "none"}`, { cause: error });
    }
  });
});
