import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { validHousehold } from "../helpers/demo-responses";
import { createTestContext, type DemoUsername, type TestContext } from "../helpers/test-context";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext("forms");
});
afterAll(() => ctx?.close());

const call = (method: string, path: string, body?: unknown, as?: DemoUsername) => ctx.send(method, path, body, as);
const sql = (text: string, params: unknown[] = []) => ctx.orm.em.fork().getConnection().execute(text, params);
const audits = async (action: string) => (await sql(`select count(*)::int as n from audit_log where action = ?`, [action]))[0]!.n as number;
const versionCount = async (formId: string) =>
  (await sql(`select count(*)::int as n from form_versions where form_id = ?`, [formId]))[0]!.n as number;

describe("forms: create → draft → check → publish", () => {
  it("creates a form with an empty draft, refuses a duplicate and a bad id", async () => {
    expect((await call("POST", "/api/forms", { id: "enquete_test", title: { fr: "Enquête test" } }, "concepteur")).status).toBe(201);
    expect((await call("POST", "/api/forms", { id: "enquete_test", title: { fr: "Encore" } })).body.error.code).toBe("form_exists");
    expect((await call("POST", "/api/forms", { id: "Enquete-Test", title: { fr: "x" } })).status).toBe(422);
    const summary = await call("GET", "/api/forms/enquete_test");
    expect(summary.body).toMatchObject({ id: "enquete_test", versions: [] });
    expect(await audits("form.create")).toBeGreaterThanOrEqual(2);
  });

  it("saves a draft with errors, reports them, and refuses to publish it", async () => {
    const mask = { pages: [{ name: "p1", elements: [{ type: "text", inputType: "date", name: "birth_date" }] }] };
    const saved = await call("PUT", "/api/forms/enquete_test/draft", mask, "concepteur");
    expect(saved.status).toBe(200);
    expect(saved.body.check.publishable).toBe(false);
    expect(saved.body.check.errors[0]).toMatchObject({ code: "level_mismatch", pointer: "/pages/0/elements/0" });
    expect((await call("GET", "/api/forms/enquete_test/check")).body.errors).toHaveLength(1);
    const refused = await call("POST", "/api/forms/enquete_test/publish", {});
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("draft_has_errors");
    expect(await versionCount("enquete_test")).toBe(0);
  });

  it("reports a property rsu does not compile, on a page as on a question, naming it, and refuses to publish (#20)", async () => {
    const mask = { pages: [{ name: "p1", timeLimit: 60, elements: [{ type: "text", name: "note" }] }] };
    const saved = await call("PUT", "/api/forms/enquete_test/draft", mask, "concepteur");
    expect(saved.body.check).toMatchObject({ publishable: false, errors: [{ code: "unsupported_property", pointer: "/pages/0" }] });
    expect(saved.body.check.errors[0].message.fr).toContain("« timeLimit » de la page « p1 »");
    expect((await call("POST", "/api/forms/enquete_test/publish", {})).body.error.code).toBe("draft_has_errors");
    expect(await versionCount("enquete_test")).toBe(0);
  });

  it("refuses a draft that is not an object", async () => {
    expect((await call("PUT", "/api/forms/enquete_test/draft", [1, 2])).status).toBe(422);
  });

  it("refuses pages that are not a list, and keeps an empty mask from being published", async () => {
    const wrong = await call("PUT", "/api/forms/enquete_test/draft", { pages: { name: "p1" } }, "concepteur");
    expect(wrong.status).toBe(422);
    expect(JSON.stringify(wrong.body.error)).toContain("/pages");
    const empty = await call("PUT", "/api/forms/enquete_test/draft", {}, "concepteur");
    expect(empty.status).toBe(200);
    expect(empty.body.check).toMatchObject({ publishable: false, errors: [{ code: "empty_mask" }] });
    expect((await call("POST", "/api/forms/enquete_test/publish", {})).body.error.code).toBe("draft_has_errors");
  });

  it("publishes a question bound to no variable, with a warning, and keeps its answer out of the registry's variables", async () => {
    const mask = {
      pages: [
        {
          name: "p1",
          elements: [
            { type: "text", inputType: "date", name: "interview_date" },
            { type: "boolean", name: "consent" },
          ],
        },
      ],
    };
    const saved = await call("PUT", "/api/forms/enquete_test/draft", mask, "concepteur");
    expect(saved.body.check).toMatchObject({
      publishable: true,
      errors: [],
      warnings: [{ question: "consent", code: "unbound_question" }],
    });
    const published = await call("POST", "/api/forms/enquete_test/publish", {});
    expect(published.status).toBe(201);
    const version = await call("GET", `/api/forms/enquete_test/versions/${published.body.version}`);
    expect(version.body.snapshot.variables.map((v: { code: string }) => v.code)).toEqual(["interview_date"]);
    expect(Object.keys(version.body.schema.properties).sort()).toEqual(["consent", "interview_date"]);
  });
});

