import { appendFile, cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer } from "../helpers/app-server";
import { launchBrowser, saveScreenshot, seriousA11yViolations, signIn, type BrowserSession, waitUnlessAlert } from "../helpers/browser";
import { question } from "../helpers/survey-form";

/**
 * The runtime on a phone-sized screen (390 px), in French then Arabic (#18): no error in the console from
 * signing in, the questionnaire's progress « Page 1 sur 4 », a phone number of the wrong form explained in
 * words, and the Arabic interface laid out right to left, remembered across a reload. The questionnaire
 * speaks the languages its labels carry and French where they carry none: never a question's code. A new
 * release of the app, or a new version of a questionnaire, is announced and taken when none is open.
 */
const CLERK = { username: "agent", password: "agent-demo-2026" };
const DIST = fileURLToPath(new URL("../../dist", import.meta.url));

describe("the runtime's languages and small screens", () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let session: BrowserSession;
  /** This file's copy of the built pages: the update test releases a new service worker into it. */
  let pages: string;

  beforeAll(async () => {
    pages = await mkdtemp(join(tmpdir(), "rsu-runtime-pages-"));
    await cp(DIST, pages, { recursive: true });
    server = await startTestServer("browser_runtime_languages", { staticRoot: pages });
    // The island's question gets an Arabic label; every other text of the demo is French and English only.
    const draft = (await server.context.get("/api/forms/menage/draft")).body.mask;
    draft.pages[0].elements.find((element: { name: string }) => element.name === "island").title.ar = "الجزيرة";
    expect((await server.context.put("/api/forms/menage/draft", draft)).status).toBe(200);
    expect((await server.context.post("/api/forms/menage/publish")).status).toBe(201);
    session = await launchBrowser({ width: 390, height: 844 });
  });

  afterAll(async () => {
    await session?.close();
    await server?.stop();
    if (pages) await rm(pages, { recursive: true, force: true });
  });

  it("signs in without a console error, explains a wrong phone number, and speaks Arabic right to left", async () => {
    const { page } = session;
    try {
      await signIn(page, `${server.url}/runtime/`, CLERK);
      await waitUnlessAlert(page, page.getByRole("heading", { name: "Questionnaires publiés" }), 30_000);
      expect(session.pageErrors).toEqual([]);
      await saveScreenshot(page, "languages-01-list-390px");
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

      await page
        .getByRole("button", { name: /^Remplir le questionnaire/ })
        .first()
        .click();
      await page.getByText("Identification du ménage").waitFor();
      await page.getByText("Page 1 sur 4").first().waitFor();
      await question(page, "phone").locator("input").fill("12");
      await question(page, "phone").locator("input").press("Tab");
      await page.getByRole("button", { name: "Suivant" }).click();
      await question(page, "phone").getByText("La réponse n'a pas la forme attendue", { exact: false }).waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);
      await saveScreenshot(page, "languages-02-form-390px");

      await page.getByRole("button", { name: "AR", exact: true }).click();
      await page.getByRole("button", { name: "العودة إلى القائمة", exact: false }).waitFor();
      expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(["ar", "rtl"]);
      await question(page, "phone").getByText("الإجابة ليست بالشكل المتوقع", { exact: false }).waitFor();
      // Arabic where the label has it, French otherwise; SurveyJS alone showed « island » and « 1 ».
      expect(await question(page, "island").locator(".sd-question__title").innerText()).toContain("الجزيرة");
      expect(await question(page, "island").getByText("Ngazidja (Grande Comore)", { exact: true }).count()).toBe(1);
      expect(await question(page, "village").locator(".sd-question__title").innerText()).toContain("Village");
      await page.getByText("Identification du ménage").first().waitFor();
      await saveScreenshot(page, "languages-03-form-arabic");

      await page.getByRole("button", { name: "العودة إلى القائمة", exact: false }).click();
      await page.reload();
      await page.getByRole("heading", { name: "الاستمارات المنشورة" }).waitFor();
      expect(await page.evaluate(() => document.documentElement.dir)).toBe("rtl");
      expect(await seriousA11yViolations(page)).toEqual([]);
      await saveScreenshot(page, "languages-04-list-arabic");
      expect(session.pageErrors).toEqual([]);
    } catch (error) {
      await saveScreenshot(page, "languages-failure").catch(() => {});
      throw new Error(`${String(error)}\npage errors: ${session.pageErrors.join("\n") || "none"}`, { cause: error });
    }
  }, 120_000);

  it("announces a new version of the app and of a questionnaire, and takes them when no questionnaire is open", async () => {
    const { page } = session;
    try {
      await page.getByRole("button", { name: "FR", exact: true }).click();
      await page.getByRole("heading", { name: "Questionnaires publiés" }).waitFor();
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
      await page
        .getByRole("button", { name: /^Remplir le questionnaire/ })
        .first()
        .click();
      await question(page, "village").locator("input").waitFor();

      // A release: a new service worker (its precompressed copies would still be served as the old one).
      await appendFile(join(pages, "runtime/sw.js"), "\n// release 2\n");
      await rm(join(pages, "runtime/sw.js.br"), { force: true });
      await rm(join(pages, "runtime/sw.js.gz"), { force: true });
      // A new questionnaire version: publishing needs a change (an identical version is refused, #21).
      const { mask } = (await server.context.get("/api/forms/menage/draft")).body;
      const retitled = { ...mask, title: { fr: "Questionnaire ménage RSU (2)", en: "RSU household questionnaire (2)" } };
      expect((await server.context.put("/api/forms/menage/draft", retitled)).status).toBe(200);
      expect((await server.context.post("/api/forms/menage/publish")).status).toBe(201);
      await page.evaluate(async () => (await navigator.serviceWorker.getRegistration("/runtime/"))?.update());

      // A questionnaire is open: announced, not taken.
      await page.getByText("Nouvelle version disponible : elle s'installera au retour à la liste", { exact: false }).waitFor();
      expect(await page.getByRole("button", { name: "Mettre à jour" }).count()).toBe(0);
      expect(await seriousA11yViolations(page)).toEqual([]);
      await saveScreenshot(page, "languages-05-update-while-filling");

      await page.getByRole("button", { name: /Retour à la liste/ }).click();
      await page.getByText("Nouvelle version", { exact: true }).waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);
      await saveScreenshot(page, "languages-06-update-offered");
      // The page reloads under the new worker, which nothing waits behind any more. Listen before the click:
      // the reload can end before the click's promise does (CI under load missed it).
      const reloaded = page.waitForEvent("load", { timeout: 60_000 });
      await page.getByRole("button", { name: "Mettre à jour" }).click();
      await reloaded;
      await page.getByRole("heading", { name: "Questionnaires publiés" }).waitFor();
      await page.waitForFunction(async () => {
        const registration = await navigator.serviceWorker.getRegistration("/runtime/");
        return registration?.waiting === null && navigator.serviceWorker.controller !== null;
      });
      expect(await page.getByText("Nouvelle version disponible", { exact: false }).count()).toBe(0);
      expect(session.pageErrors).toEqual([]);
    } catch (error) {
      await saveScreenshot(page, "languages-update-failure").catch(() => {});
      throw new Error(`${String(error)}\npage errors: ${session.pageErrors.join("\n") || "none"}`, { cause: error });
    }
  }, 120_000);

  it("offers the questionnaire in Comorian where its labels carry it, the interface staying in French, and remembers the choice", async () => {
    const { page } = session;
    try {
      // Two labels in Shingazidja (zdj): the island's question and the village's; every other text stays French.
      const { mask } = (await server.context.get("/api/forms/menage/draft")).body;
      const identification = mask.pages[0].elements as { name: string; title: Record<string, string> }[];
      identification.find((element) => element.name === "island")!.title.zdj = "Shisiwa";
      identification.find((element) => element.name === "village")!.title.zdj = "Mdji";
      expect((await server.context.put("/api/forms/menage/draft", mask)).status).toBe(200);
      expect((await server.context.post("/api/forms/menage/publish")).status).toBe(201);

      await page.reload();
      await page.getByRole("heading", { name: "Questionnaires publiés" }).waitFor();
      const fill = page.getByRole("button", { name: /^Remplir le questionnaire/ }).first();
      await fill.click();
      const picker = page.getByLabel("Langue du questionnaire");
      await picker.waitFor();
      expect(await picker.locator("option").allInnerTexts()).toEqual([
        "Celle de l'interface",
        "français",
        "anglais",
        "arabe",
        "shingazidja (comorien de Grande Comore)",
      ]);
      await picker.selectOption({ label: "shingazidja (comorien de Grande Comore)" });
      const title = (name: string) => question(page, name).locator(".sd-question__title");
      await expect.poll(() => title("island").innerText()).toContain("Shisiwa");
      expect(await title("village").innerText()).toContain("Mdji");
      // No Comorian label: French, never the question's code.
      expect(await title("prefecture").innerText()).toContain("Préfecture");
      expect(await page.locator("rsu-form-entry .rsu-entry-survey").getAttribute("lang")).toBe("zdj");
      // The interface keeps its language.
      expect(await page.getByRole("button", { name: "Suivant" }).count()).toBe(1);
      expect(await seriousA11yViolations(page)).toEqual([]);
      await saveScreenshot(page, "languages-07-form-comorian");
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

      // Remembered on the device: a reload and another questionnaire open in Shingazidja.
      await page.getByRole("button", { name: /Retour à la liste/ }).click();
      await page.reload();
      await fill.click();
      await expect.poll(() => title("island").innerText()).toContain("Shisiwa");
      expect(await picker.inputValue()).toBe("zdj");
      // Switching the interface to English leaves the questionnaire in the language chosen for it.
      await page.getByRole("button", { name: "EN", exact: true }).click();
      await page.getByRole("button", { name: "Back to the list", exact: false }).waitFor();
      expect(await title("island").innerText()).toContain("Shisiwa");
      await page.getByLabel("Questionnaire language").selectOption({ label: "The interface's" });
      await expect.poll(() => title("island").innerText()).toContain("Island");
      await page.getByRole("button", { name: "FR", exact: true }).click();
      expect(session.pageErrors).toEqual([]);
    } catch (error) {
      await saveScreenshot(page, "languages-comorian-failure").catch(() => {});
      throw new Error(`${String(error)}\npage errors: ${session.pageErrors.join("\n") || "none"}`, { cause: error });
    }
  }, 120_000);
});
