import type { BrowserContext, Page, Route } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_FORM } from "../../api/db/seeders/demo/catalogue";
import type { PublishedFormSummary } from "../../schemas/contracts/api";
import { startTestServer } from "../helpers/app-server";
import {
  checkScreen,
  launchBrowser,
  saveScreenshot,
  seriousA11yViolations,
  signIn,
  type BrowserSession,
  waitUnlessAlert,
} from "../helpers/browser";
import { validHousehold } from "../helpers/demo-responses";
import { queueInOutbox } from "../helpers/outbox";
import { chooseDropdown, chooseRadio, question } from "../helpers/survey-form";

/**
 * The runtime in the field (#18): answers are kept on the device as they are typed, the app opens with no
 * network after one visit, completed questionnaires wait in an outbox and leave when the link returns,
 * each exactly once, even when the tab is closed in the middle of sending.
 */
const CLERK = { username: "agent", password: "agent-demo-2026" };
/** A second clerk of the same area, on the same tablet (same browser profile). */
const OTHER_CLERK = { username: "agent2", password: "agent2-demo-2026" };
const HOUSEHOLDS = 50;
/** The POST after which the tab is closed, its answer never read. */
const CLOSED_DURING = 11;

describe("the runtime offline", () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let session: BrowserSession;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    server = await startTestServer("browser_offline_entry");
    await server.context.addUser({ username: OTHER_CLERK.username, displayName: "Agent 2", roles: ["clerk"], areas: ["101"] });
    session = await launchBrowser();
    page = session.page;
    context = page.context();
  });

  afterAll(async () => {
    await session?.close();
    await server?.stop();
  });

  /** After one visit online the service worker answers the page and holds the published form. */
  async function waitUntilReadyOffline() {
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await page.waitForFunction(async () => (await (await caches.open("rsu-form-versions")).keys()).length > 0);
  }

  async function failWithContext(error: unknown): Promise<never> {
    const state = await page
      .evaluate(async () => ({
        controller: navigator.serviceWorker.controller?.scriptURL,
        registrations: (await navigator.serviceWorker.getRegistrations()).map((r) => [
          r.scope,
          r.active?.state,
          r.installing?.state,
          r.waiting?.state,
        ]),
        caches: await caches.keys(),
      }))
      .catch((e) => String(e));
    console.log("service worker and caches at the failure:", JSON.stringify(state));
    await saveScreenshot(page, "offline-failure").catch(() => {});
    throw new Error(`${String(error)}\npage errors: ${session.pageErrors.join("\n") || "none"}`, { cause: error });
  }

  it("keeps a half-filled questionnaire through an offline reload; another clerk never sees it", async () => {
    try {
      await signIn(page, `${server.url}/runtime/`, CLERK);
      await waitUnlessAlert(page, page.getByRole("heading", { name: "Questionnaires publiés" }), 30_000);
      await waitUntilReadyOffline();

      await page
        .getByRole("button", { name: /^Remplir le questionnaire/ })
        .first()
        .click();
      await page.getByText("Identification du ménage").waitFor();
      await chooseRadio(page, "island", "Ngazidja (Grande Comore)");
      await chooseDropdown(page, page, "prefecture", "Moroni-Bambao");
      // Typed, not left: a draft keeps what is typed even before the field loses focus.
      await question(page, "village").locator("input").pressSequentially("Iconi");
      await page.getByRole("button", { name: /Retour à la liste/ }).waitFor();

      await context.setOffline(true);
      await page.reload();
      await waitUnlessAlert(page, page.getByRole("heading", { name: "Questionnaires publiés" }), 30_000);
      await page.getByRole("status").filter({ hasText: "Hors connexion" }).waitFor();
      await page.getByRole("button", { name: "Mes brouillons" }).click();
      await page.getByRole("status").filter({ hasText: "1 brouillon(s)" }).waitFor();
      await saveScreenshot(page, "offline-01-drafts");
      expect(await seriousA11yViolations(page)).toEqual([]);

      await page.getByRole("button", { name: /^Reprendre le brouillon/ }).click();
      await page.getByText("Identification du ménage").waitFor();
      await expect.poll(() => question(page, "village").locator("input").inputValue()).toBe("Iconi");
      expect(await question(page, "prefecture").locator(".sd-dropdown__value").textContent()).toContain("Moroni-Bambao");
      expect(await question(page, "island").getByRole("radio", { name: "Ngazidja (Grande Comore)" }).isChecked()).toBe(true);
      await saveScreenshot(page, "offline-02-draft-reopened");

      // Signing out needs the server; with work left on the device the clerk is warned first.
      await context.setOffline(false);
      await page.getByRole("button", { name: "Se déconnecter" }).click();
      await page.getByRole("alert").filter({ hasText: "1 brouillon(s)" }).waitFor();
      expect(await checkScreen(page, "offline-02b-sign-out-warning")).toEqual([]);
      await page.getByRole("button", { name: "Se déconnecter quand même" }).click();
      await page.getByRole("heading", { name: "Connexion" }).waitFor();

      await signIn(page, `${server.url}/runtime/`, OTHER_CLERK);
      await waitUnlessAlert(page, page.getByRole("heading", { name: "Questionnaires publiés" }), 30_000);
      await page.getByRole("button", { name: "Mes brouillons" }).click();
      await page.getByRole("status").filter({ hasText: "0 brouillon(s)" }).waitFor();
      expect(await page.getByText("Aucun brouillon sur cet appareil.").isVisible()).toBe(true);
      await page.getByRole("button", { name: "Se déconnecter" }).click();
      await page.getByRole("heading", { name: "Connexion" }).waitFor();
    } catch (error) {
      await failWithContext(error);
    }
  }, 180_000);

  it(`sends ${HOUSEHOLDS} households completed offline once the link is back, none lost or doubled, though the tab closes mid-send`, async () => {
    try {
      await signIn(page, `${server.url}/runtime/`, CLERK);
      await waitUnlessAlert(page, page.getByRole("heading", { name: "Questionnaires publiés" }), 30_000);
      await waitUntilReadyOffline();
      const userId = await page.evaluate(() => (JSON.parse(localStorage.getItem("rsu.runtime.user") ?? "{}") as { id: string }).id);
      const forms = (await server.context.send("GET", "/api/forms", undefined, "agent")).body as PublishedFormSummary[];
      const form = forms.find((f) => f.id === DEMO_FORM.id)!;

      await context.setOffline(true);
      // Households completed offline: put in the outbox as « Terminer » does, without filling 50 masks by hand.
      const area = validHousehold(1);
      const households = Array.from({ length: HOUSEHOLDS }, (_, i) => {
        const household = validHousehold(1000 + i);
        // A family name of its own: fifty random households may otherwise name a probable duplicate, which
        // waits for a supervisor instead of entering the registry.
        const family = `Offline${String.fromCharCode(65 + Math.floor(i / 26), 97 + (i % 26))}`;
        const members = (household.members as Record<string, unknown>[]).map((m) => ({ ...m, last_name: family }));
        return { ...household, members, island: area.island, prefecture: area.prefecture, commune: area.commune, village: area.village };
      });
      // Queued a minute apart, so the outbox sends them in a known order.
      await queueInOutbox(
        page,
        households.map((data, i) => ({ userId, form, data, queuedAt: new Date(Date.UTC(2026, 11, 1, 8, i)).toISOString() })),
      );
      await page.reload();
      await page.getByRole("button", { name: "Mes brouillons" }).click();
      await page
        .getByRole("status")
        .filter({ hasText: `${HOUSEHOLDS} en attente, ${HOUSEHOLDS} en tout` })
        .waitFor();
      // 50 questionnaires, 20 a page (#21): the outbox turns pages like the other lists.
      await expect(page.locator("rsu-outbox tbody tr").count()).resolves.toBe(20);
      await expect(page.locator("rsu-outbox").getByRole("navigation", { name: "Page 1 sur 3" }).count()).resolves.toBe(1);
      await saveScreenshot(page, "offline-03-outbox-waiting");
      expect(await seriousA11yViolations(page)).toEqual([]);

      // The link comes back; the tab is closed while the server handles one of the submissions.
      let posts = 0;
      let held: () => void = () => {};
      const closing = new Promise<void>((resolve) => (held = resolve));
      await page.route("**/api/submissions", async (route: Route) => {
        if (route.request().method() !== "POST") return route.fallback();
        posts++;
        if (posts < CLOSED_DURING) return route.fallback();
        if (posts === CLOSED_DURING) {
          await route.fetch();
          held();
        }
        // This answer, and any later request of the closing tab, never reaches the page.
      });
      await context.setOffline(false);
      await closing;
      await page.close();

      page = await context.newPage();
      await page.goto(`${server.url}/runtime/`);
      await waitUnlessAlert(page, page.getByRole("heading", { name: "Questionnaires publiés" }), 30_000);
      await page.getByRole("button", { name: "Mes brouillons" }).click();
      await page
        .getByRole("status")
        .filter({ hasText: `0 en attente, ${HOUSEHOLDS} en tout` })
        .waitFor({ timeout: 120_000 });
      // Every row of every page (20, 20, 10) says « Intégré ».
      const integrated = () => page.locator("rsu-outbox").getByText("Intégré", { exact: true }).count();
      for (const [index, rows] of [20, 20, 10].entries()) {
        await expect.poll(integrated, { timeout: 120_000, interval: 1_000 }).toBe(rows);
        if (index === 0) await saveScreenshot(page, "offline-04-outbox-integrated");
        if (index < 2) await page.locator("rsu-outbox").getByRole("button", { name: "Suivant" }).click();
      }

      const mine = (await server.context.send("GET", "/api/submissions?mine=1&limit=200", undefined, "agent")).body as {
        items: { status: string; householdId: string }[];
        total: number;
      };
      expect(mine.total).toBe(HOUSEHOLDS);
      expect(mine.items.filter((s) => s.status === "integrated")).toHaveLength(HOUSEHOLDS);
      expect(new Set(mine.items.map((s) => s.householdId)).size).toBe(HOUSEHOLDS);
    } catch (error) {
      await failWithContext(error);
    }
  }, 300_000);
});
