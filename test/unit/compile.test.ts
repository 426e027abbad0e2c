import { describe, expect, it } from "vitest";
import type { Catalogue, Variable } from "../../schemas/catalogue/types";
import {
  compile,
  CompileError,
  RULES_KEYWORD,
  type JsonSchema,
  type QuestionRule,
  type RulesKeywordValue,
  type SurveyJson,
} from "../../schemas/compile";

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

const catalogue: Catalogue = {
  variables: [
    v("name", "text", { constraints: { maxLength: 30, pattern: "[A-Z][a-z]+" } }),
    v("rooms", "integer", { constraints: { min: 1, max: 30 } }),
    v("income", "decimal", { constraints: { min: 0 } }),
    v("owns_land", "boolean"),
    v("visit_date", "date"),
    v("island", "single_choice", { codeList: "island" }),
    v("prefecture", "single_choice", { codeList: "prefecture" }),
    v("assets", "multiple_choice", { codeList: "assets", constraints: { maxSelected: 3 } }),
    v("broken", "single_choice", { codeList: "nowhere" }),
    v("orphan", "single_choice", { codeList: "orphan" }),
    ind("age", "integer", { constraints: { min: 0, max: 120 } }),
    ind("birth_prefecture", "single_choice", { codeList: "prefecture" }),
  ],
  codeLists: [
    {
      code: "island",
      label: label("Île"),
      items: [
        { code: "1", label: label("Ngazidja") },
        { code: "2", label: label("Ndzuani") },
      ],
    },
    {
      code: "prefecture",
      label: label("Préfecture"),
      parentList: "island",
      items: [
        { code: "101", label: label("Moroni"), parent: "1" },
        { code: "201", label: label("Mutsamudu"), parent: "2" },
      ],
    },
    { code: "assets", label: label("Biens"), items: ["01", "02", "03", "04"].map((code) => ({ code, label: label(code) })) },
    { code: "orphan", label: label("Orpheline"), parentList: "missing", items: [{ code: "x", label: label("x") }] },
  ],
};

const choices = (...codes: string[]) => codes.map((value) => ({ value, text: value }));
const page = (...elements: Record<string, unknown>[]): SurveyJson => ({ pages: [{ name: "p", elements }] });
const roster = (...templateElements: Record<string, unknown>[]) => ({
  type: "paneldynamic",
  name: "members",
  minPanelCount: 1,
  maxPanelCount: 12,
  templateElements,
});

const props = (schema: JsonSchema) => schema.properties as Record<string, JsonSchema>;
const rulesOf = (schema: JsonSchema) => (schema[RULES_KEYWORD] as RulesKeywordValue | undefined)?.rules ?? [];
const ruleOf = (schema: JsonSchema, name: string): QuestionRule | undefined => rulesOf(schema).find((r) => r.name === name);
const problemsOf = (mask: SurveyJson, cat: Catalogue = catalogue) => {
  try {
    compile(mask, cat);
  } catch (error) {
    if (error instanceof CompileError) return error.problems;
    throw error;
  }
  return [];
};

