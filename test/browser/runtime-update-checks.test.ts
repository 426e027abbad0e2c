import { appendFile, cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_FORM } from "../../api/db/seeders/demo/catalogue";
import type { PublishedFormSummary } from "../../schemas/contracts/api";
import { startTestServer } from "../helpers/app-server";
import { checkScreen, launchBrowser, saveScreenshot, signIn, type BrowserSession, waitUnlessAlert } from "../helpers/browser";

/**
 * A tablet keeps the runtime open for days (#18): a new release of the app and a new version of a
 * questionnaire are looked for when the link returns and every half hour, with no reload, and announced.
 * (Taking them only when no questionnaire is open is runtime-languages.test.ts's.)
 */
const CLERK = { username: "agent", password: "agent-demo-2026" };
const DIST = fileURLToPath(new URL("../../dist", import.meta.url));
const HALF_AN_HOUR_MS = 30 * 60 * 1000;
const APP_UPDATE = "Nouvelle version disponible. Vos brouillons sont conservés.";

describe("the runtime's update checks", () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let session: BrowserSession;
  let page: Page;
  /** This file's copy of the built pages, into which releases are made. */
  let pages: string;
  let version: number;

  beforeAll(async () => {
    pages = await mkdtemp(join(tmpdir(), "rsu-runtime-update-pages-"));
    await cp(DIST, pages, { recursive: true });
    server = await startTestServer("browser_runtime_update_checks", { staticRoot: pages });
    session = await launchBrowser();
    page = session.page;
    // The page's timers run on a clock the test can move: half an hour passes in an instant.
    await page.clock.install();
  });

  afterAll(async () => {
    await session?.close();
    await server?.stop();
    if (pages) await rm(pages, { recursive: true, force: true });
  });

  /** A new service worker (its precompressed copies would still be served as the old one). */
  async function release(name: string) {
    await appendFile(join(pages, "runtime/sw.js"), `\n// ${name}\n`);
    await rm(join(pages, "runtime/sw.js.br"), { force: true });
    await rm(join(pages, "runtime/sw.js.gz"), { force: true });
  }

  /** A new version of the demo questionnaire (publishing needs a change: an identical version is refused). */
  async function publishNewVersion() {
    const { mask } = (await server.context.get("/api/forms/menage/draft")).body;
    version += 1;
    const retitled = { ...mask, title: { fr: `Questionnaire ménage RSU (${version})`, en: `RSU household questionnaire (${version})` } };
    expect((await server.context.put("/api/forms/menage/draft", retitled)).status).toBe(200);
    expect((await server.context.post("/api/forms/menage/publish")).status).toBe(201);
  }

  async function takeAppUpdate() {
    const reloaded = page.waitForEvent("load", { timeout: 60_000 });
    await page.getByRole("button", { name: "Mettre à jour" }).click();
    await reloaded;
    await page.getByRole("heading", { name: "Questionnaires publiés" }).waitFor();
    await page.waitForFunction(async () => {
      const registration = await navigator.serviceWorker.getRegistration("/runtime/");
      return registration?.waiting === null && navigator.serviceWorker.controller !== null;
    });
  }

  async function failWithContext(error: unknown, name: string): Promise<never> {
    await saveScreenshot(page, name).catch(() => {});
    throw new Error(`${String(error)}\npage errors: ${session.pageErrors.join("\n") || "none"}`, { cause: error });
  }

  it("announces a release and a new questionnaire version as soon as the link returns", async () => {
    try {
      await signIn(page, `${server.url}/runtime/`, CLERK);
      await waitUnlessAlert(page, page.getByRole("heading", { name: "Questionnaires publiés" }), 30_000);
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
      const forms = (await server.context.get("/api/forms")).body as PublishedFormSummary[];
      version = forms.find((form) => form.id === DEMO_FORM.id)!.version;
      // Opened once on this device: a later version of it is announced in the list.
      await page
        .getByRole("button", { name: /^Remplir le questionnaire/ })
        .first()
        .click();
      await page.getByText("Identification du ménage").waitFor();
      await page.getByRole("button", { name: /Retour à la liste/ }).click();

      await page.context().setOffline(true);
      await page.getByRole("status").filter({ hasText: "Hors connexion" }).waitFor();
      await release("release 2");
      await publishNewVersion();
      await page.context().setOffline(false);

      await page.getByText(APP_UPDATE).waitFor({ timeout: 60_000 });
      // Playwright takes the page and its service worker back online one after the other: the list's check,
      // run on the page's « online » event, may still meet an offline worker and get its cached copy. The
      // event is given again until the worker answers from the network, as a tablet's single link would.
      await expect
        .poll(
          async () => {
            await page.evaluate(() => window.dispatchEvent(new Event("online")));
            return page.getByText(`Version ${version}`, { exact: false }).count();
          },
          { timeout: 30_000 },
        )
        .toBe(1);
      await page.getByText("Nouvelle version", { exact: true }).waitFor();
      expect(await checkScreen(page, "updates-01-back-online")).toEqual([]);
      await takeAppUpdate();
    } catch (error) {
      await failWithContext(error, "updates-online-failure");
    }
  }, 180_000);

  it("looks again every half hour while the app stays open", async () => {
    try {
      await release("release 3");
      await publishNewVersion();
      expect(await page.getByText(APP_UPDATE).count()).toBe(0);
      await page.clock.fastForward(HALF_AN_HOUR_MS);
      await page.getByText(APP_UPDATE).waitFor({ timeout: 60_000 });
      await page.getByText(`Version ${version}`, { exact: false }).waitFor({ timeout: 30_000 });
      expect(await checkScreen(page, "updates-02-half-an-hour-later")).toEqual([]);
    } catch (error) {
      await failWithContext(error, "updates-periodic-failure");
    }
  }, 180_000);
});
