import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer } from "../helpers/app-server";
import { checkScreen, launchBrowser, saveScreenshot, type BrowserSession, signIn, waitUnlessAlert } from "../helpers/browser";
import {
  byKeyboard,
  type KeyboardAnswer,
  chooseBoolean,
  chooseDropdown,
  chooseRadio,
  fillDate,
  fillText,
  next,
  question,
} from "../helpers/survey-form";

/**
 * A clerk's whole path, in French, against the real API and workers: sign in, choose the demo
 * questionnaire, fill it (two members), complete it, see it integrated, find the household in the registry.
 */

/** The demo clerk (api/db/seeders/demo-accounts.ts), whose area is prefecture 101, Moroni-Bambao. */
const CLERK = { username: "agent", password: "agent-demo-2026" };

// Unique per run so that a search by name can only find this test's household.
const HEAD_LAST_NAME = `Msaidie${Date.now().toString(36).slice(-5)}`;

interface Member {
  firstName: string;
  lastName: string;
  sex: string;
  birthDate: string;
  relation: string;
}

const MEMBERS: Member[] = [
  { firstName: "Ahamada", lastName: HEAD_LAST_NAME, sex: "Masculin", birthDate: "1978-03-14", relation: "Chef de ménage" },
  { firstName: "Zaharia", lastName: "Said", sex: "Féminin", birthDate: "1984-09-02", relation: "Conjoint(e)" },
];

async function fillMember(page: Page, panel: Locator, member: Member, { leave = true } = {}) {
  await fillText(panel, "first_name", member.firstName);
  await fillText(panel, "last_name", member.lastName);
  await chooseRadio(panel, "sex", member.sex);
  await fillDate(panel, "birth_date", member.birthDate);
  await chooseDropdown(page, panel, "relation_to_head", member.relation, { leave });
}

/** A finger's tap: where the button is now, without Playwright's waiting for it to be ready. */
async function clickAsAPerson(page: Page, button: Locator) {
  await button.scrollIntoViewIfNeeded();
  const box = await button.boundingBox();
  if (!box) throw new Error("the button is not on the screen");
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}

/** The first three pages of the demo questionnaire as the keyboard test answers them. */
const KEYBOARD_PAGES: { heading: string; answers: KeyboardAnswer[] }[] = [
  {
    heading: "Identification du ménage",
    answers: [
      ["radio", "island", "Ngazidja (Grande Comore)"],
      ["dropdown", "prefecture", "Moroni-Bambao"],
      ["dropdown", "commune", "Moroni"],
      ["text", "village", "Iconi"],
      ["date", "interview_date", "2025-11-04"],
    ],
  },
  {
    heading: "Statut d'occupation du logement",
    answers: [
      ["radio", "dwelling_tenure", "Locataire"],
      ["dropdown", "wall_material", "Parpaings, béton"],
      ["radio", "roof_material", "Tôle"],
      ["radio", "floor_material", "Ciment"],
      ["dropdown", "water_source", "Borne-fontaine publique"],
      ["radio", "toilet_type", "Latrine à fosse avec dalle"],
      ["radio", "lighting_source", "Électricité du réseau"],
      ["radio", "cooking_fuel", "Bois"],
      ["text", "number_of_rooms", "2"],
    ],
  },
  {
    heading: "Le ménage possède-t-il des terres ?",
    answers: [
      ["boolean", "owns_land", false],
      ["boolean", "owns_livestock", false],
    ],
  },
];

