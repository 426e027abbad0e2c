import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer } from "../helpers/app-server";
import { checkScreen, launchBrowser, saveScreenshot, signIn, type BrowserSession, waitUnlessAlert } from "../helpers/browser";
import { validHousehold } from "../helpers/demo-responses";
import { signaturePng } from "../helpers/signature-png";

/**
 * A household's photo and signature on its page in the back office (issue #20): sent inside a submission as
 * survey-core stores them, kept as attachments, shown as thumbnails served with the household's rights.
 */
const ADMIN = { username: "admin", password: "admin-demo-2026" };

let server: Awaited<ReturnType<typeof startTestServer>>;
let session: BrowserSession;
beforeAll(async () => {
  server = await startTestServer("household_files");
  session = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await session?.close();
  await server?.stop();
});

describe("the household page", () => {
  it("shows the household's signature as a thumbnail that opens the file", async () => {
    const ctx = server.context;
    const variable = {
      code: "head_signature",
      level: "household",
      type: "file",
      label: { fr: "Signature du chef", en: "Head's signature" },
    };
    expect((await ctx.post("/api/variables", variable)).status).toBe(201);
    const draft = (await ctx.get("/api/forms/menage/draft")).body.mask;
    draft.pages[0].elements.push({ type: "signaturepad", name: "head_signature" });
    expect((await ctx.put("/api/forms/menage/draft", draft)).status).toBe(200);
    const version = (await ctx.post("/api/forms/menage/publish")).body.version;
    const png = signaturePng();
    const data = { ...validHousehold(1), head_signature: `data:image/png;base64,${png.toString("base64")}` };
    const done = await ctx.submitAndDrain(data, { version }, "agent");
    expect(done.status).toBe("integrated");
    const household = (await ctx.get(`/api/households/${done.householdId}`, "admin")).body;

    const { page } = session;
    try {
      await signIn(page, `${server.url}/designer/#registre`, ADMIN);
      const open = page.getByRole("button", { name: `Voir le ménage de ${household.headName}` });
      await waitUnlessAlert(page, open, 30_000);
      await open.click();
      const link = page.getByRole("link", { name: /^Signature du chef Ouvrir head_signature\.png \(\d+ Ko\)$/ });
      await link.waitFor();
      const image = link.locator("img");
      await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(160);
      expect(await link.getAttribute("href")).toBe(
        `/api/households/${household.id}/attachments/${household.attributes.head_signature.attachment}`,
      );
      expect(await checkScreen(page, "household-files")).toEqual([]);
      // Named by the variable's label in the reader's language.
      await page.getByRole("button", { name: "EN", exact: true }).click();
      await page.getByRole("link", { name: /^Head's signature Open head_signature\.png \(\d+ KB\)$/ }).waitFor();
      await page.getByRole("button", { name: "FR", exact: true }).click();
      expect(session.pageErrors.filter((e) => !e.endsWith("/api/auth/me"))).toEqual([]);
    } catch (error) {
      await saveScreenshot(page, "household-files-failure").catch(() => {});
      throw new Error(`${String(error)}\npage errors: ${session.pageErrors.join("\n") || "none"}`, { cause: error });
    }
  }, 180_000);
});