describe("compile: one property per question, typed from the catalogue", () => {
  it.each([
    [
      "text",
      { type: "text", name: "name" },
      { type: "string", maxLength: 30, if: { type: "string", pattern: "\\S" }, then: { type: "string", pattern: "^(?:[A-Z][a-z]+)$" } },
    ],
    ["integer", { type: "text", inputType: "number", step: 1, name: "rooms" }, { type: "integer", minimum: 1, maximum: 30 }],
    ["decimal", { type: "text", inputType: "number", name: "income" }, { type: "number", minimum: 0 }],
    ["boolean", { type: "boolean", name: "owns_land" }, { type: "boolean" }],
    [
      "date",
      { type: "text", inputType: "date", name: "visit_date" },
      { type: "string", if: { type: "string", pattern: "\\S" }, then: { type: "string", format: "date" } },
    ],
    [
      "single choice (radiogroup)",
      { type: "radiogroup", name: "island", choices: choices("1", "2") },
      { type: "string", enum: ["1", "2"] },
    ],
    ["single choice (dropdown)", { type: "dropdown", name: "island", choices: choices("1") }, { type: "string", enum: ["1", "2"] }],
    [
      "multiple choice",
      { type: "checkbox", name: "assets", choices: choices("01", "02") },
      { type: "array", items: { type: "string", enum: ["01", "02", "03", "04"] }, uniqueItems: true, maxItems: 3 },
    ],
  ])("%s", (_, question, expected) => {
    const schema = compile(page(question), catalogue);
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(schema.type).toBe("object");
    expect(schema.additionalProperties).toBe(false);
    expect(props(schema)[String(question.name)]).toEqual(expected);
  });

  it("skips display-only elements", () => {
    const schema = compile(
      page(
        { type: "html", name: "intro", html: "<p>Bonjour</p>" },
        { type: "expression", name: "total", expression: "1 + 1" },
        { type: "image", name: "logo" },
        { type: "boolean", name: "owns_land" },
      ),
      catalogue,
    );
    expect(Object.keys(props(schema))).toEqual(["owns_land"]);
  });

  it("walks nested panels, several pages and top-level elements", () => {
    const mask = {
      pages: [
        {
          elements: [
            { type: "panel", name: "a", elements: [{ type: "panel", name: "b", elements: [{ type: "boolean", name: "owns_land" }] }] },
          ],
        },
        { elements: [{ type: "text", inputType: "number", name: "rooms" }] },
      ],
    };
    expect(Object.keys(props(compile(mask, catalogue)))).toEqual(["owns_land", "rooms"]);
    expect(Object.keys(props(compile({ elements: [{ type: "boolean", name: "owns_land" }] }, catalogue)))).toEqual(["owns_land"]);
  });
});

describe("compile: the narrower of the catalogue's and the mask's limits", () => {
  it.each([
    ["mask narrower max", { validators: [{ type: "numeric", maxValue: 20 }] }, { minimum: 1, maximum: 20 }],
    ["catalogue narrower max", { validators: [{ type: "numeric", maxValue: 50 }] }, { minimum: 1, maximum: 30 }],
    ["mask narrower min", { validators: [{ type: "numeric", minValue: 2 }] }, { minimum: 2, maximum: 30 }],
    ["question min/max", { min: 3, max: 10 }, { minimum: 3, maximum: 10 }],
  ])("integer, %s", (_, extra, limits) => {
    expect(props(compile(page({ type: "text", inputType: "number", name: "rooms", ...extra }), catalogue)).rooms).toEqual({
      type: "integer",
      ...limits,
    });
  });

  it.each([
    ["mask maxLength narrower", [{ type: "text", maxLength: 10 }], { maxLength: 10 }],
    ["catalogue maxLength narrower", [{ type: "text", maxLength: 99 }], { maxLength: 30 }],
  ])("text, %s", (_, validators, limits) => {
    expect(props(compile(page({ type: "text", name: "name", validators }), catalogue)).name).toMatchObject(limits);
  });

  it("keeps both patterns when the mask adds one, and only the catalogue's when the mask repeats it", () => {
    const both = props(compile(page({ type: "text", name: "name", validators: [{ type: "regex", regex: "^M" }] }), catalogue)).name;
    expect((both!.then as JsonSchema).allOf).toEqual([
      { type: "string", pattern: "^(?:[A-Z][a-z]+)$" },
      { type: "string", pattern: "^M" },
    ]);
    const same = props(
      compile(page({ type: "text", name: "name", validators: [{ type: "regex", regex: "[A-Z][a-z]+" }] }), catalogue),
    ).name;
    expect((same!.then as JsonSchema).pattern).toBe("^(?:[A-Z][a-z]+)$");
  });

  it.each([
    ["maxSelectedChoices narrower", { maxSelectedChoices: 2 }, 2],
    ["catalogue narrower", { maxSelectedChoices: 4 }, 3],
  ])("multiple choice, %s", (_, extra, maxItems) => {
    expect(props(compile(page({ type: "checkbox", name: "assets", choices: choices("01"), ...extra }), catalogue)).assets?.maxItems).toBe(
      maxItems,
    );
  });
});

