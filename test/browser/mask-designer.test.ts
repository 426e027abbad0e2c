import { fileURLToPath } from "node:url";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer } from "../helpers/app-server";
import { launchBrowser, saveNarrowScreenshot, saveScreenshot, type BrowserSession, waitUnlessAlert, signIn } from "../helpers/browser";

/**
 * An administrator designs a new entry mask in French (issue 5): creates the form, drags a catalogue
 * variable from the toolbox onto the design surface, saves, sees the binding error of a mistyped question
 * on that question, fixes it, publishes version 1, and fills that version in the runtime.
 */

const ADMIN = { username: "admin", password: "admin-demo-2026" };
const FORM = { id: "enquete_essai", fr: "Enquête d'essai", en: "Trial survey" };

type Json = Record<string, unknown> & { pages: { name: string; elements: Record<string, unknown>[] }[] };

/** Replaces the mask through Creator's JSON editor tab, then goes back to the design surface. */
async function editJson(page: Page, change: (json: Json) => Json) {
  await page
    .getByRole("tab", { name: "Éditeur JSON" })
    .or(page.getByText("Éditeur JSON", { exact: true }))
    .first()
    .click();
  const area = page.locator(".svc-json-editor-tab__content-area");
  await area.waitFor();
  const json = change(JSON.parse(await area.inputValue()) as Json);
  await area.fill(JSON.stringify(json, null, 2));
  await page
    .getByRole("tab", { name: "Éditeur de sondage" })
    .or(page.getByText("Éditeur de sondage", { exact: true }))
    .first()
    .click();
  await page.locator(".svc-toolbox").waitFor();
  // The creator takes the text in when the tab changes; on a busy machine saving straight away could
  // still send the mask as it was. Its questions on the design surface say the edit is in.
  for (const page_ of json.pages ?? [])
    for (const element of page_.elements ?? []) await page.locator(`[data-name="${element.name}"]`).first().waitFor();
}

/** The household roster with two individual variables, as the toolbox would make them. */
const roster = {
  type: "paneldynamic",
  name: "members",
  title: { default: "Membres du ménage", en: "Household members" },
  minPanelCount: 1,
  templateElements: [
    { type: "text", name: "first_name", title: { default: "Prénom", en: "First name" }, isRequired: true },
    {
      type: "radiogroup",
      name: "sex",
      title: { default: "Sexe", en: "Sex" },
      choices: [
        { value: "1", text: { default: "Masculin", en: "Male" } },
        { value: "2", text: { default: "Féminin", en: "Female" } },
      ],
    },
  ],
};

/** Creator's own save-state notifier is an alert too, but not an error: only ours count. */
const waitOurs = (page: Page, done: Locator, timeout = 20_000) =>
  waitUnlessAlert(page, done, timeout, page.locator('[role="alert"]:not(.svc-creator [role="alert"])'));

