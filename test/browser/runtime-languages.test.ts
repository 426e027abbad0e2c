import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer } from "../helpers/app-server";
import { launchBrowser, saveScreenshot, seriousA11yViolations, signIn, type BrowserSession, waitUnlessAlert } from "../helpers/browser";
import { question } from "../helpers/survey-form";

/**
 * The runtime on a phone-sized screen (390 px), in French then Arabic (#18): no error in the console from
 * signing in, the questionnaire's progress « Page 1 sur 4 », a phone number of the wrong form explained in
 * words, and the Arabic interface laid out right to left, remembered across a reload.
 */
const CLERK = { username: "agent", password: "agent-demo-2026" };

describe("the runtime's languages and small screens", () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let session: BrowserSession;

  beforeAll(async () => {
    server = await startTestServer("browser_runtime_languages");
    session = await launchBrowser({ width: 390, height: 844 });
  });

  afterAll(async () => {
    await session?.close();
    await server?.stop();
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
  });
});
