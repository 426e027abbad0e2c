import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_FORM } from "../../api/db/seeders/demo/catalogue";
import { startTestServer } from "../helpers/app-server";
import { checkScreen, launchBrowser, saveScreenshot, signIn, type BrowserSession, waitUnlessAlert } from "../helpers/browser";
import { validHousehold } from "../helpers/demo-responses";

/**
 * Every back-office screen, reached with the keyboard alone (#21): an administrator (who sees every tab)
 * goes back (Shift+Tab) to each section's link and opens it with Enter; the screen passes axe-core, is kept
 * as a picture, and each control the Tab key reaches on it is shown and shows that it has the focus. Then the
 * kit's table: sorted from its header with the keyboard, and scrolled with the arrow keys at 360 px.
 */
const ADMIN = { username: "admin", password: "admin-demo-2026" };

/** The tabs an administrator sees, in order, by address and name (designer/components/rsu-designer-app/sections.ts). */
const SECTIONS = [
  ["registre", "Registre"],
  ["revue", "Revue"],
  ["tableaux-de-bord", "Tableaux de bord"],
  ["importations", "Importations"],
  ["exports", "Exports"],
  ["catalogue", "Catalogue"],
  ["masques", "Masques"],
  ["utilisateurs", "Utilisateurs"],
  ["jetons", "Jetons d'API"],
  ["audit", "Journal d'audit"],
  ["exploitation", "Exploitation"],
  ["incidents", "Incidents"],
  ["rapports", "Rapports"],
  ["sauvegardes", "Sauvegardes"],
] as const;

/** How many Tab presses a screen is walked for: enough to cross every screen's filters, first rows and pager. */
const TAB_PRESSES = 40;

interface Focused {
  tag: string;
  name: string;
  visible: boolean;
  outlined: boolean;
  /** False inside a date or month field, whose focused part (day, month) Chromium draws itself. */
  ownFocus: boolean;
}

/** The element that has the focus, through the shadow roots, and whether it is shown with a visible focus mark. */
function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    let element = document.activeElement;
    while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
    if (!element || element === document.body) return { tag: "body", name: "", visible: true, outlined: true, ownFocus: true };
    const box = element.getBoundingClientRect();
    const style = getComputedStyle(element);
    const outlined = (style.outlineStyle !== "none" && style.outlineWidth !== "0px") || style.boxShadow !== "none";
    const name = element.getAttribute("aria-label") ?? element.getAttribute("name") ?? element.textContent?.trim().slice(0, 40) ?? "";
    return {
      tag: `${element.tagName.toLowerCase()}${element.getAttribute("type") ? `[${element.getAttribute("type")}]` : ""}`,
      name,
      visible: box.width > 0 && box.height > 0,
      outlined,
      ownFocus: element.matches(":focus"),
    };
  });
}

