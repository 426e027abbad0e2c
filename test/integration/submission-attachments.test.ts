import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../../api/db/plain-sql";
import { validHousehold } from "../helpers/demo-responses";
import { photo } from "../helpers/photo-answers";
import { signaturePng } from "../helpers/signature-png";
import { createTestContext, type TestContext } from "../helpers/test-context";

/**
 * Files of a submission a supervisor reviews before it is integrated, and files after the supervisor's
 * « same » merges it into a household (issue #20): served with the submission's rights (its sender, the
 * supervisors of its area), then by the household's page, whichever household they came with.
 */
let ctx: TestContext;
let version: number;
const png = (phase: number) => signaturePng(phase);
type Ref = { attachment: string; sha256: string };

beforeAll(async () => {
  ctx = await createTestContext("submission_attachments");
  ctx.startWorkers();
  await ctx.addUser({ username: "superviseur.mwali", roles: ["supervisor"], areas: ["3"] });
  for (const code of ["household_photo", "latrine_photo"]) {
    const variable = { code, level: "household", type: "file", label: { fr: code, en: code }, status: "active" };
    expect((await ctx.post("/api/variables", variable)).status).toBe(201);
  }
  const draft = (await ctx.get("/api/forms/menage/draft")).body.mask;
  draft.pages[0].elements.push(
    { type: "file", name: "household_photo", storeDataAsText: true },
    { type: "file", name: "latrine_photo", storeDataAsText: true },
  );
  expect((await ctx.put("/api/forms/menage/draft", draft)).body.check.errors).toEqual([]);
  const published = await ctx.post("/api/forms/menage/publish");
  expect(published.status).toBe(201);
  version = published.body.version;
});
afterAll(() => ctx?.close());

describe("a photo of a submission in review, then of the household it is merged into", () => {
  it("is served to the supervisor reviewing it and to its sender, not to another area's supervisor; after « same », by the household", async () => {
    // Household A has a photo of the dwelling; B, the same household sent again with its head's name
    // spelled otherwise, has a photo of the latrine: B waits for a supervisor as a probable duplicate.
    const a = validHousehold(310);
    const first = await ctx.submitAndDrain({ ...a, household_photo: [photo(png(0))] }, { version }, "agent");
    expect(first.status).toBe("integrated");
    const b = structuredClone(a) as Record<string, any>;
    b.members[0].first_name = `${b.members[0].first_name}e`;
    const duplicate = await ctx.submitAndDrain({ ...b, latrine_photo: [photo(png(2))] }, { version }, "agent");
    expect(duplicate.status).toBe("needs_review");
    const [sent] = await queryRows<{ data: { latrine_photo: Ref[] } }>(ctx.orm.em.fork(), "select data from submissions where id = ?", [
      duplicate.id,
    ]);
    const ref = sent!.data.latrine_photo[0]!;

    const path = `/api/submissions/${duplicate.id}/attachments/${ref.attachment}`;
    for (const as of ["superviseur", "agent"] as const) {
      const res = await ctx.request(path, {}, as);
      expect([res.status, res.headers.get("content-type"), res.headers.get("cache-control")]).toEqual([200, "image/png", "no-store"]);
      expect(Buffer.from(await res.arrayBuffer())).toEqual(png(2));
    }
    const outside = await ctx.get(path, "superviseur.mwali");
    expect([outside.status, outside.body.error.code]).toEqual([403, "outside_area"]);
    const elsewhere = await ctx.get(`/api/submissions/${duplicate.id}/attachments/${randomUUID()}`, "superviseur");
    expect([elsewhere.status, elsewhere.body.error.code, elsewhere.body.error.message.fr]).toEqual([
      404,
      "attachment_not_found",
      "Ce fichier n'existe pas ou n'appartient pas à ce ménage ou à cette saisie.",
    ]);
    // A's photo is no file of B's submission.
    const own = (await ctx.get(`/api/households/${first.householdId}`)).body.attributes.household_photo[0] as Ref;
    const notB = await ctx.get(`/api/submissions/${duplicate.id}/attachments/${own.attachment}`, "superviseur");
    expect([notB.status, notB.body.error.code]).toEqual([404, "attachment_not_found"]);
    const badId = await ctx.get(`/api/submissions/${duplicate.id}/attachments/pas-un-id`, "superviseur");
    expect([badId.status, badId.body.error.code]).toEqual([400, "invalid_parameter"]);

    const items = (await ctx.get(`/api/review-items?kind=duplicate_household&limit=500`)).body.items;
    const item = items.find((i: { submissionId: string }) => i.submissionId === duplicate.id);
    // The review item names the submission's files, for the reviewer to open through the submission's route.
    expect((await ctx.get(`/api/review-items/${item.id}`, "superviseur")).body.files).toEqual([{ variable: "latrine_photo", file: ref }]);
    const decided = await ctx.post(`/api/review-items/${item.id}/decision`, { decision: "same" }, "superviseur");
    expect(decided.status).toBe(200);
    const merged = (await ctx.get(`/api/households/${first.householdId}`)).body;
    expect(merged.version).toBe(2);
    expect(merged.attributes.latrine_photo).toEqual([ref]);
    // B was registered afresh, without a photo of the dwelling: that says nothing, and A's photo stays.
    expect(merged.attributes.household_photo).toEqual([own]);
    // Both photos from the merged household's page: A's own, and B's, which came
    // with a submission about no household of its own.
    for (const [file, bytes] of [
      [own, png(0)],
      [ref, png(2)],
    ] as const) {
      const res = await ctx.request(`/api/households/${first.householdId}/attachments/${file.attachment}`, {}, "superviseur");
      expect(res.status).toBe(200);
      expect(Buffer.from(await res.arrayBuffer())).toEqual(bytes);
    }
    const outsideHousehold = await ctx.get(`/api/households/${first.householdId}/attachments/${ref.attachment}`, "superviseur.mwali");
    expect([outsideHousehold.status, outsideHousehold.body.error.code]).toEqual([403, "outside_area"]);
  });
});
