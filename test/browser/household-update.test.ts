import { randomUUID } from "node:crypto";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_FORM } from "../../api/db/seeders/demo/catalogue";
import { startTestServer } from "../helpers/app-server";
import { launchBrowser, saveScreenshot, type BrowserSession, waitUnlessAlert, signIn } from "../helpers/browser";
import { validHousehold } from "../helpers/demo-responses";
import { waitFor } from "../helpers/wait-for";

/**
 * A clerk updates a household of their area (issue #6), in French: « Ménages de ma zone » →
 * « Mettre à jour » opens the questionnaire with the household's answers, one answer is changed and sent,
 * the registry applies it as version 2, and « Mes envois » shows the update integrated.
 */
const CLERK = { username: "agent", password: "agent-demo-2026" };
/** validHousehold(1) falls in prefecture 101, the clerk's. */
const SEED = 1;
const NEW_ADDRESS = "Derrière la grande mosquée";

describe("a clerk updates a household of their area", () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let session: BrowserSession;
  let householdId = "";

  beforeAll(async () => {
    server = await startTestServer("browser_household_update");
    session = await launchBrowser();
    const data = validHousehold(SEED);
    const id = randomUUID();
    const posted = await server.context.request("/api/submissions", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ id, formId: DEMO_FORM.id, version: 1, data }),
    }, "agent");
    expect(posted.status, await posted.clone().text()).toBe(202);
    householdId = await waitFor(async () => {
      const body = (await (await server.context.request(`/api/submissions/${id}`)).json()) as { status: string; householdId: string | null };
      return body.status === "integrated" ? (body.householdId ?? undefined) : undefined;
    }, { what: "the household to be integrated" });
  });

  afterAll(async () => {
    await session?.close();
    await server?.stop();
  });

  it("opens it prefilled, changes the address, and sees version 2 and the submission in « Mes envois »", async () => {
    const { page } = session;
    try {
      await signIn(page, `${server.url}/runtime/`, CLERK);
      await waitUnlessAlert(page, page.getByRole("heading", { name: "Questionnaires publiés" }));

      await page.getByRole("button", { name: "Ménages de ma zone" }).click();
      const update = page.getByRole("button", { name: /^Mettre à jour le ménage de/ }).first();
      await update.waitFor();
      await saveScreenshot(page, "update-00-households");
      await update.click();

      // The questionnaire opens on the household's own answers.
      await waitUnlessAlert(page, page.getByText("Mise à jour d'un ménage déjà enregistré"));
      const address = page.locator('[data-name="address"] input');
      await address.waitFor();
      await expect(page.locator('[data-name="village"] input').inputValue()).resolves.not.toBe("");
      await address.fill(NEW_ADDRESS);
      await address.press("Tab");
      await saveScreenshot(page, "update-01-prefilled");
      for (let i = 0; i < 10 && (await page.getByRole("button", { name: "Suivant" }).isVisible()); i++) {
        await page.getByRole("button", { name: "Suivant" }).click();
      }
      await page.getByRole("button", { name: "Terminer" }).click();
      await waitUnlessAlert(page, page.getByText("Intégré au registre"), 35_000);
      await saveScreenshot(page, "update-02-integrated");

      const household = (await (await server.context.request(`/api/households/${householdId}`)).json()) as { version: number; attributes: Record<string, unknown> };
      expect(household.version).toBe(2);
      expect(household.attributes.address).toBe(NEW_ADDRESS);

      await page.getByRole("button", { name: /Retour à la liste/ }).click();
      await page.getByRole("button", { name: "Mes envois" }).click();
      const rows = page.locator("rsu-my-submissions tbody tr");
      await rows.nth(1).waitFor();
      await expect(rows.first().innerText()).resolves.toContain("Intégré");
      await saveScreenshot(page, "update-03-my-submissions");

      // An update built on version 1 arrives after version 2: a supervisor sends it back with a comment.
      const api = (path: string, body: unknown, as: "agent" | "superviseur") =>
        server.context.request(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }, as);
      const stale = randomUUID();
      expect((await api("/api/submissions", { id: stale, formId: DEMO_FORM.id, version: 1, data: validHousehold(SEED), householdId, baseVersion: 1 }, "agent")).status).toBe(202);
      await waitFor(async () => {
        const body = (await (await server.context.request(`/api/submissions/${stale}`)).json()) as { status: string };
        return body.status === "needs_review" ? true : undefined;
      }, { what: "the stale update to wait for review" });
      expect((await api(`/api/submissions/${stale}/return`, { comment: "Reprenez depuis la dernière version du ménage." }, "superviseur")).status).toBe(200);

      await page.getByRole("button", { name: "Questionnaires" }).click();
      await page.getByRole("button", { name: "Mes envois" }).click();
      await rows.nth(2).waitFor();
      await expect(rows.first().innerText()).resolves.toMatch(/Renvoyé par le superviseur[\s\S]*Reprenez depuis la dernière version/);
      await saveScreenshot(page, "update-04-returned");
      await rows.first().getByRole("button", { name: /^Corriger et renvoyer/ }).click();
      await waitUnlessAlert(page, page.getByText("Mise à jour d'un ménage déjà enregistré"));
      // Started again from the household as it is now (version 2), not from the stale answers.
      await expect(page.locator('[data-name="address"] input').inputValue()).resolves.toBe(NEW_ADDRESS);
    } catch (error) {
      await saveScreenshot(page, "update-failure");
      throw error;
    }
  });
});
