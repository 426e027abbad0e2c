import type { Locator } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_FORM } from "../../api/db/seeders/demo/catalogue";
import { startTestServer } from "../helpers/app-server";
import { checkScreen, launchBrowser, saveScreenshot, type BrowserSession, waitUnlessAlert, signIn } from "../helpers/browser";
import { validHousehold } from "../helpers/demo-responses";

/**
 * A clerk sees the households of their own area and no other: households of several islands and
 * prefectures are put in the registry first, then the demo clerk of Moroni-Bambao (prefecture 101) opens
 * « Ménages de ma zone » in the runtime.
 */

/** The demo clerk (api/db/seeders/demo-accounts.ts), whose area is prefecture 101, Moroni-Bambao. */
const CLERK = { username: "agent", password: "agent-demo-2026" };
const CLERK_PREFECTURE = "101";

/** Seeds of validHousehold: 1 and 3 fall in prefecture 101; 2 in 106 (same island), 5 on Ndzuwani, 10 on Mwali. */
const SEEDS = [1, 2, 3, 5, 10];

interface Seeded {
  prefecture: string;
  headName: string;
}

async function rowText(row: Locator): Promise<string> {
  return (await row.innerText()).replace(/\s+/g, " ").trim();
}

describe("a clerk lists the households of their area", () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let session: BrowserSession;
  const seeded: Seeded[] = [];

  beforeAll(async () => {
    server = await startTestServer("browser_clerk_area");
    session = await launchBrowser();
    const { context } = server;
    for (const seed of SEEDS) {
      const data = validHousehold(seed);
      const done = await context.submitAndDrain(data, { formId: DEMO_FORM.id });
      expect(done.status, `seed ${seed}`).toBe("integrated");
      const household = (await context.get(`/api/households/${done.householdId}`)).body as { prefecture: string; headName: string };
      expect(household.prefecture).toBe(data.prefecture);
      seeded.push({ prefecture: household.prefecture, headName: household.headName });
    }
  });

  afterAll(async () => {
    await session?.close();
    await server?.stop();
  });

  it("shows only the households of prefecture 101, with their communes' names", async () => {
    const { page } = session;
    const mine = seeded.filter((h) => h.prefecture === CLERK_PREFECTURE);
    const others = seeded.filter((h) => h.prefecture !== CLERK_PREFECTURE);
    expect(mine.length).toBeGreaterThan(0);
    expect(others.length).toBeGreaterThan(0);
    try {
      await signIn(page, `${server.url}/runtime/`, CLERK);
      await waitUnlessAlert(page, page.getByRole("heading", { name: "Questionnaires publiés" }));
      await page
        .getByRole("button", { name: /^Remplir le questionnaire/ })
        .first()
        .waitFor();
      await expect(page.getByText("Connecté : Agent de saisie Moroni").isVisible()).resolves.toBe(true);
      await saveScreenshot(page, "clerk-00-form-list");

      await page.getByRole("button", { name: "Ménages de ma zone" }).click();
      await page.getByRole("heading", { name: "Ménages de ma zone" }).waitFor();
      await waitUnlessAlert(page, page.getByText(`${mine.length} ménage(s) enregistré(s)`));
      // Labels come from the published mask: wait for them rather than for the bare codes.
      await page.getByText("Moroni-Bambao (101).", { exact: false }).first().waitFor();
      const rows = page.locator("rsu-area-households tbody tr");
      await expect.poll(() => rows.count()).toBe(mine.length);
      const texts = await Promise.all((await rows.all()).map(rowText));
      for (const text of texts) expect(text).toContain("Moroni-Bambao (101)");
      for (const household of mine) expect(texts.some((text) => text.startsWith(household.headName))).toBe(true);
      for (const household of others) expect(texts.some((text) => text.startsWith(household.headName))).toBe(false);
      expect(await checkScreen(page, "clerk-01-area-households")).toEqual([]);

      await page.getByRole("button", { name: "EN", exact: true }).click();
      await page.getByRole("heading", { name: "Households of my area" }).waitFor();
      await saveScreenshot(page, "clerk-02-area-households-en");
      await page.getByRole("button", { name: "FR", exact: true }).click();

      await page.getByRole("button", { name: "Se déconnecter" }).click();
      await page.getByRole("heading", { name: "Connexion" }).waitFor();
      // The one expected error: asking who is signed in before anyone is.
      expect(session.pageErrors.filter((e) => !e.endsWith("/api/auth/me"))).toEqual([]);
    } catch (error) {
      await saveScreenshot(page, "clerk-failure").catch(() => {});
      throw new Error(`${String(error)}\npage errors: ${session.pageErrors.join("\n") || "none"}`, { cause: error });
    }
  });
});
