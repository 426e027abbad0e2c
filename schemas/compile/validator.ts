import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import type { FieldError } from "../contracts/api";
import { forgetComputedValues } from "./computed-values";
import { toFieldErrors } from "./field-errors";
import { pointerSegment } from "./json-pointer";
import { fileKeyword } from "./file-keyword";
import { rulesKeyword } from "./rules-keyword";
import { RULES_KEYWORD, type JsonSchema, type RulesKeywordValue } from "./types";

/** The field errors of `data`, none when valid. What is no answer (computed values, `null`) is first dropped from it, in place. */
export type Validate = (data: unknown) => FieldError[];

/**
 * One ajv instance: formats and the rules keyword are registered once, and compiling a schema reuses
 * them. Strict, so that a schema ajv would half-understand fails when compiled, not when validating.
 */
const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
addFormats(ajv);
ajv.addKeyword(rulesKeyword);
ajv.addKeyword(fileKeyword);

/**
 * The validator of a compiled schema (or any JSON Schema 2020-12 the API uses for its bodies): returns
 * the field errors of `data`, none when it is valid. Compiled once; call it as often as needed.
 */
export function createValidator(schema: JsonSchema): Validate {
  const validate = ajv.compile(schema);
  // Answers to choice questions are reported on the question; other schemas keep ajv's precise pointers.
  const listItems = RULES_KEYWORD in schema ? choiceListItems(schema) : new Set<string>();
  const removeNoAnswers = noAnswerRemover(schema);
  return (data) => {
    removeNoAnswers?.(data);
    forgetComputedValues();
    return validate(data) ? [] : toFieldErrors(validate.errors, listItems);
  };
}

/**
 * Removes, in place, what a submission carries that is no answer, before it is checked, so that what is
 * stored afterwards holds answers only: the values the form computes (expression questions, calculated
 * values: see survey-logic.ts), `null`, which survey-core takes for "no answer" (isEmptyAnswer) as it
 * takes a missing key, and a blank string given to a choice question, which survey-core also counts as
 * no answer (a text question keeps its blanks: survey-core's e-mail validator refuses them).
 * Only for schemas compiled from a mask; the API's own bodies are left alone.
 */
function noAnswerRemover(schema: JsonSchema): ((data: unknown) => void) | undefined {
  if (!(RULES_KEYWORD in schema)) return undefined;
  const own = { computed: (schema[RULES_KEYWORD] as RulesKeywordValue).displayOnly ?? [], choices: choiceKeys(schema) };
  const lists = Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>).flatMap(([name, property]) => {
    const items = property.items as JsonSchema | undefined;
    if (!items || typeof items !== "object" || items.type !== "object") return [];
    const rules = items[RULES_KEYWORD] as RulesKeywordValue | undefined;
    return [[name, { computed: rules?.displayOnly ?? [], choices: choiceKeys(items) }] as const];
  });
  const clean = (answers: Record<string, unknown>, keys: { computed: readonly string[]; choices: readonly string[] }) => {
    for (const key of keys.computed) delete answers[key];
    for (const key of keys.choices) if (typeof answers[key] === "string" && (answers[key] as string).trim() === "") delete answers[key];
    for (const key in answers) if (answers[key] === null) delete answers[key];
  };
  return (data) => {
    if (!isObject(data)) return;
    clean(data, own);
    for (const [name, keys] of lists) {
      const items = data[name];
      if (Array.isArray(items)) for (const item of items) if (isObject(item)) clean(item, keys);
    }
  };
}

/** The answers of an object given by choosing: one value among a list, or a list of them. */
function choiceKeys(object: JsonSchema): string[] {
  return Object.entries((object.properties ?? {}) as Record<string, JsonSchema>).flatMap(([name, property]) => {
    const items = property.items as JsonSchema | undefined;
    return Array.isArray(property.enum) || (items && typeof items === "object" && Array.isArray(items.enum)) ? [name] : [];
  });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === "object" && !Array.isArray(value);
}

const cache = new WeakMap<object, Validate>();

/** The validator of a schema object, compiled on first use and kept while the schema object lives. */
export function validatorFor(schema: JsonSchema): Validate {
  let validate = cache.get(schema);
  if (!validate) {
    validate = createValidator(schema);
    cache.set(schema, validate);
  }
  return validate;
}

/**
 * Schema paths of the items of choice lists (arrays of enumerated values): an error on one item is
 * reported on the list, the answer a clerk sees, rather than on an index into it.
 */
function choiceListItems(schema: JsonSchema, path = "#", found = new Set<string>()): Set<string> {
  const properties = schema.properties as Record<string, JsonSchema> | undefined;
  for (const [name, property] of Object.entries(properties ?? {})) {
    const at = `${path}/properties/${pointerSegment(name)}`;
    const items = property.items as JsonSchema | undefined;
    if (!items || typeof items !== "object") continue;
    if (Array.isArray(items.enum)) found.add(`${at}/items`);
    else choiceListItems(items, `${at}/items`, found);
  }
  return found;
}
