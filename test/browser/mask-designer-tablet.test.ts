import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer } from "../helpers/app-server";
import { launchBrowser, saveScreenshot, signIn, waitUnlessAlert } from "../helpers/browser";

/**
 * Issue #21: on a 10-inch tablet the mask designer lost its toolbox (Creator hides it below 900 px of
 * width), and SurveyJS's licence banner, shown when no key is configured, covered our status line. The
 * banner is the licence's requirement: it stays, and nothing of ours sits under it.
 */

const DESIGNER = { username: "concepteur", password: "concepteur-demo-2026" };

/** Whether two boxes on the page share any pixel. */
const overlap = (a: DOMRect, b: DOMRect) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

async function openDemoMask(page: Page, url: string) {
  await signIn(page, `${url}/designer/#masques`, DESIGNER);
  await waitUnlessAlert(page, page.getByRole("heading", { name: "Masques de saisie" }), 30_000);
  await page.getByRole("button", { name: "Concevoir le masque menage" }).click();
  await page.locator(".svc-creator .svc-toolbox").waitFor({ timeout: 60_000 });
}

/** The boxes of our own bar and status line, and of every element of Creator's licence banner. */
function boxes(page: Page) {
  return page.evaluate(() => {
    const designer = document.querySelector("rsu-designer-app")!.shadowRoot!.querySelector("main")!;
    const mask = [...designer.querySelectorAll("*")]
      .flatMap((e) => [e, ...(e.shadowRoot ? [...e.shadowRoot.querySelectorAll("*")] : [])])
      .find((e) => e.localName === "rsu-mask-designer")!;
    const root = mask.shadowRoot!;
    const creator = root.querySelector(".creator")!.shadowRoot!;
    const ours = [...root.querySelectorAll(".bar, .said p, .bar button")].map((e) => e.getBoundingClientRect().toJSON());
    // Creator's own bars must stay clear of the banner too: its tabs, and its footer in the narrow layout.
    ours.push(
      ...[...creator.querySelectorAll(".svc-tabbed-menu-wrapper, .svc-footer-bar .svc-toolbar-wrapper, .svc-toolbox__panel")].map((e) =>
        e.getBoundingClientRect().toJSON(),
      ),
    );
    const banner = [...creator.querySelectorAll(".svc-creator__banner, .svc-creator__non-commercial-text")].map((e) =>
      e.getBoundingClientRect().toJSON(),
    );
    return { ours, banner };
  });
}

describe.each([
  { width: 1024, height: 768 },
  { width: 800, height: 1280 },
])("the mask designer on a tablet of $width × $height", ({ width, height }) => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let session: Awaited<ReturnType<typeof launchBrowser>>;

  beforeAll(async () => {
    server = await startTestServer(`browser_designer_tablet_${width}`);
    session = await launchBrowser({ width, height });
  });

  afterAll(async () => {
    await session?.close();
    await server?.stop();
  });

  it("keeps the catalogue toolbox with its labels, and the licence banner covers nothing of ours", async () => {
    const { page } = session;
    await openDemoMask(page, server.url);
    const category = page.locator(".svc-toolbox__category-header").filter({ hasText: "Identification" });
    await category.waitFor({ timeout: 30_000 });
    expect(await category.isVisible()).toBe(true);
    await category.click();
    const island = page.locator(".svc-toolbox__item").filter({ hasText: /^Île$/ }).first();
    await island.waitFor();
    expect(await island.isVisible()).toBe(true);
    await page.getByRole("button", { name: "Enregistrer le brouillon" }).click();
    await page.getByText("Brouillon enregistré").waitFor({ timeout: 30_000 });
    await saveScreenshot(page, `mask-designer-tablet-${width}x${height}`);
    const { ours, banner } = await boxes(page);
    expect(ours.length).toBeGreaterThan(0);
    expect(banner.length).toBeGreaterThan(0);
    for (const b of banner) for (const o of ours) expect(overlap(b as DOMRect, o as DOMRect), JSON.stringify({ b, o })).toBe(false);
  }, 180_000);
});
