import type { Locator } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../../api/db/plain-sql";
import { startTestServer } from "../helpers/app-server";
import { checkScreen, launchBrowser, saveScreenshot, signIn, type BrowserSession, waitUnlessAlert } from "../helpers/browser";
import { validHousehold } from "../helpers/demo-responses";
import { dataUrl } from "../helpers/photo-answers";
import { signaturePng } from "../helpers/signature-png";

/**
 * A clerk reopens a household with a photo and a signature in the field app (issue #20): the photo's preview
 * shows and the signature pad holds the stored signature (the runtime fetches both with the clerk's rights).
 * The clerk signs again with the mouse and sends; the new signature is an attachment of the household, and
 * the unchanged photo goes back as the same stored file, not a second copy.
 */
const CLERK = { username: "agent", password: "agent-demo-2026" };
type Ref = { name: string; type: string; size: number; sha256: string; attachment: string };

let server: Awaited<ReturnType<typeof startTestServer>>;
let session: BrowserSession;
beforeAll(async () => {
  server = await startTestServer("browser_runtime_signature");
  session = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await session?.close();
  await server?.stop();
});

/** Pixels of the canvas darker than mid-grey: a stroke drawn or loaded. */
const darkPixels = (canvas: Locator) =>
  canvas.evaluate((element: HTMLCanvasElement) => {
    const { data } = element.getContext("2d")!.getImageData(0, 0, element.width, element.height);
    let dark = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i + 3]! > 128 && data[i]! < 128) dark++;
    return dark;
  });

describe("a signature drawn in the field app", () => {
  it("reopens the household's photo and signature, signs again with the mouse, and keeps the photo as it was", async () => {
    const ctx = server.context;
    for (const variable of [
      { code: "household_photo", type: "file", label: { fr: "Photo du logement", en: "Photo of the dwelling" } },
      { code: "head_signature", type: "file", label: { fr: "Signature du chef", en: "Head's signature" } },
    ]) {
      expect((await ctx.post("/api/variables", { ...variable, level: "household", status: "active" })).status).toBe(201);
    }
    const draft = (await ctx.get("/api/forms/menage/draft")).body.mask;
    draft.pages[0].elements.push(
      { type: "file", name: "household_photo", title: "Photo du logement", storeDataAsText: true, acceptedTypes: "image/*" },
      { type: "signaturepad", name: "head_signature", title: "Signature du chef" },
    );
    expect((await ctx.put("/api/forms/menage/draft", draft)).body.check.errors).toEqual([]);
    const version = (await ctx.post("/api/forms/menage/publish")).body.version;
    const png = (phase: number) => dataUrl(signaturePng(phase));
    const data = {
      ...validHousehold(1),
      household_photo: [{ name: "maison.png", type: "image/png", content: png(1.5) }],
      head_signature: png(0),
    };
    const created = await ctx.submitAndDrain(data, { version }, "agent");
    expect(created.status).toBe("integrated");
    const before = (await ctx.get(`/api/households/${created.householdId}`)).body.attributes as {
      household_photo: Ref[];
      head_signature: Ref;
    };

    const { page } = session;
    try {
      await signIn(page, `${server.url}/runtime/`, CLERK);
      await waitUnlessAlert(page, page.getByRole("heading", { name: "Questionnaires publiés" }));
      await page.getByRole("button", { name: "Ménages de ma zone" }).click();
      await page
        .getByRole("button", { name: /^Mettre à jour le ménage de/ })
        .first()
        .click();
      await waitUnlessAlert(page, page.getByText("Mise à jour d'un ménage déjà enregistré"));

      // The stored photo is previewed, the stored signature drawn on the pad.
      const preview = page.locator('[data-name="household_photo"] img').first();
      await preview.waitFor();
      expect(await preview.getAttribute("src")).toMatch(/^data:image\/png;base64,/);
      const canvas = page.locator('[data-name="head_signature"] canvas');
      await canvas.scrollIntoViewIfNeeded();
      await expect.poll(() => darkPixels(canvas)).toBeGreaterThan(100);
      expect(await checkScreen(page, "runtime-signature-01-reopened")).toEqual([]);

      // A new signature: the pad is cleared, then signed with the mouse.
      await page.locator('[data-name="head_signature"]').getByTitle("Vider").click();
      await expect.poll(() => darkPixels(canvas)).toBe(0);
      const box = (await canvas.boundingBox())!;
      await page.mouse.move(box.x + 20, box.y + box.height / 2);
      await page.mouse.down();
      for (let x = 20; x <= box.width - 20; x += 8) {
        await page.mouse.move(box.x + x, box.y + box.height / 2 + 20 * Math.sin(x / 25), { steps: 2 });
      }
      await page.mouse.up();
      await expect.poll(() => darkPixels(canvas)).toBeGreaterThan(100);
      expect(await checkScreen(page, "runtime-signature-02-signed")).toEqual([]);

      for (let i = 0; i < 10 && (await page.getByRole("button", { name: "Suivant" }).isVisible()); i++) {
        await page.getByRole("button", { name: "Suivant" }).click();
      }
      await page.getByRole("button", { name: "Terminer" }).click();
      await waitUnlessAlert(page, page.getByText(/Questionnaire reçu|Intégré au registre/).first(), 30_000);
      await ctx.drain();
      await waitUnlessAlert(page, page.getByText("Intégré au registre"), 30_000);
      await saveScreenshot(page, "runtime-signature-03-integrated");
    } catch (error) {
      await saveScreenshot(page, "runtime-signature-failure").catch(() => {});
      throw new Error(`${String(error)}\npage errors: ${session.pageErrors.join("\n") || "none"}`, { cause: error });
    }

    const after = (await ctx.get(`/api/households/${created.householdId}`)).body as {
      version: number;
      attributes: { household_photo: Ref[]; head_signature: Ref };
    };
    expect(after.version).toBe(2);
    expect(after.attributes.household_photo).toEqual(before.household_photo);
    expect(after.attributes.head_signature).toEqual({
      name: "head_signature.png",
      type: "image/png",
      size: expect.any(Number),
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      attachment: expect.any(String),
    });
    expect(after.attributes.head_signature.sha256).not.toBe(before.head_signature.sha256);
    const signature = await ctx.request(`/api/households/${created.householdId}/attachments/${after.attributes.head_signature.attachment}`);
    expect([signature.status, signature.headers.get("content-type")]).toEqual([200, "image/png"]);
    // The photo, the first signature and the new one: the photo was not stored twice.
    const rows = await queryRows<{ variable: string }>(ctx.orm.em.fork(), "select variable from attachments order by created_at", []);
    expect(rows.map((row) => row.variable).sort()).toEqual(["head_signature", "head_signature", "household_photo"]);
  }, 240_000);
});
