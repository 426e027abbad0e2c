import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_FORM } from "../../api/db/seeders/demo/catalogue";
import { startTestServer } from "../helpers/app-server";
import { launchBrowser, saveScreenshot, type BrowserSession, waitUnlessAlert, signIn } from "../helpers/browser";
import { validHousehold } from "../helpers/demo-responses";

/**
 * A clerk updates a household of their area (issue #6), in French: « Ménages de ma zone » →
 * « Mettre à jour » opens the questionnaire with the household's answers, one answer is changed and sent,
 * the registry applies it as version 2, and « Mes envois » shows the update integrated. An update that
 * another one overtook waits for a supervisor, who sends it back; the clerk reads why and corrects it.
 */
const CLERK = { username: "agent", password: "agent-demo-2026" };
/** validHousehold(1) falls in prefecture 101, the clerk's. */
const SEED = 1;
const NEW_ADDRESS = "Derrière la grande mosquée";
const OTHER_ADDRESS = "Route de l'aéroport";
const COMMENT = "Reprenez depuis la dernière version du ménage.";

describe("a clerk updates a household of their area", () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let session: BrowserSession;
  let householdId = "";

  /** As the clerk unless told otherwise. */
  const api = (method: string, path: string, body?: unknown, as: "agent" | "superviseur" = "agent") =>
    server.context.send(method, path, body, as);
  const household = async () =>
    (await api("GET", `/api/households/${householdId}`)).body as { version: number; attributes: Record<string, unknown> };

  beforeAll(async () => {
    server = await startTestServer("browser_household_update");
    session = await launchBrowser();
    const created = await server.context.submitAndDrain(validHousehold(SEED), { formId: DEMO_FORM.id }, "agent");
    expect(created.status).toBe("integrated");
    householdId = created.householdId;
  });

  afterAll(async () => {
    await session?.close();
    await server?.stop();
  });

  /** « Mettre à jour » on the household, then waits for its answers in the questionnaire. */
  async function openUpdate(page: Page) {
    await page.getByRole("button", { name: "Ménages de ma zone" }).click();
    const update = page.getByRole("button", { name: /^Mettre à jour le ménage de/ }).first();
    await update.waitFor();
    return update;
  }

  async function finish(page: Page) {
    for (let i = 0; i < 10 && (await page.getByRole("button", { name: "Suivant" }).isVisible()); i++) {
      await page.getByRole("button", { name: "Suivant" }).click();
    }
    await page.getByRole("button", { name: "Terminer" }).click();
  }

  async function setAddress(page: Page, value: string) {
    const address = page.locator('[data-name="address"] input');
    await address.waitFor();
    await address.fill(value);
    await address.press("Tab");
  }

  async function openMySubmissions(page: Page) {
    await page.getByRole("button", { name: "Questionnaires" }).click();
    await page.getByRole("button", { name: "Mes envois" }).click();
    return page.locator("rsu-my-submissions tbody tr");
  }

  it("opens it prefilled, changes the address, sees version 2 in « Mes envois »; a stale update waits, is sent back, and is corrected", async () => {
    const { page } = session;
    const head = (validHousehold(SEED).members as { first_name: string; last_name: string }[])[0]!;
    try {
      await signIn(page, `${server.url}/runtime/`, CLERK);
      await waitUnlessAlert(page, page.getByRole("heading", { name: "Questionnaires publiés" }));

      const update = await openUpdate(page);
      await saveScreenshot(page, "update-00-households");
      await update.click();

      // The questionnaire opens on the household's own answers.
      await waitUnlessAlert(page, page.getByText("Mise à jour d'un ménage déjà enregistré"));
      await page.locator('[data-name="address"] input').waitFor();
      expect(await page.locator('[data-name="village"] input').inputValue()).toBe(validHousehold(SEED).village);
      await setAddress(page, NEW_ADDRESS);
      await saveScreenshot(page, "update-01-prefilled");
      await finish(page);
      await waitUnlessAlert(page, page.getByText("Intégré au registre"), 35_000);
      await saveScreenshot(page, "update-02-integrated");
      expect(await household()).toMatchObject({ version: 2, attributes: { address: NEW_ADDRESS } });

      await page.getByRole("button", { name: /Retour à la liste/ }).click();
      const rows = await openMySubmissions(page);
      await rows.nth(1).waitFor();
      const newest = await rows.first().innerText();
      expect(newest).toContain("Intégré");
      expect(newest).toContain(`${head.first_name} ${head.last_name}`);
      expect(newest).toContain("Mise à jour d'un ménage");
      await saveScreenshot(page, "update-03-my-submissions");

      // The clerk opens the household again (version 2) while another update makes it version 3.
      await (await openUpdate(page)).click();
      await waitUnlessAlert(page, page.getByText("Mise à jour d'un ménage déjà enregistré"));
      const current = (await api("GET", `/api/households/${householdId}/answers`)).body;
      const meanwhile = await server.context.submitAndDrain(
        { ...current.data, address: OTHER_ADDRESS },
        { formId: DEMO_FORM.id, householdId, baseVersion: 2 },
        "agent",
      );
      expect(meanwhile.status).toBe("integrated");
      await setAddress(page, "Près du marché");
      await finish(page);
      await waitUnlessAlert(page, page.getByText("un superviseur va rapprocher les deux versions"), 35_000);
      await saveScreenshot(page, "update-04-stale");
      expect((await household()).version).toBe(3);

      const stale = (await api("GET", "/api/submissions?stage=needs_review")).body.items[0].id as string;
      expect((await api("POST", `/api/submissions/${stale}/return`, { comment: COMMENT }, "superviseur")).status).toBe(200);

      await page.getByRole("button", { name: /Retour à la liste/ }).click();
      await openMySubmissions(page);
      await rows.nth(2).waitFor();
      expect(await rows.first().innerText()).toMatch(new RegExp(`Renvoyé[\\s\\S]*${COMMENT}[\\s\\S]*version 2 du ménage`));
      // Only the one sent back, under « Renvoyé ».
      await page.getByLabel("État").selectOption({ label: "Renvoyé" });
      await page.getByRole("status").filter({ hasText: "1 envoi(s)" }).waitFor();
      await expect(rows.count()).resolves.toBe(1);
      await saveScreenshot(page, "update-05-returned");
      // In the clerk's other language, the stage and the registry's reason follow; the comment is the supervisor's own.
      await page.getByRole("button", { name: "EN", exact: true }).click();
      await rows.first().getByText("Sent back", { exact: true }).waitFor();
      expect(await rows.first().innerText()).toContain("Update built on version 2 of the household");
      await saveScreenshot(page, "update-06-returned-en");
      await page.getByRole("button", { name: "FR", exact: true }).click();

      await rows
        .first()
        .getByRole("button", { name: /^Corriger et renvoyer/ })
        .click();
      await waitUnlessAlert(page, page.getByText("Mise à jour d'un ménage déjà enregistré"));
      // Started again from the household as it is now (version 3), not from the stale answers.
      await page.locator('[data-name="address"] input').waitFor();
      expect(await page.locator('[data-name="address"] input').inputValue()).toBe(OTHER_ADDRESS);
      await setAddress(page, "Près du marché");
      await finish(page);
      await waitUnlessAlert(page, page.getByText("Intégré au registre"), 35_000);
      expect(await household()).toMatchObject({ version: 4, attributes: { address: "Près du marché" } });
    } catch (error) {
      await saveScreenshot(page, "update-failure");
      throw error;
    }
  });
});
