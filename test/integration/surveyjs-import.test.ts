import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { XlsFormImportResult } from "../../schemas/contracts/xlsform";
import { createTestContext, type TestContext } from "../helpers/test-context";

/**
 * POST /api/forms/import with a SurveyJS survey (issue #20): custom question types that the form's own
 * application registered become standard types through a declared mapping (`types=`), or stay and are
 * refused at publish naming the type; a bad declaration is a 400 that says which pair is wrong.
 */
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext("surveyjs_import");
});
afterAll(() => ctx?.close());

const survey = {
  title: { default: "Enquête agricole", en: "Farm survey" },
  pages: [
    {
      name: "p1",
      elements: [
        { type: "infotext", name: "intro", html: "<p>Merci de répondre.</p>" },
        { type: "yesno", name: "owns_land", title: "Possédez-vous une terre ?" },
        { type: "text", name: "village", title: "Village" },
      ],
    },
  ],
};
const importSurvey = async (query: string, body: unknown = survey) => {
  const res = await ctx.request(`/api/forms/import${query}`, { method: "POST", body: JSON.stringify(body) }, "concepteur");
  return { status: res.status, body: await res.json() };
};

describe("SurveyJS import with declared custom types", () => {
  it("rewrites each declared type, reports it per question, and the draft publishes", async () => {
    const { status, body } = await importSurvey("?mode=create&id=enquete_agricole&types=yesno:boolean,InfoText:html");
    expect(status).toBe(201);
    const result = body as XlsFormImportResult;
    expect(result.title).toEqual({ fr: "Enquête agricole", en: "Farm survey" });
    const elements = (result.mask.pages as { elements: Record<string, unknown>[] }[])[0]!.elements;
    expect(elements.map((e) => e.type)).toEqual(["html", "boolean", "text"]);
    expect(result.report).toEqual([
      expect.objectContaining({ outcome: "mapped", name: "intro", code: "declared_type", column: "type" }),
      expect.objectContaining({ outcome: "mapped", name: "owns_land", code: "declared_type", column: "type" }),
    ]);
    expect(result.report[1]!.message).toEqual({
      fr: "« owns_land » : type personnalisé « yesno » lu comme « boolean », comme déclaré.",
      en: '"owns_land": custom type "yesno" read as "boolean", as declared.',
    });
    expect(result.check.publishable).toBe(true);
    expect((await ctx.post("/api/forms/enquete_agricole/publish")).status).toBe(201);
  });

  it("leaves an undeclared custom type as it is, and the check refuses it naming the type", async () => {
    const { status, body } = await importSurvey("?types=infotext:html");
    expect(status).toBe(200);
    const result = body as XlsFormImportResult;
    expect(result.check.publishable).toBe(false);
    const refusal = result.check.errors.find((e) => e.code === "unsupported_question_type");
    expect(refusal?.message.fr).toContain("« yesno » n'est pas un type SurveyJS");
    expect(refusal?.message.en).toContain('"yesno" is not a SurveyJS type');
  });

  it.each([
    ["yesno", "a pair without its standard type"],
    ["yesno:matrix", "a standard type rsu does not compile"],
    ["text:comment", "a SurveyJS type declared as custom"],
    ["yes no:boolean", "a name that is no type name"],
  ])("refuses the declaration %s (%s) with 400 naming it", async (types) => {
    const { status, body } = await importSurvey(`?types=${encodeURIComponent(types)}`);
    expect(status).toBe(400);
    expect(body.error.code).toBe("invalid_parameter");
    expect(body.error.details[0].pointer).toBe("/types");
    expect(body.error.details[0].message.fr).toContain(types.split(":")[0]);
    expect(body.error.details[0].message.en).toContain(types.split(":")[0]);
  });

  it("refuses a body that starts as JSON but is not (400 malformed_json), and a survey of the wrong shape (422)", async () => {
    const broken = await ctx.request("/api/forms/import", { method: "POST", body: '{"pages": [' }, "concepteur");
    expect(broken.status).toBe(400);
    expect((await broken.json()).error.code).toBe("malformed_json");
    const shapeless = await importSurvey("", { pages: "x" });
    expect(shapeless.status).toBe(422);
    expect(shapeless.body.error.details[0].pointer).toBe("/pages");
  });

  it("refuses a survey nested deeper than any mask (400 json_too_complex) and one with a NUL in a key (400 malformed_text)", async () => {
    // Found by the route fuzzer: 5,000 nested arrays overflowed the stack of the text check, then of JSON.stringify.
    const deep = await ctx.request(
      "/api/forms/import",
      { method: "POST", body: `{"pages":${"[".repeat(5_000)}${"]".repeat(5_000)}}` },
      "concepteur",
    );
    expect(deep.status).toBe(400);
    expect((await deep.json()).error.code).toBe("json_too_complex");
    const nul = await ctx.request("/api/forms/import", { method: "POST", body: '{"pages":[],"t\\u0000":1}' }, "concepteur");
    expect(nul.status).toBe(400);
    expect((await nul.json()).error).toMatchObject({ code: "malformed_text", details: { where: "body", pointer: "/?" } });
  });
});
