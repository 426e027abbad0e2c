import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Serializer } from "survey-core";
import { describe, expect, it } from "vitest";
import { compile, CompileError, type SurveyJson } from "../../schemas/compile";
import { PROPERTIES } from "../../schemas/compile/mask-properties";

/**
 * Issue #20: nothing of a mask is silently dropped. For every element rsu compiles, every property that
 * SurveyJS's own JSON schema (test/fixtures/surveyjs/_reference__surveyjs_definition.schema.json) or
 * survey-core 2.3.0's serializer lists is in schemas/compile/mask-properties.ts, and the table tells the
 * truth: a mask using a `refused` property is refused with a message naming it, an `ignored` one leaves
 * the compiled schema as it was, a `compiled` one changes it.
 */
type Json = Record<string, unknown>;
const reference = JSON.parse(
  readFileSync(join(__dirname, "../fixtures/surveyjs/_reference__surveyjs_definition.schema.json"), "utf8"),
) as Json;
const definitions = reference.definitions as Record<string, Json>;

/** A definition's properties with those it inherits (`allOf: [{ $ref }, { properties }]`). */
function referenceProperties(name: string): Record<string, Json> {
  const definition = name === "survey" ? reference : definitions[name]!;
  let properties: Record<string, Json> = {};
  for (const part of (definition.allOf as Json[] | undefined) ?? []) {
    if (typeof part.$ref === "string") properties = { ...referenceProperties(part.$ref), ...properties };
    Object.assign(properties, part.properties ?? {});
  }
  return { ...properties, ...((definition.properties as Record<string, Json>) ?? {}) };
}

function propertiesOf(className: string): string[] {
  const serialized = (Serializer.getProperties(className) ?? []).filter((p) => p.isSerializable !== false).map((p) => p.name);
  return [...new Set([...Object.keys(referenceProperties(className)), ...serialized])].sort();
}

const empty = { variables: [], codeLists: [] };
const choices = ["a", "b"].map((value) => ({ value, text: value.toUpperCase() }));

