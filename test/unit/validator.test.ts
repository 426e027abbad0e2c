import { describe, expect, it } from "vitest";
import type { Catalogue, Variable } from "../../schemas/catalogue/types";
import { compile, createValidator, FIELD_ERROR_CODES, validatorFor, type SurveyJson } from "../../schemas/compile";
import { surveyCoreAccepts } from "../helpers/survey-core-verdict";

const label = (fr: string) => ({ fr });
const v = (code: string, type: Variable["type"], extra: Partial<Variable> = {}): Variable => ({
  code,
  level: "household",
  type,
  label: label(code),
  ...extra,
});
const ind = (code: string, type: Variable["type"], extra: Partial<Variable> = {}): Variable =>
  v(code, type, { level: "individual", ...extra });
const list = (code: string, codes: string[], parents: Record<string, string> = {}, parentList?: string) => ({
  code,
  label: label(code),
  ...(parentList ? { parentList } : {}),
  items: codes.map((c) => ({ code: c, label: label(c), ...(parents[c] ? { parent: parents[c] } : {}) })),
});

const catalogue: Catalogue = {
  variables: [
    v("name", "text", { constraints: { maxLength: 10, pattern: "[A-Z][a-z]*" } }),
    v("rooms", "integer", { constraints: { min: 1, max: 30 } }),
    v("income", "decimal", { constraints: { min: 0 } }),
    v("owns_land", "boolean"),
    v("land_area", "decimal", { constraints: { min: 0 } }),
    v("visit_date", "date"),
    v("island", "single_choice", { codeList: "island" }),
    v("prefecture", "single_choice", { codeList: "prefecture" }),
    v("assets", "multiple_choice", { codeList: "assets", constraints: { maxSelected: 3 } }),
    v("phone", "text", { constraints: { pattern: "[0-9]{7}" } }),
    v("reason", "text"),
    v("remark", "text"),
    v("secret", "text"),
    v("fishing", "boolean"),
    ind("first_name", "text", { constraints: { maxLength: 20 } }),
    ind("age", "integer", { constraints: { min: 0, max: 120 } }),
    ind("sex", "single_choice", { codeList: "sex" }),
    ind("in_school", "boolean"),
    ind("school_level", "single_choice", { codeList: "level" }),
    ind("nin", "text", { constraints: { pattern: "[0-9]{9}" } }),
    ind("birth_prefecture", "single_choice", { codeList: "prefecture" }),
  ],
  codeLists: [
    list("island", ["1", "2"]),
    list("prefecture", ["101", "201"], { "101": "1", "201": "2" }, "island"),
    list("assets", ["01", "02", "03", "04"]),
    list("sex", ["1", "2"]),
    list("level", ["1", "2", "3"]),
  ],
};

