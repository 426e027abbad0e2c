import { describe, expect, it } from "vitest";
import type { Catalogue, Variable } from "../../schemas/catalogue/types";
import type { SurveyJson } from "../../schemas/compile";
import { checkDraft } from "../../schemas/forms/binding-checks";

const v = (code: string, type: Variable["type"], extra: Partial<Variable> = {}): Variable => ({
  code,
  level: "household",
  type,
  label: { fr: code },
  ...extra,
});
const catalogue: Catalogue = {
  variables: [
    v("rooms", "integer"),
    v("owns_land", "boolean"),
    v("island", "single_choice", { codeList: "island" }),
    v("assets", "multiple_choice", { codeList: "assets" }),
    v("visit_date", "date"),
    v("old_code", "text", { status: "deprecated" }),
    v("age", "integer", { level: "individual" }),
  ],
  codeLists: [
    {
      code: "island",
      label: { fr: "île" },
      items: [
        { code: "1", label: { fr: "Ngazidja" } },
        { code: "2", label: { fr: "Mwali" } },
      ],
    },
    { code: "assets", label: { fr: "biens" }, items: [{ code: "tv", label: { fr: "TV" } }] },
  ],
};

const page = (...elements: object[]): SurveyJson => ({ pages: [{ name: "p1", elements }] });
const roster = (...templateElements: object[]) => ({ type: "paneldynamic", name: "members", templateElements });
const rooms = { type: "text", inputType: "number", name: "rooms" };

const cases: Array<{ name: string; mask: SurveyJson; codes: string[]; pointer?: string }> = [
  {
    name: "well bound household questions",
    mask: page(
      rooms,
      { type: "boolean", name: "owns_land" },
      { type: "radiogroup", name: "island", choices: ["1", "2"] },
      { type: "checkbox", name: "assets", choices: ["tv"] },
      { type: "text", inputType: "date", name: "visit_date" },
    ),
    codes: [],
  },
  { name: "individual variable in the roster", mask: page(roster({ type: "text", inputType: "number", name: "age" })), codes: [] },
  { name: "a question bound to no variable (a warning)", mask: page({ type: "text", name: "nowhere" }), codes: [] },
  {
    name: "an unbound question rsu cannot check",
    mask: page({ type: "text", inputType: "color", name: "nowhere" }),
    codes: ["unsupported_question_type"],
    pointer: "/pages/0/elements/0",
  },
  { name: "text question for an integer", mask: page({ type: "text", name: "rooms" }), codes: ["type_mismatch"] },
  { name: "checkbox for a single choice", mask: page({ type: "checkbox", name: "island", choices: ["1"] }), codes: ["type_mismatch"] },
  { name: "dropdown for a multiple choice", mask: page({ type: "dropdown", name: "assets", choices: ["tv"] }), codes: ["type_mismatch"] },
  {
    name: "individual variable outside the roster",
    mask: page({ type: "text", inputType: "number", name: "age" }),
    codes: ["level_mismatch"],
  },
  {
    name: "household variable inside the roster",
    mask: page(roster(rooms)),
    codes: ["level_mismatch"],
    pointer: "/pages/0/elements/0/templateElements/0",
  },
  { name: "bound twice", mask: page(rooms, rooms), codes: ["bound_twice"], pointer: "/pages/0/elements/1" },
  {
    name: "choice not in the code list",
    mask: page({ type: "radiogroup", name: "island", choices: ["1", "9"] }),
    codes: ["choice_not_in_code_list"],
  },
  { name: "deprecated variable", mask: page({ type: "text", name: "old_code" }), codes: ["deprecated_variable"] },
  { name: "unsupported question type", mask: page({ type: "ranking", name: "grid" }), codes: ["unsupported_question_type"] },
  { name: "display elements are not bindings", mask: page({ type: "html", name: "intro", html: "<p>Bonjour</p>" }, rooms), codes: [] },
];

describe("binding checks", () => {
  it("flags questions bound to no variable without blocking publishing", () => {
    const check = checkDraft(page(rooms, { type: "boolean", name: "consent" }, roster({ type: "text", name: "remark" })), catalogue);
    expect(check.publishable).toBe(true);
    expect(check.warnings.map((w) => [w.question, w.pointer, w.code])).toEqual([
      ["consent", "/pages/0/elements/1", "unbound_question"],
      ["remark", "/pages/0/elements/2/templateElements/0", "unbound_question"],
    ]);
    expect(check.warnings[0]!.message.fr).toContain("n'entre pas dans le registre");
  });

  it.each(cases)("$name", ({ mask, codes, pointer }) => {
    const check = checkDraft(mask, catalogue);
    expect(check.errors.map((e) => e.code).sort()).toEqual([...codes].sort());
    expect(check.publishable).toBe(codes.length === 0);
    if (pointer) expect(check.errors[0]!.pointer).toBe(pointer);
    for (const e of check.errors) {
      expect(e.message.fr).toBeTruthy();
      expect(e.message.en).toBeTruthy();
    }
  });
});