/** A small mask holding one element of the class, and where that element stands. */
function fixture(className: string): { mask: SurveyJson; target: (mask: SurveyJson) => Json; path: string } {
  const page = (element?: Json): SurveyJson => ({
    pages: [{ name: "p1", elements: [{ type: "text", name: "x" }, ...(element ? [element] : []), { type: "text", name: "x2" }] }],
  });
  const at = (mask: SurveyJson) => ((mask.pages as Json[])[0]!.elements as Json[])[1]!;
  const question = (element: Json) => ({ mask: page(element), target: at, path: "/pages/0/elements/1" });
  const validator = (element: Json, v: Json) => ({
    mask: page({ ...element, validators: [v] }),
    target: (mask: SurveyJson) => (at(mask).validators as Json[])[0]!,
    path: "/pages/0/elements/1/validators/0",
  });
  const trigger = (t: Json) => ({
    mask: { ...page(), triggers: [t] },
    target: (mask: SurveyJson) => (mask.triggers as Json[])[0]!,
    path: "/triggers/0",
  });
  switch (className) {
    case "survey":
      return { mask: page(), target: (mask) => mask, path: "" };
    case "page":
      return { mask: page(), target: (mask) => (mask.pages as Json[])[0]!, path: "/pages/0" };
    case "panel":
      return question({ type: "panel", name: "box", elements: [{ type: "text", name: "q" }] });
    case "dropdown":
    case "radiogroup":
    case "checkbox":
    case "tagbox":
      return question({ type: className, name: "q", choices });
    case "html":
    case "image":
      // In a required panel: a shown display element is a question never answered there.
      return {
        mask: page({
          type: "panel",
          name: "box",
          isRequired: true,
          elements: [
            { type: "text", name: "q" },
            { type: className, name: "d" },
          ],
        }),
        target: (mask) => (at(mask).elements as Json[])[1]!,
        path: "/pages/0/elements/1/elements/1",
      };
    case "expression":
      return question({ type: "expression", name: "e", expression: "1 + 1" });
    case "paneldynamic":
      return question({ type: "paneldynamic", name: "members", templateElements: [{ type: "text", name: "m" }] });
    case "multipletext":
      return question({ type: "multipletext", name: "q", items: [{ name: "a" }] });
    case "multipletextitem":
      return {
        mask: page({ type: "multipletext", name: "q", items: [{ name: "a" }] }),
        target: (mask) => (at(mask).items as Json[])[0]!,
        path: "/pages/0/elements/1/items/0",
      };
    case "matrix":
      return question({ type: "matrix", name: "q", rows: ["r1"], columns: ["a", "b"] });
    case "itemvalue":
      return {
        mask: page({ type: "matrix", name: "q", rows: [{ value: "r1" }], columns: ["a", "b"] }),
        target: (mask) => (at(mask).rows as Json[])[0]!,
        path: "/pages/0/elements/1/rows/0",
      };
    case "matrixdropdown":
      return question({
        type: "matrixdropdown",
        name: "q",
        rows: ["r1"],
        choices,
        columns: [{ name: "c1", cellType: "text" }, { name: "c2" }],
      });
    case "matrixdynamic":
      return question({
        type: "matrixdynamic",
        name: "q",
        choices,
        columns: [{ name: "c1", cellType: "text", isRequired: true }, { name: "c2" }],
      });
    case "matrixdropdowncolumn":
      return {
        mask: page({ type: "matrixdropdown", name: "q", rows: ["r1"], columns: [{ name: "c1", cellType: "text" }] }),
        target: (mask) => (at(mask).columns as Json[])[0]!,
        path: "/pages/0/elements/1/columns/0",
      };
    case "choiceitem":
      return {
        mask: page({ type: "dropdown", name: "q", choices }),
        target: (mask) => (at(mask).choices as Json[])[0]!,
        path: "/pages/0/elements/1/choices/0",
      };
    case "numericvalidator":
      return validator({ type: "text", name: "q", inputType: "number" }, { type: "numeric" });
    case "answercountvalidator":
      return validator({ type: "checkbox", name: "q", choices }, { type: "answercount" });
    case "regexvalidator":
      return validator({ type: "text", name: "q" }, { type: "regex", regex: "x" });
    case "expressionvalidator":
      return validator({ type: "text", name: "q" }, { type: "expression", expression: "{x} = 'a'" });
    case "textvalidator":
    case "emailvalidator":
      return validator({ type: "text", name: "q" }, { type: className.replace(/validator$/, "") });
    case "calculatedvalue":
      return {
        mask: { ...page(), calculatedValues: [{ name: "cv", expression: "1" }] },
        target: (mask) => (mask.calculatedValues as Json[])[0]!,
        path: "/calculatedValues/0",
      };
    case "setvaluetrigger":
      return trigger({ type: "setvalue", expression: "{x} = 'a'", setToName: "x2", setValue: "b" });
    case "copyvaluetrigger":
      return trigger({ type: "copyvalue", expression: "{x} = 'a'", fromName: "x", setToName: "x2" });
    case "runexpressiontrigger":
      return trigger({ type: "runexpression", expression: "{x} = 'a'", setToName: "x2", runExpression: "{x}" });
    default:
      return question({ type: className, name: "q" });
  }
}

/** A value that uses the property: not its default, of the type the reference or survey-core gives it. */
function usedValue(className: string, property: string): unknown {
  if (property in USED) return USED[property];
  const known = Serializer.findProperty(className, property);
  const ref = referenceProperties(className)[property] ?? {};
  const options = (ref.enum as unknown[] | undefined) ?? [];
  const enumValue = options.find((v) => !known?.isDefaultValue(v) && v !== known?.defaultValue);
  if (enumValue !== undefined) return enumValue;
  const type = ref.type ?? known?.type;
  if (type === "boolean" || type === "switch") return known?.defaultValue !== true;
  if (type === "number") return Number(known?.defaultValue ?? 0) + 3;
  if (type === "array") return ["v"];
  if (type === "object") return { v: 1 };
  if (known?.type === "condition" || known?.type === "expression") return "{x} = 'a'";
  return "v";
}