describe("a clerk submits a household from the runtime", () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let session: BrowserSession;

  beforeAll(async () => {
    server = await startTestServer("browser_submit_household");
    session = await launchBrowser();
  });

  afterAll(async () => {
    await session?.close();
    await server?.stop();
  });

  it("fills the demo questionnaire in French, sees it integrated, and finds the household", async () => {
    const { page } = session;
    try {
      await page.goto(`${server.url}/runtime/`);
      await expect.poll(() => page.title()).toBe("RSU — Saisie des ménages");
      await page.getByLabel("Identifiant").fill(CLERK.username);
      await page.getByLabel("Mot de passe").fill(CLERK.password);
      expect(await checkScreen(page, "00-sign-in")).toEqual([]);
      await page.getByRole("button", { name: "Se connecter" }).click();
      await waitUnlessAlert(page, page.getByRole("heading", { name: "Questionnaires publiés" }), 30_000);
      await page
        .getByRole("button", { name: /^Remplir le questionnaire/ })
        .first()
        .waitFor();
      expect(await checkScreen(page, "01-form-list")).toEqual([]);

      await page
        .getByRole("button", { name: /^Remplir le questionnaire/ })
        .first()
        .click();
      await page.getByText("Identification du ménage").waitFor();
      await chooseRadio(page, "island", "Ngazidja (Grande Comore)");
      await chooseDropdown(page, page, "prefecture", "Moroni-Bambao");
      await chooseDropdown(page, page, "commune", "Moroni");
      await fillText(page, "village", "Iconi");
      await fillText(page, "address", "Près de la mosquée du vendredi");
      await fillDate(page, "interview_date", "2025-11-03");
      expect(await checkScreen(page, "02-identification")).toEqual([]);
      await next(page);

      await page.getByText("Statut d'occupation du logement").waitFor();
      await chooseRadio(page, "dwelling_tenure", "Propriétaire");
      await chooseDropdown(page, page, "wall_material", "Parpaings, béton");
      await chooseRadio(page, "roof_material", "Tôle");
      await chooseRadio(page, "floor_material", "Ciment");
      await chooseDropdown(page, page, "water_source", "Borne-fontaine publique");
      await chooseRadio(page, "toilet_type", "Latrine à fosse avec dalle");
      await chooseRadio(page, "lighting_source", "Électricité du réseau");
      await chooseRadio(page, "cooking_fuel", "Bois");
      await fillText(page, "number_of_rooms", "3");
      expect(await checkScreen(page, "02-dwelling")).toEqual([]);
      await next(page);

      await page.getByText("Le ménage possède-t-il des terres ?").waitFor();
      await chooseBoolean(page, "owns_land", "Non");
      await chooseBoolean(page, "owns_livestock", "Non");
      expect(await checkScreen(page, "02-assets")).toEqual([]);
      await next(page);

      const roster = question(page, "members");
      await roster.waitFor();
      await fillMember(page, roster.locator(".sd-paneldynamic__panel-wrapper").nth(0), MEMBERS[0]!);
      await roster.getByRole("button", { name: "Ajouter un membre" }).click();
      expect(await checkScreen(page, "03-members")).toEqual([]);
      // « Terminer » clicked right after choosing in a drop-down, the list still focused: once lost (#18).
      await fillMember(page, roster.locator(".sd-paneldynamic__panel-wrapper").nth(1), MEMBERS[1]!, { leave: false });
      await clickAsAPerson(page, page.getByRole("button", { name: "Terminer" }));
      await waitUnlessAlert(page, page.getByText("Intégré au registre"), 35_000);
      // The household by its head's name and a short reference, the whole id on hover and in a fold (#21).
      await expect(page.getByText(`Ménage de Ahamada ${HEAD_LAST_NAME}`).isVisible()).resolves.toBe(true);
      const shortRef = page.locator(".rsu-short-ref");
      const householdId = (await shortRef.getAttribute("title")) ?? "";
      expect(householdId).toMatch(/^[0-9a-f-]{36}$/);
      expect(await shortRef.textContent()).toBe(householdId.slice(0, 8));
      expect(await page.getByText(householdId).isVisible()).toBe(false);
      await page.getByText("Identifiant complet (à copier)").click();
      expect(await page.getByText(householdId).isVisible()).toBe(true);
      expect(await checkScreen(page, "04-integrated")).toEqual([]);

      const response = await fetch(`${server.url}/api/households?q=${encodeURIComponent(HEAD_LAST_NAME)}`, {
        headers: { authorization: `Bearer ${server.context.tokens.admin}` },
      });
      expect(response.status).toBe(200);
      const { items, total } = (await response.json()) as { items: { memberCount: number; headName: string }[]; total: number };
      expect(total).toBe(1);
      expect(items[0]).toMatchObject({ memberCount: 2 });
      expect(items[0]?.headName).toContain(HEAD_LAST_NAME);
      // The one expected error: asking who is signed in before anyone is.
      expect(session.pageErrors.filter((e) => !e.endsWith("/api/auth/me"))).toEqual([]);
    } catch (error) {
      await saveScreenshot(page, "failure").catch(() => {});
      throw new Error(`${String(error)}\npage errors: ${session.pageErrors.join("\n") || "none"}`, { cause: error });
    }
  }, 240_000);

  it("completes the demo questionnaire with the keyboard alone", async () => {
    const { page } = session;
    const kb = byKeyboard;
    try {
      await page.goto(`${server.url}/runtime/`);
      await kb.press(page, page.getByRole("button", { name: /^Remplir le questionnaire/ }).first());
      for (const { heading, answers } of KEYBOARD_PAGES) {
        await page.getByText(heading).first().waitFor();
        for (const answer of answers) await kb.answer(page, page, answer);
        await kb.press(page, page.getByRole("button", { name: "Suivant" }));
      }

      const head = question(page, "members").locator(".sd-paneldynamic__panel-wrapper").nth(0);
      await head.waitFor();
      await kb.text(page, head, "first_name", "Mariama");
      await kb.text(page, head, "last_name", `${HEAD_LAST_NAME}k`);
      await kb.radio(page, head, "sex", "Féminin");
      await kb.date(page, head, "birth_date", "1990-05-21");
      await kb.dropdown(page, head, "relation_to_head", "Chef de ménage");
      await kb.press(page, page.getByRole("button", { name: "Terminer" }));
      await waitUnlessAlert(page, page.getByText("Intégré au registre"), 35_000);
      expect(await checkScreen(page, "06-keyboard-integrated")).toEqual([]);
    } catch (error) {
      await saveScreenshot(page, "failure-keyboard").catch(() => {});
      throw new Error(`${String(error)}\npage errors: ${session.pageErrors.join("\n") || "none"}`, { cause: error });
    }
  }, 90_000);

  it("opens a new questionnaire with the form's default answers already there (issue #20)", async () => {
    const { page } = session;
    const draft = (await server.context.get("/api/forms/menage/draft")).body.mask;
    const identification = draft.pages[0].elements as { name: string; defaultValue?: unknown }[];
    identification.find((element) => element.name === "village")!.defaultValue = "Iconi";
    identification.push({ type: "text", name: "enumerator_note", defaultValue: "RAS" } as (typeof identification)[number]);
    expect((await server.context.put("/api/forms/menage/draft", draft)).status).toBe(200);
    expect((await server.context.post("/api/forms/menage/publish")).status).toBe(201);
    try {
      // A fresh page: signed in already when the first test ran before, at the sign-in form otherwise.
      await page.context().clearCookies();
      await signIn(page, `${server.url}/runtime/`, CLERK);
      await waitUnlessAlert(page, page.getByRole("heading", { name: "Questionnaires publiés" }), 30_000);
      await page
        .getByRole("button", { name: /^Remplir le questionnaire/ })
        .first()
        .click();
      await question(page, "village").locator("input").waitFor();
      expect(await checkScreen(page, "05-defaults")).toEqual([]);
      expect(await question(page, "village").locator("input").inputValue()).toBe("Iconi");
      expect(await question(page, "enumerator_note").locator("input").inputValue()).toBe("RAS");
    } catch (error) {
      await saveScreenshot(page, "failure-defaults").catch(() => {});
      throw new Error(`${String(error)}\npage errors: ${session.pageErrors.join("\n") || "none"}`, { cause: error });
    }
  });
});