describe("an administrator designs and publishes an entry mask", () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let session: BrowserSession;

  beforeAll(async () => {
    server = await startTestServer("browser_mask_designer");
    // Creator needs room: toolbox, design surface and property grid side by side.
    session = await launchBrowser({ width: 1400, height: 950 });
  });

  afterAll(async () => {
    await session?.close();
    await server?.stop();
  });

  it("drags a variable, sees and fixes a binding error, publishes, and fills the new version", async () => {
    const { page } = session;
    try {
      await signIn(page, `${server.url}/designer/`, ADMIN);
      const tabs = page.getByRole("navigation", { name: "Sections du back-office" });
      await tabs.getByRole("link", { name: "Masques" }).click();
      await waitOurs(page, page.getByRole("heading", { name: "Masques de saisie" }));
      await page.locator("rsu-forms tbody tr").first().waitFor();
      await saveScreenshot(page, "mask-designer-00-forms");
      expect(await saveNarrowScreenshot(page, "mask-designer-00b-forms-360")).toBeLessThanOrEqual(360);

      // A new form: id and titles; the designer opens on it.
      await page.getByRole("button", { name: "Nouveau masque" }).click();
      await page.getByLabel("Identifiant", { exact: true }).fill(FORM.id);
      await page.getByLabel("Titre (français)").fill(FORM.fr);
      await page.getByLabel("Titre (anglais)").fill(FORM.en);
      await page.getByRole("button", { name: "Créer le masque" }).click();
      await waitOurs(page, page.getByRole("heading", { name: `Masque « ${FORM.id} »` }));
      await page.locator(".svc-creator .svc-toolbox").waitFor({ timeout: 30_000 });
      await saveScreenshot(page, "mask-designer-01-empty");

      // The toolbox is the catalogue, by theme; a real drag of « Île » onto the empty surface.
      await page.locator(".svc-toolbox__category-header").filter({ hasText: "Identification" }).click();
      const island = page.locator(".svc-toolbox__item").filter({ hasText: /^Île$/ }).first();
      await island.waitFor();
      await island.dragTo(page.locator(".svc-designer__placeholder-container, .svc-page__content, .svc-page").first());
      const placed = page.locator('.svc-question__content [data-name="island"], [data-sv-drop-target-survey-element="island"]').first();
      await placed.waitFor();
      await expect(placed.textContent()).resolves.toContain("Ngazidja (Grande Comore)");
      // A variable is asked once: its toolbox item is now greyed out.
      await page.locator(".svc-toolbox__tool--disabled").filter({ hasText: /^Île$/ }).waitFor();
      await saveScreenshot(page, "mask-designer-02-dragged");

      // A bound question's type cannot be changed in the property grid: mistype it in the JSON editor,
      // and add the members roster.
      let dropped: Record<string, unknown> = {};
      await editJson(page, (json) => {
        dropped = json.pages[0]!.elements.find((e) => e.name === "island")!;
        const { choices: _choices, ...rest } = dropped;
        json.pages[0]!.elements = [{ ...rest, type: "text" }, roster];
        return json;
      });
      await page.getByRole("button", { name: "Enregistrer le brouillon" }).click();
      const errors = page.locator("rsu-mask-designer section.status.error");
      await waitOurs(page, errors);
      // A new form's empty mask is already listed as a problem when the designer opens: the save's own
      // answer replaces it (on a busy machine, a moment after the click).
      await expect.poll(() => errors.textContent(), { timeout: 15_000 }).toMatch(/erreur\(s\) de liaison au catalogue[\s\S]*island/);
      // The same error stands in the question's box on the design surface.
      await expect.poll(() => page.locator(".svc-carry-forward-panel").count()).toBeGreaterThan(0);
      await expect(page.getByRole("button", { name: "Publier", exact: true }).isDisabled()).resolves.toBe(true);
      await saveScreenshot(page, "mask-designer-03-binding-error");

      // Fixed: back to the question the toolbox made; saved again, the check is clean.
      await editJson(page, (json) => {
        json.pages[0]!.elements = json.pages[0]!.elements.map((e) => (e.name === "island" ? dropped : e));
        return json;
      });
      await page.getByRole("button", { name: "Enregistrer le brouillon" }).click();
      await waitOurs(page, page.getByText("Aucune erreur de liaison au catalogue."));
      const publish = page.getByRole("button", { name: "Publier", exact: true });
      await expect.poll(() => publish.isEnabled()).toBe(true);

      // Publishing: a first version, so no diff to confirm.
      await publish.click();
      const dialog = page.locator("rsu-mask-publish");
      await waitOurs(page, dialog.getByText("Première publication"));
      await saveScreenshot(page, "mask-designer-04-publish");
      await dialog.getByRole("button", { name: "Publier la version" }).click();
      await waitOurs(page, page.getByText("Version 1 publiée."));

      // Issue #21: publishing the same draft again would give one questionnaire two versions: refused, in words.
      await publish.click();
      await dialog.getByText("Aucun changement de variable par rapport à la version 1.").waitFor();
      await dialog.getByRole("button", { name: "Publier la version" }).click();
      await expect(dialog.getByRole("alert").textContent()).resolves.toContain(
        "Rien n'a changé depuis la version 1 : modifiez le brouillon (ou le catalogue) avant de publier une nouvelle version.",
      );
      await saveScreenshot(page, "mask-designer-04b-unchanged-refused");
      const again = await server.context.post(`/api/forms/${FORM.id}/publish`, {});
      expect(again.status).toBe(409);
      expect(again.body.error).toMatchObject({ code: "version_unchanged", details: { formId: FORM.id, version: 1 } });
      expect(again.body.error.message.en).toBe(
        "Nothing has changed since version 1: change the draft (or the catalogue) before publishing a new version.",
      );
      await dialog.getByRole("button", { name: "Annuler" }).click();

      await page.getByRole("button", { name: "Retour aux masques" }).click();
      const row = page.locator("rsu-forms tbody tr").filter({ hasText: FORM.id });
      await expect.poll(async () => (await row.textContent()) ?? "").toMatch(/v1 du/);
      // Issue #21: the publisher by name, not by id.
      await expect(row.locator("ul.versions li span[title]").textContent()).resolves.toBe("par Administrateur démo");
      await saveScreenshot(page, "mask-designer-05-published");

      // The runtime offers the new version; the admin fills it.
      await page.goto(`${server.url}/runtime/`);
      await waitOurs(page, page.getByRole("heading", { name: "Questionnaires publiés" }));
      await page.getByRole("button", { name: `Remplir le questionnaire « ${FORM.fr} »` }).click();
      await page.locator('[data-name="island"]').getByText("Ngazidja (Grande Comore)", { exact: true }).click();
      const member = page.locator('[data-name="members"]');
      await member.locator('[data-name="first_name"] input').fill("Mariama");
      await member.locator('[data-name="first_name"] input').press("Tab");
      await member.locator('[data-name="sex"]').getByText("Féminin", { exact: true }).click();
      await saveScreenshot(page, "mask-designer-06-runtime");
      await page.getByRole("button", { name: "Terminer" }).click();
      // Accepted by the API (the compiled schema took it) and integrated by the workers; a refusal, or a
      // hold for review, is a failure the clerk would see, so the page must say « Intégré au registre ».
      const outcome = page.getByText(/Intégré au registre|refusé|superviseur/).first();
      await outcome.waitFor({ timeout: 30_000 });
      await saveScreenshot(page, "mask-designer-07-sent");
      expect(await outcome.textContent()).toContain("Intégré au registre");
      await server.context.drain();
      const [sent] = (await server.context.get(`/api/submissions?mine=1&limit=1`)).body.items;
      expect(sent).toMatchObject({ formId: FORM.id, version: 1, status: "integrated" });
      // Left alone for now (see the session note): Creator scrolls its design surface through an element
      // it looks up in the document, which lives in our shadow root, and throws while the mask still works.
      const creatorScroll = (e: string) => e.includes("reading 'scrollTop'");
      // The refused second publication (409) is expected too.
      const refusedPublish = (e: string) => e === `http 409: ${server.url}/api/forms/${FORM.id}/publish`;
      expect(session.pageErrors.filter((e) => !e.includes("/api/auth/me") && !creatorScroll(e) && !refusedPublish(e))).toEqual([]);
    } catch (error) {
      await saveScreenshot(page, "mask-designer-failure");
      console.error(session.pageErrors.join("\n"));
      throw error;
    }
    // Creator on a busy two-core machine: the whole path (design, publish twice, fill) takes over a minute.
  }, 150_000);

  it("imports an XLSForm (legacy .xls): reads the report row by row, creates the draft, opens it in the designer (issue #20)", async () => {
    const { page } = session;
    try {
      // Signed in already when the first test ran before, at the sign-in form otherwise: start signed out.
      await page.context().clearCookies();
      await signIn(page, `${server.url}/designer/`, ADMIN);
      await page.getByRole("navigation", { name: "Sections du back-office" }).getByRole("link", { name: "Masques" }).click();
      await page.getByRole("button", { name: "Importer un XLSForm" }).click();
      await page
        .getByLabel("Fichier XLSForm")
        .setInputFiles(fileURLToPath(new URL("../fixtures/xlsform/pyxform__widgets.xls", import.meta.url)));
      await page.getByLabel("Identifiant du masque (facultatif)").fill("widgets_odk");
      await page.getByRole("button", { name: "Prévisualiser" }).click();
      const summary = page.getByRole("status").filter({ hasText: "widgets_odk :" });
      await waitOurs(page, summary);
      expect(await summary.textContent()).toMatch(/widgets_odk : \d+ repris, \d+ approchés, \d+ refusés/);
      const image = page.locator("rsu-xlsform-import tbody tr").filter({ hasText: "survey, ligne 13" });
      // A photo question imports as a file question (#20); the catalogue has no variable for it yet.
      expect(await image.textContent()).toContain("Approché");
      expect(await image.textContent()).toContain("Aucune variable « my_image » au catalogue");
      await saveScreenshot(page, "mask-designer-08-xlsform-report");

      await page.getByRole("button", { name: "Créer le brouillon" }).click();
      await waitOurs(page, page.getByRole("heading", { name: "Masque « widgets_odk »" }));
      await page.locator('.svc-creator [data-name="my_decimal"]').first().waitFor({ timeout: 30_000 });
      await saveScreenshot(page, "mask-designer-09-xlsform-draft");
      expect((await server.context.get("/api/forms/widgets_odk/draft")).body.mask.pages[0].elements[0]).toMatchObject({
        name: "my_string",
      });
    } catch (error) {
      await saveScreenshot(page, "mask-designer-xlsform-failure");
      console.error(session.pageErrors.join("\n"));
      throw error;
    }
  });
});