/** Values the generic rule above cannot guess. */
const USED: Json = {
  notificationType: "warning",
  maskType: "numeric",
  storeOthersAsComment: false,
  maxSize: 10 * 1024 * 1024,
  dataFormat: "svg",
  acceptedTypes: "video/*",
};

/** For each compiled property, a value and, when it needs company, other properties set in both masks. */
const COMPILED: Record<string, { value: unknown; with?: Json }> = {
  name: { value: "renamed" },
  visible: { value: false },
  visibleIf: { value: "{x} = 'a'" },
  enableIf: { value: "{x} = 'a'" },
  readOnly: { value: true },
  isRequired: { value: true },
  requiredIf: { value: "{x} = 'a'" },
  validators: { value: [{ type: "expression", expression: "{x} = 'a'" }] },
  inputType: { value: "number" },
  maxLength: { value: 5 },
  choices: { value: ["a", "c"] },
  choicesVisibleIf: { value: "{item} = 'a'" },
  maxSelectedChoices: { value: 1 },
  allowMultiple: { value: true },
  minSelectedChoices: { value: 2 },
  elements: { value: [{ type: "text", name: "more" }] },
  templateElements: {
    value: [
      { type: "text", name: "m" },
      { type: "text", name: "more" },
    ],
  },
  showCommentArea: { value: true },
  showOtherItem: { value: true },
  showNoneItem: { value: true },
  maxCommentLength: { value: 9, with: { elements: [{ type: "text", name: "c", showCommentArea: true }] } },
  items: { value: [{ name: "a" }, { name: "b" }] },
  rows: { value: ["r1", "r2"] },
  columns: { value: ["a", "c"] },
  eachRowRequired: { value: true },
  "itemvalue.value": { value: "z" },
  "matrixdropdown.columns": { value: [{ name: "c3", cellType: "boolean" }] },
  "matrixdropdown.cellType": { value: "checkbox" },
  "matrixdropdown.choices": { value: ["a", "z"] },
  "matrixdynamic.columns": { value: [{ name: "c3", cellType: "boolean" }] },
  "matrixdynamic.cellType": { value: "checkbox" },
  "matrixdynamic.choices": { value: ["a", "z"] },
  rowCount: { value: 0 },
  minRowCount: { value: 3 },
  maxRowCount: { value: 4 },
  "matrixdropdowncolumn.cellType": { value: "boolean" },
  "matrixdropdowncolumn.validators": { value: [{ type: "text", maxLength: 3 }] },
  "multipletextitem.validators": { value: [{ type: "text", maxLength: 3 }] },
  minPanelCount: { value: 2 },
  maxPanelCount: { value: 4 },
  keyName: { value: "m" },
  pages: { value: [{ name: "p9", elements: [{ type: "text", name: "z" }] }] },
  triggers: { value: [{ type: "setvalue", setToName: "nowhere" }] },
  calculatedValues: { value: [{ name: "cv", expression: "1" }] },
  mode: { value: "display" },
  maxTextLength: { value: 5 },
  "choiceitem.value": { value: "z" },
  minValue: { value: 1 },
  maxValue: { value: 9 },
  minLength: { value: 2 },
  allowDigits: { value: false },
  minCount: { value: 1 },
  maxCount: { value: 1 },
  regex: { value: "^a" },
  expression: { value: "{x2} = 'a'" },
  setToName: { value: "nowhere" },
  isVariable: { value: true, with: { setToName: "nowhere" } },
};

/** Properties that make the element what it is; compile.test.ts covers them. */
const STRUCTURAL = new Set(["type"]);

