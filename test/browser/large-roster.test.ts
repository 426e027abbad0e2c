import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { validHousehold } from "../../api/db/seeders/demo/household-answers";
import { MEMBERS_ROSTER } from "../../schemas/contracts/registry";
import { startTestServer } from "../helpers/app-server";
import { checkScreen, launchBrowser, saveScreenshot, signIn, type BrowserSession, waitUnlessAlert } from "../helpers/browser";
import { leaveDraft } from "../helpers/device-drafts";

/**
 * A household larger than the roster's list can carry (#18): past 20 members the runtime shows one member
 * at a time, with « Enregistrement précédent », « Enregistrement suivant » (named apart from the page's buttons) and where the clerk is, so each answer stays quick on a tablet. The demo mask stops at
 * 20 members; this test publishes a version that allows 30, as a country with larger households would.
 */
const CLERK = { username: "agent", password: "agent-demo-2026" };
/** The demo mask's members page (0-based). */
const MEMBERS_PAGE = 3;

describe("a roster of more than 20 members", () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let session: BrowserSession;

  beforeAll(async () => {
    server = await startTestServer("browser_large_roster");
    session = await launchBrowser();
    const { mask } = (await server.context.get("/api/forms/menage/draft")).body;
    const roster = mask.pages[MEMBERS_PAGE].elements.find((e: { name: string }) => e.name === MEMBERS_ROSTER);
    roster.maxPanelCount = 30;
    expect((await server.context.put("/api/forms/menage/draft", mask)).status).toBe(200);
    expect((await server.context.post("/api/forms/menage/publish")).status).toBe(201);
  });

  afterAll(async () => {
    await session?.close();
    await server?.stop();
  });

  it("shows one member at a time once the 21st is added, and keeps every member's answers", async () => {
    const { page } = session;
    const firstNames = page.locator('[data-name="first_name"] input');
    const roster = page.locator(`[data-name="${MEMBERS_ROSTER}"]`).first();
    const position = roster.locator(".sd-paneldynamic__progress-text");
    try {
      await signIn(page, `${server.url}/runtime/`, CLERK);
      await waitUnlessAlert(page, page.getByRole("heading", { name: "Questionnaires publiés" }), 30_000);
      const household = validHousehold(7) as Record<string, unknown> & { members: Record<string, unknown>[] };
      const members = Array.from({ length: 20 }, (_, i) => ({
        ...household.members[i % household.members.length],
        first_name: `Membre${i + 1}`,
      }));
      await leaveDraft(page, "menage", { data: { ...household, members }, pageNo: MEMBERS_PAGE });

      await page.getByRole("button", { name: "Mes brouillons" }).click();
      await page.getByRole("button", { name: /^Reprendre le brouillon/ }).click();
      await firstNames.nth(19).waitFor({ timeout: 60_000 });
      // Twenty members: the list, every member on the page.
      expect(await firstNames.count()).toBe(20);
      expect(await position.count()).toBe(0);

      await roster.getByRole("button", { name: "Ajouter un membre" }).click();
      // The 21st: one member on screen (the others leave with an animation), the new one, and where it is.
      await expect.poll(() => firstNames.count(), { timeout: 30_000 }).toBe(1);
      expect(await position.innerText()).toBe("Enregistrement 21 sur 21");
      expect(await firstNames.inputValue()).toBe("");
      await firstNames.fill("Zaharia");
      // Leaving the field hands the name to SurveyJS (typing-pause.ts).
      await firstNames.press("Tab");
      expect(await checkScreen(page, "large-roster-01-one-member")).toEqual([]);

      // The member before shows that member's answers, and the new one kept its name.
      await roster.getByRole("button", { name: "Enregistrement précédent", exact: true }).click();
      await expect.poll(() => position.innerText()).toBe("Enregistrement 20 sur 21");
      await expect.poll(() => firstNames.inputValue()).toBe("Membre20");
      await roster.getByRole("button", { name: "Enregistrement suivant", exact: true }).click();
      await expect.poll(() => firstNames.inputValue()).toBe("Zaharia");
      await saveScreenshot(page, "large-roster-02-back-to-the-new-member");
    } catch (error) {
      await saveScreenshot(page, "large-roster-failure").catch(() => {});
      throw new Error(`${String(error)}\npage errors: ${session.pageErrors.join("\n") || "none"}`, { cause: error });
    }
  }, 180_000);
});