describe("the demo form: versions, breaking changes, immutability, retirement", () => {
  it("has its draft equal to version 1", async () => {
    const draft = await call("GET", "/api/forms/menage/draft");
    const v1 = await call("GET", "/api/forms/menage/versions/1");
    expect(draft.body.mask).toEqual(v1.body.mask);
    expect(draft.body.check.publishable).toBe(true);
    expect(v1.body.snapshot.variables.length).toBeGreaterThan(0);
    expect((await call("GET", "/api/forms/menage/diff?to=draft")).body).toMatchObject({
      from: 1,
      to: "draft",
      class: "cosmetic",
      changes: [],
    });
  });

  it("a designer cannot publish; clerks and analysts cannot design", async () => {
    expect((await call("POST", "/api/forms/menage/publish", {}, "concepteur")).status).toBe(403);
    expect((await call("PUT", "/api/forms/menage/draft", {}, "agent")).status).toBe(403);
    expect((await call("GET", "/api/forms/menage/draft", undefined, "analyste")).status).toBe(403);
    expect((await call("POST", "/api/forms", { id: "x", title: { fr: "x" } }, "analyste")).status).toBe(403);
  });

  it("publishes version 2; a breaking change needs confirmation and a reason", async () => {
    const mask = (await call("GET", "/api/forms/menage/draft")).body.mask;
    // The draft is still version 1 word for word: a second name for the same questionnaire is refused (issue #21).
    const unchanged = await call("POST", "/api/forms/menage/publish", {});
    expect(unchanged.status).toBe(409);
    expect(unchanged.body.error).toMatchObject({ code: "version_unchanged", details: { formId: "menage", version: 1 } });
    expect(unchanged.body.error.message.fr).toBe(
      "Rien n'a changé depuis la version 1 : modifiez le brouillon (ou le catalogue) avant de publier une nouvelle version.",
    );
    const retitled = { ...mask, title: { fr: "Questionnaire ménage RSU (2)", en: "RSU household questionnaire (2)" } };
    expect((await call("PUT", "/api/forms/menage/draft", retitled)).status).toBe(200);
    const v2 = await call("POST", "/api/forms/menage/publish", {});
    expect(v2.status).toBe(201);
    expect(v2.body.version).toBe(2);
    expect(v2.body.checksum).toMatch(/^[0-9a-f]{64}$/);

    // Drop one household question: its variable is removed, which breaks older clients.
    const pages = structuredClone(mask.pages) as Array<{ elements: Array<{ name: string; type: string; isRequired?: boolean }> }>;
    const index = pages[0]!.elements.findIndex((e) => e.type !== "paneldynamic" && e.type !== "html" && !e.isRequired);
    const dropped = pages[0]!.elements.splice(index, 1)[0]!;
    expect((await call("PUT", "/api/forms/menage/draft", { ...mask, pages })).body.check.publishable).toBe(true);
    const diff = await call("GET", "/api/forms/menage/diff?from=2&to=draft");
    expect(diff.body.class).toBe("breaking");
    expect(diff.body.changes).toContainEqual(expect.objectContaining({ variable: dropped.name, kind: "removed" }));

    const unconfirmed = await call("POST", "/api/forms/menage/publish", {});
    expect(unconfirmed.status).toBe(409);
    expect(unconfirmed.body.error.code).toBe("breaking_change_unconfirmed");
    expect((await call("POST", "/api/forms/menage/publish", { confirmBreaking: true })).body.error.code).toBe(
      "breaking_change_unconfirmed",
    );
    expect(await versionCount("menage")).toBe(2);

    const before = await audits("form.publish");
    const v3 = await call("POST", "/api/forms/menage/publish", { confirmBreaking: true, reason: "Question retirée" });
    expect(v3.status).toBe(201);
    expect(v3.body).toMatchObject({ version: 3, reason: "Question retirée" });
    expect(await audits("form.publish")).toBe(before + 1);
    const versions = (await call("GET", "/api/forms/menage/versions")).body;
    expect(versions.map((v: { version: number }) => v.version)).toEqual([1, 2, 3]);
    expect((await call("GET", "/api/forms/menage/versions/3/schema.json")).body.$schema).toContain("2020-12");
  });

  it("answers 409 version_immutable to any write on a published version", async () => {
    for (const method of ["PUT", "PATCH", "DELETE"]) {
      const res = await call(method, "/api/forms/menage/versions/1", { mask: {} });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe("version_immutable");
    }
  });

  it("retires a version: 410 for its submissions, hidden from clerks, 409 twice", async () => {
    expect((await call("POST", "/api/forms/menage/versions/1/retire", {})).status).toBe(422);
    expect((await call("POST", "/api/forms/menage/versions/1/retire", { reason: "Remplacée" }, "concepteur")).status).toBe(403);
    // Sent to once before (refused on its answers, version 3 asks other questions), so the version is in the
    // accepting path's cache (#22): retiring must still refuse it at once.
    const open = await call(
      "POST",
      "/api/submissions",
      { id: randomUUID(), formId: "menage", version: 3, data: validHousehold(2) },
      "agent",
    );
    expect(open.body.error.code).toBe("submission_invalid");
    const retired = await call("POST", "/api/forms/menage/versions/3/retire", { reason: "Remplacée" });
    expect(retired.status).toBe(200);
    expect(await audits("form.retire")).toBe(1);
    expect((await call("POST", "/api/forms/menage/versions/3/retire", { reason: "Encore" })).body.error.code).toBe(
      "version_already_retired",
    );

    const sent = await call(
      "POST",
      "/api/submissions",
      { id: randomUUID(), formId: "menage", version: 3, data: validHousehold(1) },
      "agent",
    );
    expect(sent.status).toBe(410);
    expect(sent.body.error.code).toBe("form_version_retired");
    const list = (await call("GET", "/api/forms", undefined, "agent")).body;
    expect(list.find((f: { id: string }) => f.id === "menage").version).toBe(2);
    const all = (await call("GET", "/api/forms?all=1", undefined, "concepteur")).body;
    expect(all.find((f: { id: string }) => f.id === "menage").versions[2].retiredAt).not.toBeNull();
  });
});