describe("compile: requiredness and conditions", () => {
  it("lists in `required` only what is required whatever the answers", () => {
    const schema = compile(
      {
        pages: [
          {
            elements: [
              { type: "boolean", name: "owns_land", isRequired: true },
              { type: "text", inputType: "number", name: "rooms", isRequired: true, visibleIf: "{owns_land} = true" },
              { type: "text", inputType: "number", name: "income", requiredIf: "{owns_land} = true" },
            ],
          },
          { visibleIf: "{owns_land} = false", elements: [{ type: "text", inputType: "date", name: "visit_date", isRequired: true }] },
          { elements: [{ type: "text", name: "name", isRequired: true, enableIf: "{owns_land} = true" }] },
        ],
      },
      catalogue,
    );
    expect(schema.required).toEqual(["owns_land"]);
    expect(ruleOf(schema, "rooms")).toEqual({ name: "rooms", visibleIf: ["{owns_land} = true"], required: true });
    expect(ruleOf(schema, "income")).toEqual({ name: "income", requiredIf: "{owns_land} = true" });
    expect(ruleOf(schema, "visit_date")).toEqual({ name: "visit_date", visibleIf: ["{owns_land} = false"], required: true });
    expect(ruleOf(schema, "name")).toEqual({ name: "name", required: true, enableIf: ["{owns_land} = true"] });
  });

  it("chains the conditions of pages and panels, outermost first, and static visibility", () => {
    const schema = compile(
      {
        pages: [
          {
            elements: [
              { type: "boolean", name: "owns_land" },
              { type: "text", inputType: "number", name: "income" },
            ],
          },
          {
            visibleIf: "{owns_land} = true",
            elements: [
              {
                type: "panel",
                name: "x",
                visible: false,
                elements: [{ type: "text", inputType: "number", name: "rooms", visibleIf: "{income} > 0" }],
              },
            ],
          },
        ],
      },
      catalogue,
    );
    expect(ruleOf(schema, "rooms")).toEqual({ name: "rooms", visibleIf: ["{owns_land} = true", "{income} > 0"], hidden: true });
  });

  it("keeps filtered choices: each choice's own condition, else the shared one", () => {
    const schema = compile(
      page(
        { type: "radiogroup", name: "island", choices: choices("1", "2") },
        {
          type: "dropdown",
          name: "prefecture",
          choicesVisibleIf: "{item} != '201'",
          choices: [
            { value: "101", text: "Moroni", visibleIf: "{island} = '1'" },
            { value: "201", text: "Mutsamudu" },
          ],
        },
      ),
      catalogue,
    );
    expect(ruleOf(schema, "prefecture")?.choices).toEqual({
      offered: ["101", "201"],
      visibleIf: { "101": "{island} = '1'" },
      choicesVisibleIf: "{item} != '201'",
    });
  });
});

describe("compile: the members roster", () => {
  const mask = page(
    { type: "radiogroup", name: "island", choices: choices("1", "2") },
    { type: "dropdown", name: "prefecture", choices: choices("101", "201") },
    {
      ...roster(
        { type: "text", inputType: "number", name: "age", isRequired: true },
        { type: "dropdown", name: "birth_prefecture", visibleIf: "{panel.age} >= 18", choices: choices("101") },
      ),
      keyName: "age",
    },
  );
  const schema = compile(mask, catalogue);
  const members = props(schema).members!;
  const member = members.items as JsonSchema;

  it("is an array of member objects bounded by min/maxPanelCount, required when it must hold someone", () => {
    expect(members).toMatchObject({ type: "array", minItems: 1, maxItems: 12 });
    expect(schema.required).toEqual(["members"]);
    // `panels`: empty, as survey-core says, when no member holds any key.
    expect(ruleOf(schema, "members")).toEqual({ name: "members", required: true, keyName: "age", panels: true });
  });

  it("holds the individual variables, with their own rules and no unknown fields", () => {
    expect(member).toMatchObject({ type: "object", additionalProperties: false, required: ["age"] });
    expect(Object.keys(props(member))).toEqual(["age", "birth_prefecture"]);
    expect((member[RULES_KEYWORD] as RulesKeywordValue).scope).toBe("member");
    expect(ruleOf(member, "birth_prefecture")).toMatchObject({ visibleIf: ["{panel.age} >= 18"] });
  });

  it("links a list to its parent list: beside it, else in the household", () => {
    expect(ruleOf(schema, "prefecture")?.parent).toEqual({ question: "island", scope: "same", of: { "101": "1", "201": "2" } });
    expect(ruleOf(member, "birth_prefecture")?.parent).toEqual({ question: "island", scope: "household", of: { "101": "1", "201": "2" } });
  });
});

