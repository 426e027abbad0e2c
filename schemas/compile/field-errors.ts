import type { ErrorObject } from "ajv";
import type { FieldError, Message } from "../contracts/api";
import { pointerSegment } from "./json-pointer";
import { FILE_KEYWORD, RULES_KEYWORD } from "./types";

/** Every code a field error may carry: few and stable, since clients and reports key on them. */
export const FIELD_ERROR_CODES = [
  "required",
  "one_answer_required",
  "type",
  "minimum",
  "maximum",
  "min_items",
  "min_selected",
  "max_items",
  "min_length",
  "max_length",
  "pattern",
  "format",
  "not_in_list",
  "unknown_field",
  "hidden_answered",
  "not_in_parent",
  "duplicate_answer",
  "invalid",
  "expression",
  "exclusive_choice",
  "file_invalid",
  "file_too_large",
  "file_type",
  /** A reference to a stored file the sender may not reuse (api/services/submission-files.ts). */
  "file_unknown",
] as const;
export type FieldErrorCode = (typeof FIELD_ERROR_CODES)[number];

/**
 * Turns ajv's errors into the API's field errors: one per answer and problem, pointing at the answer
 * (a missing or unknown property itself; a list of choices rather than one of its items), with a
 * stable code and a message a clerk understands, in French and English.
 * `listItems` holds the schema paths of items of choice lists (see validator.ts).
 */
export function toFieldErrors(errors: readonly ErrorObject[] | null | undefined, listItems: ReadonlySet<string> = new Set()): FieldError[] {
  const seen = new Set<string>();
  const result: FieldError[] = [];
  for (const error of errors ?? []) {
    const field = toFieldError(error, listItems);
    if (!field) continue;
    const key = `${field.pointer} ${field.code}`;
    if (seen.has(key)) continue;
    seen.add(key);
    result.push(field);
  }
  return result;
}

function toFieldError(error: ErrorObject, listItems: ReadonlySet<string>): FieldError | null {
  const p = error.params as Record<string, unknown>;
  const at = inListItem(error.schemaPath, listItems) ? error.instancePath.replace(/\/[^/]*$/, "") : error.instancePath;
  switch (error.keyword) {
    case RULES_KEYWORD:
      return ruleError(at, p);
    case FILE_KEYWORD:
      return fileError(at, p);
    case "required":
      return field(`${at}/${pointerSegment(String(p.missingProperty))}`, "required", REQUIRED);
    case "type":
      return field(at, "type", {
        fr: `La réponse doit être ${TYPE_FR[String(p.type)] ?? p.type}.`,
        en: `The answer must be ${TYPE_EN[String(p.type)] ?? p.type}.`,
      });
    case "minimum":
    case "exclusiveMinimum":
      return field(at, "minimum", {
        fr: `La valeur doit être supérieure ${error.keyword === "minimum" ? "ou égale " : ""}à ${p.limit}.`,
        en: `The value must be ${error.keyword === "minimum" ? "at least" : "more than"} ${p.limit}.`,
      });
    case "maximum":
    case "exclusiveMaximum":
      return field(at, "maximum", {
        fr: `La valeur doit être inférieure ${error.keyword === "maximum" ? "ou égale " : ""}à ${p.limit}.`,
        en: `The value must be ${error.keyword === "maximum" ? "at most" : "less than"} ${p.limit}.`,
      });
    case "minLength":
      return field(at, "min_length", {
        fr: `Le texte doit compter au moins ${p.limit} caractère(s).`,
        en: `The text must be at least ${p.limit} character(s) long.`,
      });
    case "maxLength":
      return field(at, "max_length", {
        fr: `Le texte ne doit pas dépasser ${p.limit} caractères.`,
        en: `The text must be at most ${p.limit} characters long.`,
      });
    case "pattern":
      return field(at, "pattern", PATTERN);
    case "format":
      return p.format === "date"
        ? field(at, "format", { fr: "La date doit exister et s'écrire AAAA-MM-JJ.", en: "The date must exist and be written YYYY-MM-DD." })
        : field(at, "format", { fr: `La réponse doit être au format ${p.format}.`, en: `The answer must be in ${p.format} format.` });
    case "enum":
    case "const":
      return field(at, "not_in_list", {
        fr: "Cette réponse ne fait pas partie des choix possibles.",
        en: "This answer is not one of the possible choices.",
      });
    case "additionalProperties":
      return field(`${at}/${pointerSegment(String(p.additionalProperty))}`, "unknown_field", {
        fr: "Cette question ne fait pas partie du questionnaire.",
        en: "This question is not part of the form.",
      });
    case "minItems":
      return field(at, "min_items", { fr: `Il faut au moins ${p.limit} élément(s).`, en: `At least ${p.limit} item(s) are required.` });
    case "maxItems":
      return field(at, "max_items", { fr: `Au plus ${p.limit} élément(s) sont permis.`, en: `At most ${p.limit} item(s) are allowed.` });
    case "uniqueItems":
      return field(at, "duplicate_answer", { fr: "La même réponse est donnée deux fois.", en: "The same answer is given twice." });
    case "if":
    case "allOf":
    case "anyOf":
    case "oneOf":
      return null; // summaries of errors already listed one by one
    default:
      return field(at, "invalid", { fr: "Réponse invalide.", en: "Invalid answer." });
  }
}