/** What compiling gives, the survey's title aside (an annotation of the schema). */
function outcome(mask: SurveyJson): string {
  try {
    const { title: _, ...schema } = compile(mask, empty);
    return JSON.stringify(schema);
  } catch (error) {
    if (!(error instanceof CompileError)) throw error;
    return JSON.stringify(error.problems);
  }
}

function withProperty(className: string, property: string, value: unknown, company: Json = {}): { mask: SurveyJson; path: string } {
  const { mask: shared, target, path } = fixture(className);
  const mask = structuredClone(shared);
  Object.assign(target(mask), company, { [property]: value });
  return { mask, path };
}

const classes = Object.keys(PROPERTIES).sort();
const cases = classes.flatMap((c) => propertiesOf(c).map((p) => [c, p] as const));

describe("every SurveyJS property of an element rsu compiles is compiled, ignored or refused", () => {
  it("covers each element class of the reference schema, and each of their properties", () => {
    for (const c of classes) expect(c === "survey" || c in definitions, c).toBe(true);
    expect(cases.length).toBeGreaterThan(800);
    expect(cases.filter(([c, p]) => PROPERTIES[c]![p] === undefined).map(([c, p]) => `${c}.${p}`)).toEqual([]);
  });

  it("starts from masks that compile", () => {
    for (const c of classes) expect([c, outcome(fixture(c).mask).startsWith("{")]).toEqual([c, true]);
  });

  it.each(cases.filter(([c, p]) => PROPERTIES[c]![p] !== "compiled" && PROPERTIES[c]![p] !== "ignored"))(
    "%s.%s is refused, named",
    (c, p) => {
      const { mask, path } = withProperty(c, p, usedValue(c, p));
      let problems: CompileError["problems"] = [];
      try {
        compile(mask, empty);
      } catch (error) {
        if (!(error instanceof CompileError)) throw error;
        problems = error.problems;
      }
      const named = problems.filter((x) => x.code === "unsupported_property" && x.path === path);
      expect(named.map((x) => [x.message.fr.includes(`« ${p} »`), x.message.en.includes(`"${p}"`)])).toContainEqual([true, true]);
    },
  );

  it.each(cases.filter(([c, p]) => PROPERTIES[c]![p] === "ignored"))("%s.%s changes nothing", (c, p) => {
    expect(outcome(withProperty(c, p, usedValue(c, p)).mask)).toBe(outcome(fixture(c).mask));
  });

  it.each(cases.filter(([c, p]) => PROPERTIES[c]![p] === "compiled" && !STRUCTURAL.has(p)))("%s.%s is compiled", (c, p) => {
    const sample = COMPILED[`${c}.${p}`] ?? COMPILED[p];
    expect(sample, `a sample value for ${c}.${p}`).toBeDefined();
    const baseline = withProperty(c, p, undefined, sample!.with);
    expect(outcome(withProperty(c, p, sample!.value, sample!.with).mask)).not.toBe(outcome(baseline.mask));
  });

  it("refuses elements of the types it does not compile, naming the type", () => {
    const compiled = new Set(Object.keys(PROPERTIES));
    const questionTypes = Object.keys(definitions).filter(
      (d) => !compiled.has(d) && Serializer.isDescendantOf(d, "question") && Serializer.findClass(d) && d !== "nonvalue",
    );
    expect(questionTypes.length).toBeGreaterThan(10);
    for (const type of questionTypes) {
      const { mask } = fixture(type);
      expect([type, outcome(mask)]).toEqual([type, expect.stringContaining("unsupported_question_type")]);
    }
    for (const type of ["complete", "skip", "visible"]) {
      const mask = { ...fixture("survey").mask, triggers: [{ type, expression: "{x} = 'a'" }] };
      expect([type, outcome(mask)]).toEqual([type, expect.stringContaining("unsupported_trigger")]);
    }
  });
});