const choices = (...codes: string[]) => codes.map((value) => ({ value, text: value }));
const mask: SurveyJson = {
  pages: [
    {
      name: "household",
      elements: [
        { type: "text", name: "name" },
        { type: "text", inputType: "number", step: 1, name: "rooms", validators: [{ type: "numeric", minValue: 1, maxValue: 20 }] },
        { type: "text", inputType: "number", name: "income" },
        { type: "boolean", name: "owns_land", isRequired: true },
        {
          type: "text",
          inputType: "number",
          name: "land_area",
          isRequired: true,
          visibleIf: "{owns_land} = true",
          validators: [{ type: "expression", expression: "{land_area} < 500 or {rooms} > 5" }],
        },
        { type: "text", inputType: "date", name: "visit_date", isRequired: true },
        { type: "radiogroup", name: "island", isRequired: true, choices: choices("1", "2") },
        {
          type: "dropdown",
          name: "prefecture",
          choices: [
            { value: "101", text: "Moroni", visibleIf: "{island} = '1'" },
            { value: "201", text: "Mutsamudu", visibleIf: "{island} = '2'" },
          ],
        },
        { type: "checkbox", name: "assets", choices: choices("01", "02", "03", "04"), maxSelectedChoices: 3 },
        { type: "text", name: "phone", validators: [{ type: "regex", regex: "^[0-9]{7}$" }] },
        { type: "text", name: "reason", requiredIf: "{rooms} > 10" },
        { type: "panel", name: "land", elements: [{ type: "comment", name: "remark", isRequired: true, enableIf: "{owns_land} = true" }] },
        { type: "text", name: "secret", visible: false },
      ],
    },
    { name: "fishers", visibleIf: "{island} = '2'", elements: [{ type: "boolean", name: "fishing", isRequired: true }] },
    {
      name: "members",
      elements: [
        {
          type: "paneldynamic",
          name: "members",
          minPanelCount: 1,
          maxPanelCount: 3,
          keyName: "nin",
          templateElements: [
            { type: "text", name: "first_name", isRequired: true },
            { type: "text", inputType: "number", name: "age", isRequired: true },
            { type: "radiogroup", name: "sex", isRequired: true, choices: choices("1", "2") },
            { type: "boolean", name: "in_school", visibleIf: "{panel.age} >= 3" },
            {
              type: "dropdown",
              name: "school_level",
              visibleIf: "{panel.in_school} = true",
              requiredIf: "{panel.age} < 18",
              choices: choices("1", "2", "3"),
            },
            { type: "text", name: "nin", validators: [{ type: "regex", regex: "^[0-9]{9}$" }] },
            { type: "dropdown", name: "birth_prefecture", choices: choices("101", "201") },
          ],
        },
      ],
    },
  ],
};

type Data = Record<string, unknown> & { members: Record<string, unknown>[] };
const valid = (): Data => ({
  name: "Moroni",
  rooms: 5,
  income: 1000.5,
  owns_land: true,
  land_area: 2.5,
  visit_date: "2025-03-01",
  island: "1",
  prefecture: "101",
  assets: ["01", "02"],
  phone: "3212345",
  remark: "ok",
  members: [
    { first_name: "Ali", age: 40, sex: "1", in_school: false, nin: "123456789", birth_prefecture: "101" },
    { first_name: "Sitti", age: 10, sex: "2", in_school: true, school_level: "3" },
  ],
});

const validate = createValidator(compile(mask, catalogue));
/** [pointer, code] pairs in a stable order: which errors, not in which order ajv found them. */
const verdict = (errors: { pointer: string; code: string }[]) =>
  errors.map((e) => [e.pointer, e.code]).sort((a, b) => `${a}`.localeCompare(`${b}`));
const sorted = (pairs: [string, string][]) => [...pairs].sort((a, b) => `${a}`.localeCompare(`${b}`));

/** A household without land: its land questions are hidden or disabled, so left unanswered. */
const withoutLand = (d: Data) => {
  d.owns_land = false;
  delete d.land_area;
  delete d.remark;
};
/** The second member at this age, with the school questions (shown from age 3) unanswered. */
const memberAged = (age: number) => (d: Data) => {
  d.members[1]!.age = age;
  delete d.members[1]!.in_school;
  delete d.members[1]!.school_level;
};

/**
 * [case, change to a valid household, expected errors, survey-core's verdict]: "same" where survey-core
 * decides as we do (checked below), "stricter" where the data has a shape the form cannot produce and
 * survey-core lets through (docs/STACK.md, trap 13).
 */