describe("every back-office screen with the keyboard alone", () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let session: BrowserSession;

  beforeAll(async () => {
    server = await startTestServer("browser_back_office_screens");
    session = await launchBrowser();
    // Enough households for the registry's table to have rows to sort.
    for (const seed of [1, 2, 3]) {
      const { status } = await server.context.submitAndDrain(validHousehold(seed), { formId: DEMO_FORM.id });
      expect(status).toBe("integrated");
    }
  });

  afterAll(async () => {
    await session?.close();
    await server?.stop();
  });

  it("opens each of the administrator's fourteen tabs with Tab and Enter; each passes axe and shows its focus", async () => {
    const { page } = session;
    const findings: Record<string, string[]> = {};
    const unmarked: Record<string, string[]> = {};
    try {
      await signIn(page, `${server.url}/designer/`, ADMIN);
      const nav = page.getByRole("navigation", { name: "Sections du back-office" });
      await waitUnlessAlert(page, nav);
      await expect.poll(() => nav.getByRole("link").allTextContents()).toEqual(SECTIONS.map(([, name]) => name));

      for (const [id, name] of SECTIONS) {
        // Back up from where the last screen left the focus (Shift+Tab) to the section's link, then Enter.
        let reached = false;
        for (let press = 0; press < 150 && !reached; press++) {
          await page.keyboard.press("Shift+Tab");
          const now = await focused(page);
          reached = now.tag === "a" && now.name === name;
        }
        expect(reached, `the link « ${name} » is reached with Tab`).toBe(true);
        await page.keyboard.press("Enter");
        await expect.poll(() => page.evaluate(() => location.hash)).toBe(`#${id}`);
        await waitUnlessAlert(page, page.getByRole("heading", { level: 2 }).first());
        await expect.poll(() => page.getByText("Chargement…").count()).toBe(0);

        findings[id] = await checkScreen(page, `back-office-${id}`);
        unmarked[id] = [];
        for (let press = 0; press < TAB_PRESSES; press++) {
          await page.keyboard.press("Tab");
          const now = await focused(page);
          if (now.tag === "body") break;
          if (now.ownFocus && (!now.visible || !now.outlined)) unmarked[id].push(`${now.tag} « ${now.name} »`);
        }
      }
      expect(findings).toEqual(Object.fromEntries(SECTIONS.map(([id]) => [id, []])));
      expect(unmarked).toEqual(Object.fromEntries(SECTIONS.map(([id]) => [id, []])));
    } catch (error) {
      await saveScreenshot(page, "back-office-failure").catch(() => {});
      throw new Error(`${String(error)}\npage errors: ${session.pageErrors.join("\n") || "none"}`, { cause: error });
    }
  }, 300_000);

  // Signed in by the case above (same browser).
  it("sorts the registry's table from its header with the keyboard, and scrolls it with the arrow keys at 360 px", async () => {
    const { page } = session;
    try {
      await page.goto(`${server.url}/designer/#registre`);
      const table = page.getByRole("table", { name: "Ménages du registre" });
      await waitUnlessAlert(page, table);
      await expect.poll(() => table.locator("tbody tr").count()).toBe(3);
      const members = () => table.locator("tbody tr td:nth-child(6)").allInnerTexts();
      const counts = (await members()).map(Number);

      const header = table.getByRole("columnheader", { name: /Membres/ });
      await header.getByRole("button").focus();
      await page.keyboard.press("Enter");
      await expect.poll(() => header.getAttribute("aria-sort")).toBe("ascending");
      await expect.poll(async () => (await members()).map(Number)).toEqual([...counts].sort((a, b) => a - b));
      await page.keyboard.press("Enter");
      await expect.poll(() => header.getAttribute("aria-sort")).toBe("descending");
      await expect.poll(async () => (await members()).map(Number)).toEqual([...counts].sort((a, b) => b - a));
      // One page only: nothing to say about the other pages' order.
      await expect(page.getByText("Tri des lignes de cette page seulement").count()).resolves.toBe(0);

      await page.setViewportSize({ width: 360, height: 740 });
      const frame = page.getByRole("region", { name: "Ménages du registre" });
      await frame.focus();
      const scrolled = () => frame.evaluate((element) => element.scrollLeft);
      expect(await scrolled()).toBe(0);
      await expect.poll(() => frame.evaluate((element) => element.scrollWidth > element.clientWidth)).toBe(true);
      await page.keyboard.press("ArrowRight");
      await expect.poll(scrolled).toBeGreaterThan(0);
      // The table scrolls in its frame; the page itself does not get wider than the screen.
      await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(360);
      expect(await checkScreen(page, "back-office-registre-360")).toEqual([]);
      expect(session.pageErrors.filter((e) => !e.endsWith("/api/auth/me"))).toEqual([]);
    } catch (error) {
      await saveScreenshot(page, "back-office-failure").catch(() => {});
      throw new Error(`${String(error)}\npage errors: ${session.pageErrors.join("\n") || "none"}`, { cause: error });
    } finally {
      await page.setViewportSize({ width: 1024, height: 900 });
    }
  });
});
