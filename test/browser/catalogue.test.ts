import type { Locator } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer } from "../helpers/app-server";
import {
  checkScreen,
  launchBrowser,
  saveNarrowScreenshot,
  saveScreenshot,
  type BrowserSession,
  waitUnlessAlert,
  signIn,
} from "../helpers/browser";

/**
 * A designer works on the variable catalogue in French (issue 4): the Catalogue tab lists the demo
 * catalogue's variables, the search box (debounced) and the filters narrow the list; a new single-choice
 * variable is refused for its code, fixed, saved, found and opened (revision 1); changing the type of a
 * variable the published form uses is refused with the form named.
 */

const DESIGNER = { username: "concepteur", password: "concepteur-demo-2026" };

async function rowText(row: Locator): Promise<string> {
  return (await row.innerText()).replace(/\s+/g, " ").trim();
}

describe("a designer works on the variable catalogue", () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let session: BrowserSession;

  beforeAll(async () => {
    server = await startTestServer("browser_catalogue");
    session = await launchBrowser();
  });

  afterAll(async () => {
    await session?.close();
    await server?.stop();
  });

  it("searches, filters, creates a variable after a field error, and is refused a type change of a published variable", async () => {
    const { page } = session;
    try {
      await signIn(page, `${server.url}/designer/`, DESIGNER);
      await waitUnlessAlert(page, page.getByRole("heading", { name: "Catalogue des variables" }));
      const tabs = page.getByRole("navigation", { name: "Sections du back-office" }).getByRole("link");
      await expect.poll(() => tabs.allTextContents()).toEqual(["Catalogue", "Masques"]);
      const rows = page.locator("rsu-catalogue tbody tr");
      await rows.first().waitFor();
      await saveScreenshot(page, "catalogue-00-list");
      expect(await saveNarrowScreenshot(page, "catalogue-00b-list-360")).toBeLessThanOrEqual(360);

      await page.getByLabel("Recherche (code, libellé, description)").fill("pièces");
      const rooms = page.getByRole("row").filter({ hasText: "number_of_rooms" });
      await rooms.waitFor();
      await expect.poll(() => rows.count()).toBe(1);
      await expect(rowText(rooms)).resolves.toMatch(/Nombre de pièces d'habitation Entier Ménage/);
      await saveScreenshot(page, "catalogue-01-search");

      await page.getByLabel("Recherche (code, libellé, description)").fill("");
      await page.getByLabel("Type").selectOption({ label: "Entier" });
      await expect
        .poll(async () => new Set((await page.locator("rsu-catalogue tbody tr td:nth-child(3)").allTextContents()).map((s) => s.trim())))
        .toEqual(new Set(["Entier"]));
      await expect(page.getByRole("status").filter({ hasText: "variable(s)" }).textContent()).resolves.toMatch(/\d+ variable\(s\)/);
      await saveScreenshot(page, "catalogue-02-filter-integer");
      // A new single-choice variable, first with a code the server refuses (capitals).
      await page.getByRole("button", { name: "Nouvelle variable" }).click();
      const form = page.locator("rsu-variable-form");
      await form.getByLabel("Code", { exact: true }).fill("Revenu");
      await form.getByLabel("Type").selectOption({ label: "Choix unique" });
      await form.getByLabel("Libellé (fr)").fill("Source de revenu principale");
      await form.getByLabel("Libellé (en)").fill("Main source of income");
      // Themes come from the « theme » code list: a select, not free text (#17).
      await form.locator("select[name=theme]").selectOption("livelihood");
      await form.getByLabel("Liste de codes").selectOption("activity");
      await form.getByRole("button", { name: "Créer la variable" }).click();
      const codeError = form.locator("#f-code-error");
      await codeError.waitFor();
      await expect(form.getByLabel("Code", { exact: true }).getAttribute("aria-invalid")).resolves.toBe("true");
      await expect(form.getByRole("alert").textContent()).resolves.toContain("corrigez les champs signalés");
      await saveScreenshot(page, "catalogue-03-code-error");
      await form.getByLabel("Code", { exact: true }).fill("revenu_principal");
      await form.getByRole("button", { name: "Créer la variable" }).click();
      await waitUnlessAlert(page, page.getByText("La variable « revenu_principal » est créée."));

      await page.getByLabel("Type").first().selectOption({ label: "Tous" });
      await page.getByLabel("Recherche (code, libellé, description)").fill("revenu principal");
      const created = page.getByRole("row").filter({ hasText: "revenu_principal" });
      await created.waitFor();
      await expect.poll(() => rows.count()).toBe(1);
      await expect(rowText(created)).resolves.toMatch(
        /Source de revenu principale Choix unique Ménage Moyens de subsistance Brouillon Interne/,
      );
      await page.getByRole("button", { name: "Ouvrir la variable revenu_principal" }).click();
      await page.getByText(/^Révision 1 — /).waitFor();
      await expect(page.getByText("Aucun formulaire publié n'utilise cette variable.").isVisible()).resolves.toBe(true);
      await saveScreenshot(page, "catalogue-04-opened");
      await page.getByRole("button", { name: "Annuler" }).click();

      // A variable of the published form: its type may no longer change.
      await page.getByLabel("Recherche (code, libellé, description)").fill("number_of_rooms");
      await expect.poll(() => rows.count()).toBe(1);
      await page.getByRole("button", { name: "Ouvrir la variable number_of_rooms" }).click();
      const edit = page.locator("rsu-variable-form");
      await edit.getByRole("heading", { name: "Variable number_of_rooms" }).waitFor();
      await expect(page.getByText("« menage » v1").first().isVisible()).resolves.toBe(true);
      await edit.getByLabel("Type").selectOption({ label: "Décimal" });
      await edit.getByRole("button", { name: "Enregistrer" }).click();
      const refusal = edit.getByRole("alert");
      await refusal.waitFor();
      await expect(refusal.textContent()).resolves.toMatch(/Formulaires publiés concernés : « menage » v1\..*dépréciez-la/);
      await saveScreenshot(page, "catalogue-05-in-use");

      // Before sign-in the app asks who is signed in and hears 401; the 422 and 409 above are the test's own.
      expect(session.pageErrors.filter((e) => !/^http (401|422|409)/.test(e))).toEqual([]);
    } catch (error) {
      await saveScreenshot(page, "catalogue-failure").catch(() => {});
      console.error(session.pageErrors.join("\n"));
      throw error;
    }
  });

  it("asks a variable of a new unit of records, refused in words until its code is snake case, then offers that unit (#20)", async () => {
    const { page } = session;
    try {
      await page.getByRole("button", { name: "Annuler" }).click();
      await page.getByRole("button", { name: "Nouvelle variable" }).click();
      const form = page.locator("rsu-variable-form");
      const level = form.locator("select[name=level]");
      await expect
        .poll(() => level.locator("option").allTextContents())
        .toEqual(["Ménage", "Individu", "Nouvelle unité d'enregistrements…"]);
      await form.getByLabel("Code", { exact: true }).fill("plot_area");
      await level.selectOption({ label: "Nouvelle unité d'enregistrements…" });
      await form.getByLabel("Type").selectOption({ label: "Décimal" });
      await form.getByLabel("Libellé (fr)").fill("Superficie de la parcelle (hectares)");
      await form.getByLabel("Libellé (en)").fill("Plot area (hectares)");
      await form.getByLabel("Code de la nouvelle unité").fill("Parcelles");
      await form.getByRole("button", { name: "Créer la variable" }).click();
      const unitError = form.locator("#f-newUnit-error");
      await unitError.waitFor();
      await expect(unitError.textContent()).resolves.toContain("commence par une lettre minuscule");
      await expect(form.getByLabel("Code de la nouvelle unité").getAttribute("aria-invalid")).resolves.toBe("true");
      expect(await checkScreen(page, "catalogue-06-new-unit-error")).toEqual([]);
      await form.getByLabel("Code de la nouvelle unité").fill("plots");
      await form.getByRole("button", { name: "Créer la variable" }).click();
      await waitUnlessAlert(page, page.getByText("La variable « plot_area » est créée."));

      await page.getByRole("button", { name: "Nouvelle variable" }).click();
      const next = page.locator("rsu-variable-form select[name=level]");
      await expect
        .poll(() => next.locator("option").allTextContents())
        .toEqual(["Ménage", "Individu", "Enregistrements « plots »", "Nouvelle unité d'enregistrements…"]);
      await next.selectOption({ label: "Enregistrements « plots »" });
      expect(await checkScreen(page, "catalogue-07-unit-offered")).toEqual([]);
      await page.getByRole("button", { name: "Annuler" }).click();
      expect(session.pageErrors.filter((e) => !/^http (401|422|409)/.test(e))).toEqual([]);
    } catch (error) {
      await saveScreenshot(page, "catalogue-failure").catch(() => {});
      console.error(session.pageErrors.join("\n"));
      throw error;
    }
  });

  it("filters the list by every unit the catalogue has, not only household and individual (#20)", async () => {
    const { page } = session;
    try {
      // The first test left a search in the box.
      await page.getByLabel("Recherche (code, libellé, description)").fill("");
      const filter = page.locator("rsu-catalogue form.filters select[name=level]");
      await expect
        .poll(() => filter.locator("option").allTextContents())
        .toEqual(["Tous", "Ménage", "Individu", "Enregistrements « plots »"]);
      await filter.selectOption({ label: "Enregistrements « plots »" });
      const rows = page.locator("rsu-catalogue tbody tr");
      await expect
        .poll(async () => (await rows.allInnerTexts()).map((row) => row.replace(/\s+/g, " ").trim()))
        .toEqual(["plot_area Superficie de la parcelle (hectares) Décimal Enregistrements « plots » — Brouillon Interne"]);
      await expect(page.getByRole("status").filter({ hasText: "variable(s)" }).textContent()).resolves.toBe("1 variable(s)");
      expect(await checkScreen(page, "catalogue-08-filter-unit")).toEqual([]);
      await filter.selectOption({ label: "Tous" });
      expect(session.pageErrors.filter((e) => !/^http (401|422|409)/.test(e))).toEqual([]);
    } catch (error) {
      await saveScreenshot(page, "catalogue-failure").catch(() => {});
      console.error(session.pageErrors.join("\n"));
      throw error;
    }
  });
});