const cases: [string, (d: Data) => void, [string, string][], "same" | "stricter"][] = [
  ["a valid household", () => {}, [], "same"],
  // Types
  ["an integer as text", (d) => (d.rooms = "5"), [["/rooms", "type"]], "stricter"],
  ["a fraction for an integer", (d) => (d.rooms = 5.5), [["/rooms", "type"]], "stricter"],
  ["text for a decimal", (d) => (d.income = "beaucoup"), [["/income", "type"]], "stricter"],
  // Conditions read the answers as given, as survey-core does: "yes" is not `true`, so land_area is hidden.
  [
    "'yes' for a boolean",
    (d) => (d.owns_land = "yes"),
    [
      ["/owns_land", "type"],
      ["/land_area", "hidden_answered"],
    ],
    "stricter",
  ],
  ["a date that does not exist", (d) => (d.visit_date = "2025-02-30"), [["/visit_date", "format"]], "stricter"],
  ["a date in another format", (d) => (d.visit_date = "01/03/2025"), [["/visit_date", "format"]], "stricter"],
  // survey-core's `=` is loose (1 = '1'), the hierarchy check is not.
  [
    "a number for a code",
    (d) => (d.island = 1),
    [
      ["/island", "type"],
      ["/island", "not_in_list"],
      ["/prefecture", "not_in_parent"],
      ["/members/0/birth_prefecture", "not_in_parent"],
    ],
    "stricter",
  ],
  [
    "a code outside the list",
    (d) => (d.island = "9"),
    [
      ["/island", "not_in_list"],
      ["/prefecture", "not_in_list"],
      ["/prefecture", "not_in_parent"],
      ["/members/0/birth_prefecture", "not_in_parent"],
    ],
    "stricter",
  ],
  ["a single code for a multiple choice", (d) => (d.assets = "01"), [["/assets", "type"]], "stricter"],
  ["a code outside the list, in a multiple choice", (d) => (d.assets = ["01", "09"]), [["/assets", "not_in_list"]], "stricter"],
  ["a choice given twice", (d) => (d.assets = ["01", "01"]), [["/assets", "duplicate_answer"]], "stricter"],
  // survey-core takes null for no answer, as a missing key: so do we (and it is not stored).
  ["null for an optional text", (d) => (d.name = null), [], "same"],
  ["null for a required answer", (d) => (d.visit_date = null), [["/visit_date", "required"]], "same"],
  // Limits
  ["too many choices", (d) => (d.assets = ["01", "02", "03", "04"]), [["/assets", "max_items"]], "stricter"],
  ["below the minimum", (d) => (d.rooms = 0), [["/rooms", "minimum"]], "same"],
  [
    "above the mask's maximum",
    (d) => (d.rooms = 21),
    [
      ["/rooms", "maximum"],
      ["/reason", "required"],
    ],
    "same",
  ],
  ["a negative decimal", (d) => (d.income = -1), [["/income", "minimum"]], "stricter"],
  ["text too long", (d) => (d.name = "Mutsamududu"), [["/name", "max_length"]], "stricter"],
  ["text not matching the catalogue pattern", (d) => (d.name = "moroni"), [["/name", "pattern"]], "stricter"],
  ["a pattern of both catalogue and mask", (d) => (d.phone = "12"), [["/phone", "pattern"]], "same"],
  ["a member's pattern", (d) => (d.members[0]!.nin = "12"), [["/members/0/nin", "pattern"]], "same"],
  ["blank text is no answer: not matched against the pattern", (d) => (d.phone = "   "), [], "same"],
  // Required
  ["a required answer missing", (d) => delete d.visit_date, [["/visit_date", "required"]], "same"],
  ["an empty string for a required answer", (d) => (d.visit_date = ""), [["/visit_date", "required"]], "same"],
  ["spaces for a required answer", (d) => (d.members[0]!.first_name = "   "), [["/members/0/first_name", "required"]], "same"],
  [
    "a required choice missing, and the choice it filters",
    (d) => delete d.island,
    [
      ["/island", "required"],
      ["/prefecture", "not_in_list"],
    ],
    "same",
  ],
  ["false is an answer", withoutLand, [], "same"],
  ["0 is an answer", memberAged(0), [], "same"],
  ["a member's required answer missing", (d) => delete d.members[1]!.sex, [["/members/1/sex", "required"]], "same"],
  ["no roster", (d) => delete (d as Record<string, unknown>).members, [["/members", "required"]], "stricter"],
  [
    "an empty roster",
    (d) => (d.members = []),
    [
      ["/members", "required"],
      ["/members", "min_items"],
    ],
    "same",
  ],
  [
    "too many members",
    (d) => d.members.push({ first_name: "A", age: 1, sex: "1" }, { first_name: "B", age: 1, sex: "1" }),
    [["/members", "max_items"]],
    "stricter",
  ],
  // Unknown fields
  ["an unknown answer", (d) => (d.nickname = "Bob"), [["/nickname", "unknown_field"]], "stricter"],
  ["an unknown member answer", (d) => (d.members[0]!.nickname = "Bob"), [["/members/0/nickname", "unknown_field"]], "stricter"],
  // visibleIf
  [
    "an answer to a hidden question",
    (d) => {
      d.owns_land = false;
      delete d.remark;
    },
    [["/land_area", "hidden_answered"]],
    "same",
  ],
  ["a shown required question unanswered", (d) => delete d.land_area, [["/land_area", "required"]], "same"],
  ["a shown question is validated", (d) => (d.land_area = -3), [["/land_area", "minimum"]], "stricter"],
  ["an answer to a question never shown", (d) => (d.secret = "x"), [["/secret", "hidden_answered"]], "same"],
  [
    "a page shown: its required question",
    (d) => {
      d.island = "2";
      d.prefecture = "201";
      d.members[0]!.birth_prefecture = "201";
    },
    [["/fishing", "required"]],
    "same",
  ],
  ["a page hidden: its answer", (d) => (d.fishing = true), [["/fishing", "hidden_answered"]], "same"],
  // Expression validators, run with survey-core's engine
  ["an answer that breaks the form's rule", (d) => (d.land_area = 600), [["/land_area", "expression"]], "same"],
  [
    "the rule reads another answer",
    (d) => {
      d.rooms = 6;
      d.land_area = 600;
    },
    [],
    "same",
  ],
  // requiredIf, enableIf
  ["requiredIf true", (d) => (d.rooms = 15), [["/reason", "required"]], "same"],
  [
    "requiredIf true and answered",
    (d) => {
      d.rooms = 15;
      d.reason = "famille";
    },
    [],
    "same",
  ],
  ["a disabled required question may stay empty", withoutLand, [], "same"],
  ["an enabled required question must be answered", (d) => delete d.remark, [["/remark", "required"]], "same"],
  // {panel.x} in the roster
  ["a member too young for the question", memberAged(2), [], "same"],
  ["a member too young, answered anyway", (d) => (d.members[1]!.age = 2), [["/members/1/in_school", "hidden_answered"]], "same"],
  ["requiredIf on the member's age", (d) => delete d.members[1]!.school_level, [["/members/1/school_level", "required"]], "same"],
  ["requiredIf false for an adult", (d) => (d.members[0]!.in_school = true), [], "same"],
  ["a member's hidden answer", (d) => (d.members[0]!.school_level = "2"), [["/members/0/school_level", "hidden_answered"]], "same"],
  // Filtered choices and hierarchies
  [
    "a choice hidden by its condition",
    (d) => (d.prefecture = "201"),
    [
      ["/prefecture", "not_in_list"],
      ["/prefecture", "not_in_parent"],
    ],
    "same",
  ],
  [
    "a code outside its parent, in the roster",
    (d) => (d.members[0]!.birth_prefecture = "201"),
    [["/members/0/birth_prefecture", "not_in_parent"]],
    "stricter",
  ],
  // Roster key
  ["two members with the same key", (d) => (d.members[1]!.nin = "123456789"), [["/members/1/nin", "duplicate_answer"]], "same"],
];

