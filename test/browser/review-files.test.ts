import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer } from "../helpers/app-server";
import { checkScreen, launchBrowser, saveScreenshot, signIn, type BrowserSession, waitUnlessAlert } from "../helpers/browser";
import { validHousehold } from "../helpers/demo-responses";
import { signaturePng } from "../helpers/signature-png";

/**
 * A supervisor examining a probable duplicate sees the photo its submission sent (issue #20), before it is
 * integrated: a thumbnail named by its variable's label, served by the submission's route.
 */
const SUPERVISOR = { username: "superviseur", password: "superviseur-demo-2026" };

let server: Awaited<ReturnType<typeof startTestServer>>;
let session: BrowserSession;
beforeAll(async () => {
  server = await startTestServer("browser_review_files");
  session = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await session?.close();
  await server?.stop();
});

describe("the review of a submission with a photo", () => {
  it("shows the photo of the duplicate under examination", async () => {
    const ctx = server.context;
    const variable = { code: "latrine_photo", level: "household", type: "file", label: { fr: "Photo des latrines", en: "Latrine photo" } };
    expect((await ctx.post("/api/variables", { ...variable, status: "active" })).status).toBe(201);
    const draft = (await ctx.get("/api/forms/menage/draft")).body.mask;
    draft.pages[0].elements.push({ type: "file", name: "latrine_photo", storeDataAsText: true });
    expect((await ctx.put("/api/forms/menage/draft", draft)).body.check.errors).toEqual([]);
    const version = (await ctx.post("/api/forms/menage/publish")).body.version;
    const a = validHousehold(310);
    expect((await ctx.submitAndDrain(a, { version }, "agent")).status).toBe("integrated");
    const b = structuredClone(a) as Record<string, any>;
    b.members[0].first_name = `${b.members[0].first_name}e`;
    const content = `data:image/png;base64,${signaturePng(2).toString("base64")}`;
    const duplicate = await ctx.submitAndDrain(
      { ...b, latrine_photo: [{ name: "latrines.png", type: "image/png", content }] },
      { version },
      "agent",
    );
    expect(duplicate.status).toBe("needs_review");

    const { page } = session;
    try {
      await signIn(page, `${server.url}/designer/#revue`, SUPERVISOR);
      await waitUnlessAlert(page, page.getByRole("heading", { name: "File de revue" }));
      const row = page.getByRole("row").filter({ hasText: "Doublon de ménage" }).first();
      await waitUnlessAlert(page, row);
      await row.getByRole("button", { name: "Examiner" }).click();
      const link = page.getByRole("link", { name: /^Photo des latrines Ouvrir latrines\.png \(\d+ Ko\)$/ });
      await waitUnlessAlert(page, link);
      expect(await link.getAttribute("href")).toMatch(new RegExp(`^/api/submissions/${duplicate.id}/attachments/[0-9a-f-]{36}$`));
      const image = link.locator("img");
      await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(160);
      expect(await checkScreen(page, "review-files")).toEqual([]);
    } catch (error) {
      await saveScreenshot(page, "review-files-failure").catch(() => {});
      throw new Error(`${String(error)}\npage errors: ${session.pageErrors.join("\n") || "none"}`, { cause: error });
    }
  }, 180_000);
});
