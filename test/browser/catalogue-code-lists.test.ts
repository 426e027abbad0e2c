import type { Locator } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer } from "../helpers/app-server";
import { launchBrowser, saveScreenshot, SCREENSHOT_DIR, type BrowserSession, waitUnlessAlert, signIn } from "../helpers/browser";

/**
 * A designer writes a code list in the catalogue's « Listes de codes » view (issue 4): three items, one
 * moved up with the keyboard, then a single-choice variable that uses it (the form shows the list's items),
 * and finds both in the specification document, items in the order chosen. Then a hierarchical list whose
 * items name their island, refused while one has no parent, saved once it does; and the removal of a value
 * the published form holds, refused with that form named.
 */

const DESIGNER = { username: "concepteur", password: "concepteur-demo-2026" };

async function addItem(editor: Locator, position: number, value: string, fr: string, en: string) {
  await editor.getByRole("button", { name: "Ajouter un élément" }).click();
  const item = editor.getByRole("group", { name: `Élément ${position}` });
  await item.getByLabel("Valeur").fill(value);
  await item.getByLabel("Libellé (fr)").fill(fr);
  await item.getByLabel("Libellé (en)").fill(en);
  return item;
}

describe("a designer writes code lists and uses one in a variable", () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let session: BrowserSession;

  beforeAll(async () => {
    server = await startTestServer("browser_catalogue_code_lists");
    session = await launchBrowser();
  });

  afterAll(async () => {
    await session?.close();
    await server?.stop();
  });

  it("creates an ordered code list, a variable using it, and finds both in the specification document", async () => {
    const { page } = session;
    try {
      await signIn(page, `${server.url}/designer/`, DESIGNER);
      await waitUnlessAlert(page, page.getByRole("heading", { name: "Catalogue des variables" }));

      await page.getByRole("button", { name: "Listes de codes" }).click();
      await page.getByRole("button", { name: "Ouvrir la liste island" }).waitFor();
      await page.getByLabel("Recherche (code ou libellé)").fill("prefecture");
      await expect.poll(() => page.locator("rsu-code-lists tbody tr").count()).toBe(1);
      await saveScreenshot(page, "code-lists-00-list");
      await page.getByLabel("Recherche (code ou libellé)").fill("");

      await page.getByRole("button", { name: "Nouvelle liste de codes" }).click();
      const editor = page.locator("rsu-code-list-editor");
      await editor.getByLabel("Code", { exact: true }).fill("water_treatment");
      await editor.getByLabel("Libellé (fr)").first().fill("Traitement de l'eau de boisson");
      await editor.getByLabel("Libellé (en)").first().fill("Drinking water treatment");
      // Comorian (Shingazidja) added to the list's languages: a field per item appears.
      await editor.getByLabel("Ajouter une langue").selectOption("zdj");
      await editor.getByLabel("Libellé (zdj)").first().fill("Ulindzi wa maji");
      await addItem(editor, 1, "1", "Aucun traitement", "No treatment");
      await addItem(editor, 2, "2", "Ébullition", "Boiling");
      await addItem(editor, 3, "3", "Chlore", "Chlorine");
      // "Chlore" goes up one place, by keyboard: the focus follows it.
      await editor.getByRole("button", { name: "Monter l'élément 3" }).focus();
      await page.keyboard.press("Enter");
      await expect.poll(() => editor.getByRole("group", { name: "Élément 2" }).getByLabel("Valeur").inputValue()).toBe("3");
      await expect.poll(() => editor.evaluate((el) => el.shadowRoot?.activeElement?.getAttribute("aria-label"))).toBe("Monter l'élément 2");
      await editor.screenshot({ path: `${SCREENSHOT_DIR}code-lists-01-editor.png` });
      await editor.getByRole("button", { name: "Créer la liste" }).click();
      await waitUnlessAlert(page, page.getByText("La liste de codes « water_treatment » est créée."));

      // A second list with a value twice is refused, the message next to the value.
      await page.getByRole("button", { name: "Nouvelle liste de codes" }).click();
      await editor.getByLabel("Code", { exact: true }).fill("water_treatment");
      await editor.getByLabel("Libellé (fr)").first().fill("Doublon");
      await addItem(editor, 1, "1", "Un", "One");
      await addItem(editor, 2, "1", "Un encore", "One again");
      await editor.getByRole("button", { name: "Créer la liste" }).click();
      await editor.getByRole("alert").waitFor();
      await expect(editor.locator("#f-items-1-code-error").textContent()).resolves.toContain("figure deux fois");
      await saveScreenshot(page, "code-lists-02-duplicate");
      await editor.getByRole("button", { name: "Annuler" }).click();

      await page.getByRole("button", { name: "Variables" }).click();
      await page.getByRole("button", { name: "Nouvelle variable" }).click();
      const form = page.locator("rsu-variable-form");
      await form.getByLabel("Code", { exact: true }).fill("traitement_eau");
      await form.getByLabel("Type").selectOption({ label: "Choix unique" });
      await form.getByLabel("Libellé (fr)").fill("Traitement de l'eau avant de la boire");
      await form.getByLabel("Libellé (en)").fill("Water treatment before drinking");
      await form.getByLabel("Description (fr)").fill("Ce que le ménage fait habituellement pour rendre l'eau plus sûre.");
      await form.locator("select[name=theme]").selectOption("dwelling");
      await form.getByLabel("Liste de codes").selectOption("water_treatment");
      await expect
        .poll(async () => (await form.locator(".code-list-preview li").allInnerTexts()).map((s) => s.replace(/\s+/g, " ").trim()))
        .toEqual(["1 Aucun traitement", "3 Chlore", "2 Ébullition"]);
      await form.screenshot({ path: `${SCREENSHOT_DIR}code-lists-03-variable.png` });
      await form.getByRole("button", { name: "Créer la variable" }).click();
      await waitUnlessAlert(page, page.getByText("La variable « traitement_eau » est créée."));

      await page.goto(`${server.url}/api/catalogue/export?format=html`);
      const section = page.locator("section#var-traitement_eau");
      await expect(section.locator("h3").innerText()).resolves.toBe("traitement_eau Traitement de l'eau avant de la boire");
      await expect(section.locator("ol.items li").allInnerTexts()).resolves.toEqual(["1 Aucun traitement", "3 Chlore", "2 Ébullition"]);
      await expect(section.innerText()).resolves.toContain("Ce que le ménage fait habituellement");
      await section.screenshot({ path: `${SCREENSHOT_DIR}code-lists-04-specification.png` });

      expect(session.pageErrors.filter((e) => !/^http (401|422)/.test(e))).toEqual([]);
    } catch (error) {
      await saveScreenshot(page, "code-lists-failure").catch(() => {});
      console.error(session.pageErrors.join("\n"));
      throw error;
    }
  });

  it("writes a hierarchical list whose items name their island", async () => {
    const { page } = session;
    try {
      await page.goto(`${server.url}/designer/`);
      await waitUnlessAlert(page, page.getByRole("heading", { name: "Catalogue des variables" }));
      await page.getByRole("button", { name: "Listes de codes" }).click();
      await page.getByRole("button", { name: "Nouvelle liste de codes" }).click();
      const editor = page.locator("rsu-code-list-editor");
      await editor.getByLabel("Code", { exact: true }).fill("health_district");
      await editor.getByLabel("Libellé (fr)").first().fill("District sanitaire");
      await editor.getByLabel("Liste parente (hiérarchie)").selectOption("island");
      const first = await addItem(editor, 1, "d1", "District de Moroni", "Moroni district");
      await first.getByLabel("Parent").selectOption({ index: 1 });
      await addItem(editor, 2, "d2", "District de Mutsamudu", "Mutsamudu district");
      await editor.getByRole("button", { name: "Créer la liste" }).click();
      await editor.locator("#f-items-1-parent-error").waitFor();
      await expect(editor.locator("#f-items-1-parent-error").textContent()).resolves.toContain(
        "doit avoir un parent de la liste « island »",
      );
      await saveScreenshot(page, "code-lists-05-parent-missing");
      await editor.getByRole("group", { name: "Élément 2" }).getByLabel("Parent").selectOption({ index: 2 });
      await editor.getByRole("button", { name: "Créer la liste" }).click();
      await waitUnlessAlert(page, page.getByText("La liste de codes « health_district » est créée."));
      await page.getByRole("button", { name: "Ouvrir la liste health_district" }).click();
      await expect(editor.getByRole("group", { name: "Élément 2" }).getByLabel("Parent").inputValue()).resolves.not.toBe("");
      await saveScreenshot(page, "code-lists-06-hierarchy");
      expect(session.pageErrors.filter((e) => !/^http (401|422)/.test(e))).toEqual([]);
    } catch (error) {
      await saveScreenshot(page, "code-lists-failure-hierarchy").catch(() => {});
      console.error(session.pageErrors.join("\n"));
      throw error;
    }
  });

  it("is refused removing a value the published form uses, the form named next to the items", async () => {
    const { page } = session;
    try {
      await page.goto(`${server.url}/designer/`);
      await waitUnlessAlert(page, page.getByRole("heading", { name: "Catalogue des variables" }));
      await page.getByRole("button", { name: "Listes de codes" }).click();
      await page.getByRole("button", { name: "Ouvrir la liste sex" }).click();
      const editor = page.locator("rsu-code-list-editor");
      await editor.getByRole("heading", { name: "Liste de codes sex" }).waitFor();
      await expect(editor.getByLabel("Code", { exact: true }).getAttribute("readonly")).resolves.not.toBeNull();
      await editor.getByRole("button", { name: "Retirer l'élément 2" }).click();
      await editor.getByRole("button", { name: "Enregistrer" }).click();
      const refusal = editor.locator("[data-errors=items]");
      await expect.poll(() => refusal.textContent()).toMatch(/Formulaires publiés concernés : « menage » v1/);
      await expect(refusal.textContent()).resolves.toContain("ne peuvent pas être retirées");
      await expect(editor.getByRole("alert").textContent()).resolves.toContain("corrigez les champs signalés");
      await saveScreenshot(page, "code-lists-07-value-in-use");
      expect(session.pageErrors.filter((e) => !/^http (401|422|409)/.test(e))).toEqual([]);
    } catch (error) {
      await saveScreenshot(page, "code-lists-failure-in-use").catch(() => {});
      console.error(session.pageErrors.join("\n"));
      throw error;
    }
  });
});