describe("createValidator on a compiled mask", () => {
  it.each(cases)("%s", (_, change, expected, survey) => {
    const data = valid();
    change(data);
    expect(verdict(validate(data))).toEqual(sorted(expected));
    if (survey === "same") expect(surveyCoreAccepts(mask, structuredClone(data))).toBe(expected.length === 0);
  });

  it("names the limit in both languages", () => {
    const data = valid();
    data.rooms = 21;
    expect(validate(data)[0]?.message).toEqual({
      fr: "La valeur doit être inférieure ou égale à 20.",
      en: "The value must be at most 20.",
    });
    data.rooms = 0;
    expect(validate(data)[0]?.message).toEqual({ fr: "La valeur doit être supérieure ou égale à 1.", en: "The value must be at least 1." });
  });

  it("uses only the stable codes, one entry per pointer and code", () => {
    const data = valid();
    Object.assign(data, { name: "x".repeat(40), rooms: "x", assets: ["09", "08", "01", "01"], extra: 1 });
    const errors = validate(data);
    for (const e of errors) expect(FIELD_ERROR_CODES).toContain(e.code);
    expect(new Set(errors.map((e) => `${e.pointer} ${e.code}`)).size).toBe(errors.length);
    expect(verdict(errors)).toEqual(
      sorted([
        ["/name", "max_length"],
        ["/name", "pattern"],
        ["/rooms", "type"],
        ["/assets", "not_in_list"],
        ["/assets", "duplicate_answer"],
        ["/assets", "max_items"],
        ["/extra", "unknown_field"],
      ]),
    );
  });

  it("refuses what is not an object", () => {
    expect(verdict(validate([]))).toEqual([["", "type"]]);
    expect(verdict(validate("x"))).toEqual([["", "type"]]);
  });

  it("refuses a member that is not an object", () => {
    const data = valid();
    (data.members as unknown[])[1] = "Sitti";
    expect(verdict(validate(data))).toEqual([["/members/1", "type"]]);
  });
});

