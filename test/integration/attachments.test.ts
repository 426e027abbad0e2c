import { createHash, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../../api/db/plain-sql";
import { validHousehold } from "../helpers/demo-responses";
import { dataUrl, photo, TINY_PNG } from "../helpers/photo-answers";
import { createTestContext, type TestContext } from "../helpers/test-context";

/**
 * Files, photos and signatures (issue #20), end to end: a photo travels inside the submission, is stored on
 * accept outside the submission's JSON (bytes in `attachments`, a reference in the answer), and is served
 * to whoever may read the household and that variable, with the type read from its bytes.
 */
let ctx: TestContext;
let version: number;

beforeAll(async () => {
  ctx = await createTestContext("attachments");
  ctx.startWorkers();
  await ctx.addUser({ username: "superviseur.mwali", roles: ["supervisor"], areas: ["3"] });
  const variable = {
    code: "household_photo",
    level: "household",
    type: "file",
    label: { fr: "Photo du logement", en: "Photo of the dwelling" },
    sensitivity: "personal",
  };
  expect((await ctx.post("/api/variables", variable)).status).toBe(201);
  const draft = (await ctx.get("/api/forms/menage/draft")).body.mask;
  draft.pages[0].elements.push({
    type: "file",
    name: "household_photo",
    acceptedTypes: "image/*",
    storeDataAsText: true,
    allowMultiple: true,
  });
  expect((await ctx.put("/api/forms/menage/draft", draft)).body.check.errors).toEqual([]);
  const published = await ctx.post("/api/forms/menage/publish");
  expect(published.status).toBe(201);
  version = published.body.version;
});
afterAll(() => ctx?.close());

describe("a photo answered in a submission", () => {
  let householdId: string;
  let ref: { name: string; type: string; size: number; sha256: string; attachment: string };

  it("is stored outside the submission's JSON, its answer a reference to it", async () => {
    const id = randomUUID();
    const data = { ...validHousehold(1), household_photo: [photo()] };
    const done = await ctx.submitAndDrain(data, { id, version }, "agent");
    expect(done.status).toBe("integrated");
    householdId = done.householdId;
    const [row] = await queryRows<{ data: { household_photo: unknown[] } }>(
      ctx.orm.em.fork(),
      "select data from submissions where id = ?",
      [id],
    );
    ref = row!.data.household_photo[0] as typeof ref;
    expect(ref).toEqual({
      name: "maison.png",
      type: "image/png",
      size: TINY_PNG.length,
      sha256: createHash("sha256").update(TINY_PNG).digest("hex"),
      attachment: expect.any(String),
    });
    const stored = await queryRows<{ submission_id: string; variable: string; content: Buffer }>(
      ctx.orm.em.fork(),
      "select submission_id, variable, content from attachments",
      [],
    );
    expect(stored).toEqual([{ submission_id: id, variable: "household_photo", content: TINY_PNG }]);

    // Sent again (a retry after a lost answer): the same answer, nothing stored twice.
    const again = await ctx.submit(data, { id, version }, "agent");
    expect([again.status, again.body.id]).toEqual([202, id]);
    expect(await queryRows(ctx.orm.em.fork(), "select id from attachments", [])).toHaveLength(1);
  });

  it("is served to whoever may read the household and the variable, as the type its bytes say", async () => {
    const path = `/api/households/${householdId}/attachments/${ref.attachment}`;
    const res = await ctx.request(path, {}, "admin");
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(TINY_PNG);
    expect(
      Object.fromEntries(
        ["content-type", "content-disposition", "x-content-type-options", "cache-control"].map((h) => [h, res.headers.get(h)]),
      ),
    ).toEqual({
      "content-type": "image/png",
      "content-disposition": `inline; filename="maison.png"; filename*=UTF-8''maison.png`,
      "x-content-type-options": "nosniff",
      "cache-control": "no-store",
    });
    expect((await ctx.get(`/api/households/${householdId}`, "admin")).body.attributes.household_photo).toEqual([ref]);

    const outside = await ctx.get(path, "superviseur.mwali");
    expect([outside.status, outside.body.error.code]).toEqual([403, "outside_area"]);
    // The analyst reads the household, but not a personal variable without the grant.
    const unredacted = await ctx.get(path, "analyste");
    expect([unredacted.status, unredacted.body.error.code]).toEqual([403, "forbidden"]);
    const elsewhere = await ctx.get(`/api/households/${householdId}/attachments/${randomUUID()}`, "admin");
    expect([elsewhere.status, elsewhere.body.error.code]).toEqual([404, "attachment_not_found"]);
  });

  it("sent back as bytes in an update (the runtime shows the stored photo), names the stored file again", async () => {
    const answers = (await ctx.get(`/api/households/${householdId}/answers`, "agent")).body;
    expect(answers.data.household_photo).toEqual([ref]);
    // What the runtime sends once it has fetched the photo to show it: the same bytes, inline.
    const data = { ...answers.data, household_photo: [photo(TINY_PNG, "maison.png")] };
    const done = await ctx.submitAndDrain(data, { version, householdId, baseVersion: answers.baseVersion }, "agent");
    expect(done.status).toBe("integrated");
    expect(await queryRows(ctx.orm.em.fork(), "select id from attachments", [])).toHaveLength(1);
    expect((await ctx.get(`/api/households/${householdId}`, "admin")).body.attributes.household_photo).toEqual([ref]);
  });

  it("refuses a file whose bytes are not of an accepted type, naming the answer", async () => {
    const pdf = { name: "maison.png", type: "image/png", content: dataUrl(Buffer.from("%PDF-1.4 fake")) };
    const res = await ctx.submit({ ...validHousehold(3), household_photo: [pdf] }, { version }, "agent");
    expect([res.status, res.body.error.code]).toEqual([422, "submission_invalid"]);
    expect(res.body.error.details).toEqual([expect.objectContaining({ pointer: "/household_photo/0", code: "file_type" })]);
    expect(res.body.error.details[0].message.fr).toContain("PNG");
  });

  it("refuses a reference to a stored file the sender may not reuse", async () => {
    const forged = { ...ref, attachment: randomUUID() };
    const res = await ctx.submit({ ...validHousehold(6), household_photo: [forged] }, { version }, "agent");
    expect([res.status, res.body.error.details]).toEqual([
      422,
      [expect.objectContaining({ pointer: "/household_photo/0", code: "file_unknown" })],
    ]);
  });

  it("refuses more than 20 MB of files in one submission with a 413, and stores nothing", async () => {
    const big = Buffer.alloc(4.1 * 1024 * 1024);
    TINY_PNG.copy(big);
    const files = Array.from({ length: 5 }, (_, i) => photo(big, `photo-${i}.png`));
    const res = await ctx.submit({ ...validHousehold(23), household_photo: files }, { version }, "agent");
    expect([res.status, res.body.error.code]).toEqual([413, "submission_files_too_large"]);
    expect(res.body.error.message.fr).toContain("20 Mo");
    expect(await queryRows(ctx.orm.em.fork(), "select id from attachments", [])).toHaveLength(1);
  });
});
