import { crc32, deflateSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer } from "../helpers/app-server";
import { checkScreen, launchBrowser, saveScreenshot, signIn, type BrowserSession, waitUnlessAlert } from "../helpers/browser";
import { validHousehold } from "../helpers/demo-responses";

/**
 * A household's photo and signature on its page in the back office (issue #20): sent inside a submission as
 * survey-core stores them, kept as attachments, shown as thumbnails served with the household's rights.
 */
const ADMIN = { username: "admin", password: "admin-demo-2026" };

/** A 160×80 RGB PNG: a white card crossed by a dark stroke, as a signature pad would draw. */
function signaturePng(): Buffer {
  const [width, height] = [160, 80];
  const rows = Buffer.alloc((width * 3 + 1) * height, 0xff);
  for (let y = 0; y < height; y++) {
    rows[y * (width * 3 + 1)] = 0;
    for (let x = 0; x < width; x++) {
      if (Math.abs(y - (height / 2 + 25 * Math.sin(x / 18))) < 2.5)
        rows.fill(0x1a, y * (width * 3 + 1) + 1 + x * 3, y * (width * 3 + 1) + 4 + x * 3);
    }
  }
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from("89504e470d0a1a0a", "hex"),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(rows)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

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
      const link = page.getByRole("link", { name: /^head_signature Ouvrir head_signature\.png \(\d+ Ko\)$/ });
      await link.waitFor();
      const image = link.locator("img");
      await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(160);
      expect(await link.getAttribute("href")).toBe(
        `/api/households/${household.id}/attachments/${household.attributes.head_signature.attachment}`,
      );
      expect(await checkScreen(page, "household-files")).toEqual([]);
      expect(session.pageErrors.filter((e) => !e.endsWith("/api/auth/me"))).toEqual([]);
    } catch (error) {
      await saveScreenshot(page, "household-files-failure").catch(() => {});
      throw new Error(`${String(error)}\npage errors: ${session.pageErrors.join("\n") || "none"}`, { cause: error });
    }
  }, 180_000);
});
