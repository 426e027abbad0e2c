import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HELP_TOPICS } from "../../designer/help-topics";
import { startTestServer } from "../helpers/app-server";
import { checkScreen, launchBrowser, saveScreenshot, signIn, type BrowserSession, waitUnlessAlert } from "../helpers/browser";

/**
 * « Aide » (#21): each screen of both apps links to its chapter of the user guide, which the app serves as
 * HTML with its pictures; the guide's page passes axe-core and is read at 360 px without a sideways scroll.
 */
const ADMIN = { username: "admin", password: "admin-demo-2026" };
const CLERK = { username: "agent", password: "agent-demo-2026" };

const helpLink = (page: Page) => page.getByRole("link", { name: /^Aide|^Help/ });

/** Clicks « Aide », which opens the guide in a new tab, and returns that tab once the page has loaded. */
async function openHelp(page: Page): Promise<Page> {
  const [guide] = await Promise.all([page.context().waitForEvent("page"), helpLink(page).click()]);
  await guide.waitForLoadState("load");
  return guide;
}

/** The heading the address's anchor names, and whether the page shows it at the top of the screen. */
function landing(guide: Page) {
  return guide.evaluate(() => {
    const heading = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    const top = heading?.getBoundingClientRect().top ?? -1;
    return { heading: heading?.textContent ?? null, inView: top >= 0 && top < 200 };
  });
}

/** Every picture of the page was found and decoded. */
function brokenPictures(guide: Page) {
  return guide.evaluate(() =>
    [...document.images].filter((image) => !image.complete || image.naturalWidth === 0).map((image) => image.alt),
  );
}

describe("the Aide links and the user guide they open", () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let session: BrowserSession;

  beforeAll(async () => {
    server = await startTestServer("browser_help_links");
    session = await launchBrowser();
  });

  afterAll(async () => {
    await session?.close();
    await server?.stop();
  });

  it("gives each of the back office's tabs an Aide link to a heading that exists in the served guide", async () => {
    const { page } = session;
    await signIn(page, `${server.url}/designer/`, ADMIN);
    await waitUnlessAlert(page, page.getByRole("navigation", { name: "Sections du back-office" }));
    const targets: Record<string, string | null> = {};
    const missing: string[] = [];
    for (const tab of Object.keys(HELP_TOPICS)) {
      await page.goto(`${server.url}/designer/#${tab}`);
      await expect.poll(() => helpLink(page).getAttribute("href")).toMatch(/^\/guide\/fr\/[a-z-]+\.html#/);
      const href = (await helpLink(page).getAttribute("href"))!;
      targets[tab] = href;
      const [path, anchor] = href.split("#");
      const guide = await page.request.get(`${server.url}${path}`);
      if (guide.status() !== 200 || !(await guide.text()).includes(`id="${anchor}"`)) missing.push(href);
    }
    expect(missing).toEqual([]);
    expect(targets.utilisateurs).toBe("/guide/fr/administrateur.html#creer-le-compte-dun-agent");

    // A sub-screen opens its own section, and the tab's again once closed: a user's edit form.
    await page.goto(`${server.url}/designer/#utilisateurs`);
    await page.getByRole("button", { name: "Modifier le compte admin" }).click();
    await expect.poll(() => helpLink(page).getAttribute("href")).toBe("/guide/fr/administrateur.html#modifier-le-compte-dun-agent");
    await page.getByRole("button", { name: "Annuler" }).click();
    await expect.poll(() => helpLink(page).getAttribute("href")).toBe("/guide/fr/administrateur.html#creer-le-compte-dun-agent");
  });

  // Signed in by the case above (same browser).
  it("opens the right chapter from a back-office screen, in French then in English, with its pictures; axe passes", async () => {
    const { page } = session;
    try {
      await page.goto(`${server.url}/designer/#exploitation`);
      await waitUnlessAlert(page, page.getByRole("heading", { level: 2 }).first());
      const guide = await openHelp(page);
      expect(guide.url()).toBe(`${server.url}/guide/fr/administrateur.html#exploitation`);
      await expect.poll(() => landing(guide)).toEqual({ heading: "Exploitation", inView: true });
      expect(await brokenPictures(guide)).toEqual([]);
      expect(await checkScreen(guide, "help-01-guide-operations")).toEqual([]);
      await guide.close();

      await page.getByRole("button", { name: "EN" }).click();
      await page.goto(`${server.url}/designer/#masques`);
      await waitUnlessAlert(page, page.getByRole("heading", { level: 2 }).first());
      const english = await openHelp(page);
      expect(english.url()).toBe(`${server.url}/guide/en/specification-writer.html#design-a-mask`);
      await expect.poll(() => landing(english)).toEqual({ heading: "Design a mask", inView: true });
      expect(await english.evaluate(() => document.documentElement.lang)).toBe("en");
      expect(await brokenPictures(english)).toEqual([]);
      expect(await checkScreen(english, "help-02-guide-english")).toEqual([]);
      await english.close();
    } catch (error) {
      await saveScreenshot(page, "help-failure").catch(() => {});
      throw error;
    } finally {
      await page.getByRole("button", { name: "FR" }).click();
    }
  });

  it("opens the clerk's chapter from the field app's screens; the guide reads at 360 px", async () => {
    const context = await session.browser.newContext({ locale: "fr-FR", viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    try {
      await signIn(page, `${server.url}/runtime/`, CLERK);
      await waitUnlessAlert(page, page.getByRole("navigation", { name: /écrans/i }));
      expect(await helpLink(page).getAttribute("href")).toBe("/guide/fr/agent.html#inscrire-un-menage");

      await page.getByRole("button", { name: "Mes brouillons" }).click();
      await expect.poll(() => helpLink(page).getAttribute("href")).toBe("/guide/fr/agent.html#travailler-sans-reseau");
      const guide = await openHelp(page);
      await expect.poll(() => landing(guide)).toEqual({ heading: "Travailler sans réseau", inView: true });
      expect(await brokenPictures(guide)).toEqual([]);
      await expect(guide.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(360);
      expect(await checkScreen(guide, "help-03-guide-clerk-360")).toEqual([]);
    } catch (error) {
      await saveScreenshot(page, "help-failure").catch(() => {});
      throw error;
    } finally {
      await context.close();
    }
  });
});