function ruleError(at: string, p: Record<string, unknown>): FieldError {
  switch (p.code) {
    case "required":
      return field(at, "required", REQUIRED);
    case "one_answer_required":
      return field(at, "one_answer_required", {
        fr: `Au moins une question de « ${p.group} » doit avoir une réponse.`,
        en: `At least one question of "${p.group}" must be answered.`,
      });
    case "hidden_answered":
      return field(at, "hidden_answered", {
        fr: "Cette question n'est pas posée compte tenu des autres réponses : elle ne doit pas avoir de réponse.",
        en: "This question is not asked given the other answers: it must have no answer.",
      });
    case "not_in_list":
      return field(at, "not_in_list", {
        fr: "Ce choix n'est pas proposé compte tenu des autres réponses.",
        en: "This choice is not offered given the other answers.",
      });
    case "not_in_parent":
      return field(at, "not_in_parent", {
        fr: `Ce code n'appartient pas à la réponse donnée à « ${p.parent} ».`,
        en: `This code does not belong to the answer given to "${p.parent}".`,
      });
    case "duplicate_answer":
      return field(at, "duplicate_answer", {
        fr: "Cette valeur est déjà donnée pour un autre membre.",
        en: "This value is already given for another member.",
      });
    case "min_rows":
      return field(at, "min_items", {
        fr: `Remplissez au moins ${p.limit} ligne(s).`,
        en: `Fill in at least ${p.limit} row(s).`,
      });
    case "min_selected":
      return field(at, "min_selected", {
        fr: `Choisissez au moins ${p.limit} réponse(s).`,
        en: `Choose at least ${p.limit} answer(s).`,
      });
    case "pattern":
      return field(at, "pattern", PATTERN);
    case "exclusive_choice":
      return field(at, "exclusive_choice", {
        fr: `Le choix « ${p.choice} » exclut tous les autres.`,
        en: `Choice "${p.choice}" excludes every other one.`,
      });
    case "expression":
      return field(at, "expression", {
        fr: `La réponse ne respecte pas la règle du questionnaire « ${p.expression} ».`,
        en: `The answer does not meet the form's rule "${p.expression}".`,
      });
    default:
      return field(at, "invalid", { fr: "Réponse invalide.", en: "Invalid answer." });
  }
}

function inListItem(schemaPath: string, listItems: ReadonlySet<string>): boolean {
  if (listItems.size === 0) return false;
  const cut = schemaPath.lastIndexOf("/");
  return cut > 0 && listItems.has(schemaPath.slice(0, cut));
}

const PATTERN: Message = { fr: "La réponse n'a pas le format attendu.", en: "The answer does not have the expected format." };
const REQUIRED: Message = { fr: "Une réponse est obligatoire.", en: "An answer is required." };

function field(pointer: string, code: FieldErrorCode, message: Message): FieldError {
  return { pointer, code, message };
}

const TYPE_FR: Record<string, string> = {
  integer: "un nombre entier",
  number: "un nombre",
  string: "un texte",
  boolean: "oui ou non",
  array: "une liste",
  object: "un objet",
  null: "vide",
};
const TYPE_EN: Record<string, string> = {
  integer: "a whole number",
  number: "a number",
  string: "text",
  boolean: "yes or no",
  array: "a list",
  object: "an object",
  null: "empty",
};

/** A file's problem (file-keyword.ts): its size in megabytes as a person reads it, its types as their extensions. */
function fileError(at: string, p: Record<string, unknown>): FieldError {
  const megabytes = (Number(p.maxSize) / (1024 * 1024)).toLocaleString("fr", { maximumFractionDigits: 1 });
  const types = (p.types as string[]).map((t) => t.replace(/^.*\//, "").toUpperCase()).join(", ");
  switch (p.code) {
    case "file_too_large":
      return field(at, "file_too_large", {
        fr: `Le fichier dépasse ${megabytes} Mo.`,
        en: `The file is larger than ${megabytes.replace(",", ".")} MB.`,
      });
    case "file_type":
      return field(at, "file_type", {
        fr: `Ce type de fichier n'est pas accepté ici (types acceptés : ${types}).`,
        en: `This type of file is not accepted here (accepted: ${types}).`,
      });
    default:
      return field(at, "file_invalid", {
        fr: "Le fichier est illisible : il doit être envoyé tel que le formulaire l'a joint.",
        en: "The file cannot be read: it must be sent as the form attached it.",
      });
  }
}