describe("createValidator on a mask with questions bound to no variable", () => {
  // A consent asked before the interview, and a reason offered only when it is refused: neither is a variable.
  const free: SurveyJson = {
    pages: [
      {
        elements: [
          { type: "radiogroup", name: "consent", isRequired: true, choices: choices("oui", "non") },
          { type: "comment", name: "refusal_reason", visibleIf: "{consent} = 'non'", isRequired: true },
          { type: "text", name: "name", visibleIf: "{consent} = 'oui'" },
        ],
      },
    ],
  };
  const check = createValidator(compile(free, catalogue));
  it.each([
    ["consent given", { consent: "oui", name: "Moroni" }, []],
    ["an answer outside the question's own choices", { consent: "peut-être" }, [["/consent", "not_in_list"]]],
    ["refused: the reason is required", { consent: "non" }, [["/refusal_reason", "required"]]],
    [
      "refused, yet a bound question answered",
      { consent: "non", refusal_reason: "occupé", name: "Moroni" },
      [["/name", "hidden_answered"]],
    ],
  ] as [string, Record<string, unknown>, [string, string][]][])("%s", (_, data, expected) => {
    expect(verdict(check(structuredClone(data)))).toEqual(sorted(expected));
    expect(surveyCoreAccepts(free, structuredClone(data))).toBe(expected.length === 0);
  });
});

describe("createValidator on any JSON Schema", () => {
  const schema = {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    type: "object",
    properties: { id: { type: "string", format: "uuid" }, version: { type: "integer", minimum: 1 } },
    required: ["id", "version"],
    additionalProperties: false,
  };

  it.each([
    [{ id: "0b5c8f9e-7d1a-4c2b-9e3f-1a2b3c4d5e6f", version: 1 }, []],
    [
      { id: "nope", version: 0, x: 1 },
      [
        ["/id", "format"],
        ["/version", "minimum"],
        ["/x", "unknown_field"],
      ],
    ],
    [
      {},
      [
        ["/id", "required"],
        ["/version", "required"],
      ],
    ],
  ])("%j", (data, expected) => expect(verdict(createValidator(schema)(data))).toEqual(sorted(expected as [string, string][])));

  it("compiles a schema object once", () => {
    expect(validatorFor(schema)).toBe(validatorFor(schema));
  });
});
