import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { User } from "../../api/entities";
import { validHousehold } from "../helpers/demo-responses";
import { photo, TINY_PNG } from "../helpers/photo-answers";
import { downloadExport, exportAndDrain, readCsv, readXlsx, unzip } from "../helpers/export-files";
import { createTestContext, type TestContext } from "../helpers/test-context";

/**
 * A registry export holds the files its rows name (issue #20): each photo under
 * attachments/<household_id>/<variable>-<attachment>.<ext>, the column holding that path, and only what the
 * requester may read: a file of a variable one of their roles may not read is neither named nor included.
 */
let ctx: TestContext;
/** Another PNG: the same image with a different trailing chunk, so another file. */
const PNG2 = Buffer.concat([TINY_PNG, Buffer.from("00000000")]);
/** Each household's id → the attachment ids of its photos, in the answer's order; its island. */
const households: { id: string; island: string; photos: string[] }[] = [];

beforeAll(async () => {
  ctx = await createTestContext("export_attachments");
  ctx.startWorkers();
  // Supervisor of Mwali, and an analyst without grants: personal answers only where the supervisor reaches.
  await ctx.addUser({ username: "superviseur.analyste", roles: ["supervisor", "analyst"], areas: ["3"] });
  const variable = {
    code: "household_photo",
    level: "household",
    type: "file",
    label: { fr: "Photo du logement", en: "Photo of the dwelling" },
    sensitivity: "personal",
    status: "active",
  };
  expect((await ctx.post("/api/variables", variable)).status).toBe(201);
  const draft = (await ctx.get("/api/forms/menage/draft")).body.mask;
  draft.pages[0].elements.push({ type: "file", name: "household_photo", storeDataAsText: true, allowMultiple: true });
  expect((await ctx.put("/api/forms/menage/draft", draft)).body.check.errors).toEqual([]);
  const published = await ctx.post("/api/forms/menage/publish");
  expect(published.status).toBe(201);
  const wanted = new Map([
    ["1", [TINY_PNG, PNG2]],
    ["3", [TINY_PNG]],
  ]);
  for (let seed = 1; wanted.size; seed++) {
    const data = validHousehold(seed);
    const files = wanted.get(data.island as string);
    if (!files) continue;
    wanted.delete(data.island as string);
    const answer = files.map((bytes, n) => photo(bytes, `photo-${n + 1}.png`));
    const done = await ctx.submitAndDrain({ ...data, household_photo: answer }, { version: published.body.version });
    expect(done.status).toBe("integrated");
    const page = await ctx.get(`/api/households/${done.householdId}`);
    const refs = page.body.attributes.household_photo as { attachment: string }[];
    households.push({ id: done.householdId, island: data.island as string, photos: refs.map((ref) => ref.attachment) });
  }
}, 120_000);
afterAll(() => ctx?.close());

const pathOf = (household: string, attachment: string) => `attachments/${household}/household_photo-${attachment}.png`;
const bytesOf = [TINY_PNG, PNG2];

/** What each household's photo column should read, and the files the zip should hold, for these households. */
function expected(reachable: (household: { island: string }) => boolean) {
  const cells = Object.fromEntries(households.map((h) => [h.id, reachable(h) ? h.photos.map((a) => pathOf(h.id, a)).join(" ") : ""]));
  const files = Object.fromEntries(
    households.filter(reachable).flatMap((h) => h.photos.map((a, n) => [pathOf(h.id, a), bytesOf[n]!.toString("hex")])),
  );
  return { cells, files };
}

function attachmentsOf(files: Map<string, Buffer>) {
  return Object.fromEntries(
    [...files].filter(([name]) => name.startsWith("attachments/")).map(([name, bytes]) => [name, bytes.toString("hex")]),
  );
}

describe("files in a registry export", () => {
  it("CSV: each photo under attachments/, the column holding its path", async () => {
    const view = await exportAndDrain(ctx, { format: "csv" });
    const { files } = await downloadExport(ctx, view.id);
    const rows = readCsv(files.get("households.csv")!);
    const want = expected(() => true);
    expect(Object.fromEntries(rows.map((row) => [row.household_id, row.household_photo]))).toEqual(want.cells);
    expect(attachmentsOf(files)).toEqual(want.files);
    const codebook = readCsv(files.get("codebook.csv")!).find((line) => line.name === "household_photo");
    expect(codebook).toMatchObject({ type: "file", sensitivity: "personal" });
  });

  it("XLSX: the same paths and files", async () => {
    const view = await exportAndDrain(ctx, { format: "xlsx" });
    const { files } = await downloadExport(ctx, view.id);
    const rows = await readXlsx(files.get("households.xlsx")!);
    const want = expected(() => true);
    expect(Object.fromEntries(rows.map((row) => [row.household_id, row.household_photo]))).toEqual(want.cells);
    expect(attachmentsOf(files)).toEqual(want.files);
  });

  it("an analyst without the personal grant gets neither the column nor the files", async () => {
    const analyst = await ctx.orm.em.fork().findOneOrFail(User, { username: "analyste" });
    expect((await ctx.patch(`/api/users/${analyst.id}`, { grants: [] })).status).toBe(200);
    const view = await exportAndDrain(ctx, { format: "csv" }, "analyste");
    const { files } = await downloadExport(ctx, view.id, "analyste");
    const rows = readCsv(files.get("households.csv")!);
    expect(rows).toHaveLength(2);
    expect(Object.keys(rows[0]!)).not.toContain("household_photo");
    expect(attachmentsOf(files)).toEqual({});
  });

  it("a session with two roles, supervisor of Mwali and analyst: the photos of Mwali only, blank elsewhere", async () => {
    const origin = "http://localhost";
    const login = await ctx.app.request(`${origin}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json", origin },
      body: JSON.stringify({ username: "superviseur.analyste", password: "superviseur.analyste-demo-2026" }),
    });
    expect(login.status).toBe(200);
    const headers = { cookie: login.headers.get("set-cookie")!.split(";")[0]!, origin, "content-type": "application/json" };
    const call = (path: string, init: RequestInit = {}) => ctx.app.request(`${origin}${path}`, { ...init, headers });
    for (const format of ["csv", "xlsx"] as const) {
      const asked = await (await call("/api/exports", { method: "POST", body: JSON.stringify({ format }) })).json();
      await ctx.drain();
      const zip = await call(`/api/exports/${asked.id}/file`);
      expect(zip.status).toBe(200);
      const { files } = await unzip(Buffer.from(await zip.arrayBuffer()));
      const rows = format === "csv" ? readCsv(files.get("households.csv")!) : await readXlsx(files.get("households.xlsx")!);
      const want = expected((h) => h.island === "3");
      expect(Object.fromEntries(rows.map((row) => [row.household_id, row.household_photo ?? ""]))).toEqual(want.cells);
      expect(attachmentsOf(files)).toEqual(want.files);
    }
  });
});