describe("compile: masks that do not fit the catalogue are refused, every problem listed", () => {
  it.each([
    [
      "a matrix whose rows are shown by conditions",
      page({ type: "matrix", name: "m", rowsVisibleIf: "{item} = 'a'", rows: ["a"], columns: ["x"] }),
      "unsupported_property",
    ],
    [
      "a dynamic matrix with questions under each row",
      page({ type: "matrixdynamic", name: "m", columns: [{ name: "x" }], detailElements: [{ type: "text", name: "y" }] }),
      "unsupported_property",
    ],
    [
      "a dynamic matrix whose column is read as the household's",
      page({ type: "matrixdynamic", name: "m", columns: [{ name: "x" }, { name: "y", visibleIf: "{x} = 1" }] }),
      "unknown_expression_variable",
    ],
    [
      "a matrixdropdown whose column is shown by a condition",
      page({ type: "matrixdropdown", name: "m", rows: ["a"], columns: [{ name: "x", visibleIf: "{row.y} = 1" }] }),
      "unsupported_property",
    ],
    [
      "a matrixdropdown whose cells are of a type rsu does not compile",
      page({ type: "matrixdropdown", name: "m", rows: ["a"], columns: [{ name: "x", cellType: "rating" }] }),
      "unsupported_question_type",
    ],
    [
      "an item of a multiple text validated by an expression",
      page({
        type: "multipletext",
        name: "m",
        items: [{ name: "rooms", inputType: "number", validators: [{ type: "expression", expression: "{m.rooms} > 1" }] }],
      }),
      "unsupported_validator",
    ],
    [
      "a file question that uploads instead of keeping the file",
      page({ type: "file", name: "m", storeDataAsText: false }),
      "unsupported_property",
    ],
    ["an SVG signature", page({ type: "signaturepad", name: "m", dataFormat: "svg" }), "unsupported_property"],
    ["a file in a matrix cell", page({ type: "matrixdropdown", name: "m", rows: ["a"], columns: [{ name: "x", cellType: "file" }] }), null],
    ["rating", page({ type: "rating", name: "rooms" }), "unsupported_question_type"],
    ["a custom type the form's application registered", page({ type: "yesno", name: "owns_land" }), "unsupported_question_type"],
    ["ranking", page({ type: "ranking", name: "assets" }), "unsupported_question_type"],
    [
      "a dynamic matrix inside a dynamic panel",
      page({ type: "paneldynamic", name: "plots", templateElements: [{ type: "matrixdynamic", name: "trees", columns: [{ name: "x" }] }] }),
      "unsupported_question_type",
    ],
    [
      "a roster inside the roster: the same repeat twice",
      page(roster({ type: "paneldynamic", name: "members", templateElements: [] })),
      "duplicate_binding",
    ],
    ["(no problem) a name not in the catalogue: a free question", page({ type: "text", name: "nickname" }), null],
    [
      "a free question of an input type rsu does not check",
      page({ type: "text", inputType: "color", name: "nickname" }),
      "unsupported_question_type",
    ],
    ["a question without a name", page({ type: "text" }), "missing_name"],
    ["text question for an integer", page({ type: "text", name: "rooms" }), "type_mismatch"],
    ["checkbox for a single choice", page({ type: "checkbox", name: "island", choices: choices("1") }), "type_mismatch"],
    ["email input for a text", page({ type: "text", inputType: "email", name: "name" }), "type_mismatch"],
    ["individual variable outside the roster", page({ type: "text", inputType: "number", name: "age" }), "level_mismatch"],
    ["household variable inside the roster", page(roster({ type: "boolean", name: "owns_land" })), "level_mismatch"],
    ["a variable bound twice", page({ type: "boolean", name: "owns_land" }, { type: "boolean", name: "owns_land" }), "duplicate_binding"],
    ["two rosters", page(roster(), roster()), "duplicate_binding"],
    ["a code list that does not exist", page({ type: "dropdown", name: "broken", choices: choices("x") }), "unknown_code_list"],
    ["a parent list that does not exist", page({ type: "dropdown", name: "orphan", choices: choices("x") }), "unknown_code_list"],
    ["a choice outside the code list", page({ type: "dropdown", name: "island", choices: choices("1", "9") }), "unknown_choice"],
    ["a choice question without choices", page({ type: "dropdown", name: "island" }), "unknown_choice"],
    [
      "an 'other' item outside the code list",
      page({ type: "dropdown", name: "island", choices: choices("1"), showOtherItem: true }),
      "unknown_choice",
    ],
    [
      "an 'other' item with a comment area: the other text would replace the answer",
      page({ type: "dropdown", name: "nickname", choices: choices("1"), showOtherItem: true, showCommentArea: true }),
      "unsupported_property",
    ],
    ["valueName", page({ type: "boolean", name: "owns_land", valueName: "land" }), "unsupported_property"],
    ["(no problem) a comment area", page({ type: "boolean", name: "owns_land", showCommentArea: true }), null],
    [
      "a required panel holding an expression, whose computed value survey-core counts as an answer",
      page({ type: "panel", name: "box", isRequired: true, elements: [{ type: "expression", name: "total", expression: "1" }] }),
      "unsupported_property",
    ],
    [
      "a panel's requiredIf on an unknown answer",
      page({ type: "panel", name: "box", requiredIf: "{roms} > 1", elements: [{ type: "boolean", name: "owns_land" }] }),
      "unknown_expression_variable",
    ],
    [
      "a choice asking for a comment",
      page({ type: "dropdown", name: "island", choices: [{ value: "1", showCommentArea: true }] }),
      "unsupported_property",
    ],
    [
      "an expression validator",
      page({ type: "text", inputType: "number", name: "rooms", validators: [{ type: "expression", expression: "{rooms} > 1" }] }),
      null,
    ],
    [
      "an expression validator on an unknown answer",
      page({ type: "text", inputType: "number", name: "rooms", validators: [{ type: "expression", expression: "{roms} > 1" }] }),
      "unknown_expression_variable",
    ],
    [
      "(no problem) a regex on a number, which the server tests as survey-core does",
      page({ type: "text", inputType: "number", name: "rooms", validators: [{ type: "regex", regex: "1" }] }),
      null,
    ],
    ["a pattern ajv cannot run", page({ type: "text", name: "name", validators: [{ type: "regex", regex: "\\-\\_" }] }), "invalid_pattern"],
    ["an unparsable condition", page({ type: "boolean", name: "owns_land", visibleIf: "{rooms} = " }), "invalid_expression"],
    ["an unknown function", page({ type: "boolean", name: "owns_land", visibleIf: "foo({rooms}) > 1" }), "invalid_expression"],
    [
      "a condition on an unknown answer",
      page({ type: "boolean", name: "owns_land", visibleIf: "{roms} > 1" }),
      "unknown_expression_variable",
    ],
    [
      "(no problem) a condition on a calculated value, which the server computes again",
      {
        ...page({ type: "boolean", name: "owns_land", visibleIf: "{big} = true" }),
        calculatedValues: [{ name: "big", expression: "1 > 0" }],
      },
      null,
    ],
    [
      "a condition on a read-only expression question, which survey-core does not compute",
      page(
        { type: "expression", name: "twice", expression: "{rooms} * 2", readOnly: true },
        { type: "boolean", name: "owns_land", visibleIf: "{twice} > 2" },
      ),
      "unknown_expression_variable",
    ],
    [
      "{panel.x} outside the roster",
      page({ type: "boolean", name: "owns_land", visibleIf: "{panel.age} > 1" }),
      "unknown_expression_variable",
    ],
    [
      "{x} for a member's answer inside the roster",
      page(
        roster(
          { type: "text", inputType: "number", name: "age" },
          { type: "dropdown", name: "birth_prefecture", choices: choices("101"), visibleIf: "{age} > 1" },
        ),
      ),
      "unknown_expression_variable",
    ],
    [
      "{item} outside a choice condition",
      page({ type: "boolean", name: "owns_land", visibleIf: "{item} = 1" }),
      "unknown_expression_variable",
    ],
    [
      "(no problem) a child list and its parent asked once each",
      {
        pages: [
          {
            elements: [
              { type: "radiogroup", name: "island", choices: choices("1") },
              { type: "dropdown", name: "prefecture", choices: choices("101") },
            ],
          },
        ],
      },
      null,
    ],
  ])("%s", (_, mask, code) => {
    const problems = problemsOf(mask as SurveyJson);
    if (code === null) return expect(problems).toEqual([]);
    expect(problems.map((p) => p.code)).toContain(code);
    for (const p of problems) {
      expect(p.path).toMatch(/^\/pages\/0\/elements\/\d+/);
      expect(p.message.fr).not.toBe("");
      expect(p.message.en).not.toBe("");
    }
  });

  it("reports an ambiguous parent list", () => {
    const cat: Catalogue = { ...catalogue, variables: [...catalogue.variables, v("island2", "single_choice", { codeList: "island" })] };
    const mask = page(
      { type: "radiogroup", name: "island", choices: choices("1") },
      { type: "radiogroup", name: "island2", choices: choices("1") },
      { type: "dropdown", name: "prefecture", choices: choices("101") },
    );
    expect(problemsOf(mask, cat).map((p) => p.code)).toEqual(["ambiguous_parent"]);
  });

  it("names a repeat it refuses and says why: a dynamic matrix inside the members roster; dynamic panels anywhere are repeats", () => {
    const problems = problemsOf(
      page(
        roster(
          { type: "paneldynamic", name: "visits", templateElements: [{ type: "text", name: "place" }] },
          { type: "matrixdynamic", name: "debts", columns: [{ name: "amount", cellType: "text", inputType: "number" }] },
        ),
        { type: "panel", name: "box", elements: [{ type: "paneldynamic", name: "plots", templateElements: [] }] },
        { type: "matrixdynamic", name: "livestock", columns: [{ name: "count", cellType: "text", inputType: "number" }] },
      ),
    );
    expect(problems.map((p) => [p.path, p.name, p.code])).toEqual([
      ["/pages/0/elements/0/templateElements/1", "debts", "unsupported_question_type"],
    ]);
    expect(problems[0]?.message).toEqual({
      fr: "La matrice dynamique « debts » n'est pas prise en charge : elle est dans la répétition « members », où rsu ne prend en charge qu'un panneau dynamique. Faites-en un panneau dynamique ou placez-la dans les pages ou panneaux du ménage.",
      en: 'Dynamic matrix "debts" is not supported: it stands in repeat "members", where rsu supports only a dynamic panel. Make it a dynamic panel or place it in the household\'s pages or panels.',
    });
  });

  it("says a choice without a value has none, rather than calling « undefined » a number", () => {
    const problems = problemsOf(page({ type: "dropdown", name: "island", choices: [{ val: "1", text: "Ngazidja" }] }));
    expect(problems.map((p) => p.message.en)).toEqual([
      'A choice of "island" has no value ({"val":"1","text":"Ngazidja"}): each choice carries a code of list "island".',
    ]);
  });

  it("lists every problem at once, with the question's name", () => {
    const problems = problemsOf(
      page({ type: "ranking", name: "m" }, { type: "text", inputType: "color", name: "nickname" }, { type: "text", name: "rooms" }),
    );
    expect(problems.map((p) => [p.path, p.name, p.code])).toEqual([
      ["/pages/0/elements/0", "m", "unsupported_question_type"],
      ["/pages/0/elements/1", "nickname", "unsupported_question_type"],
      ["/pages/0/elements/2", "rooms", "type_mismatch"],
    ]);
  });
});

describe("compile: custom question types", () => {
  it("refuses a type the form's own application registered, naming it and saying what to do", () => {
    const [problem] = problemsOf(page({ type: "yesno", name: "owns_land" }));
    expect(problem?.message.fr).toContain("« yesno » n'est pas un type SurveyJS");
    expect(problem?.message.en).toContain('"yesno" is not a SurveyJS type');
  });
});
