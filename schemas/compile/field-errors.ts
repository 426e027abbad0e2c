import type { ErrorObject } from "ajv";
import type { FieldError, Message } from "../contracts/api";

/**
 * Turns ajv's errors into the API's field errors: one per answer and problem, with a stable code and
 * a message a clerk understands, in French and English.
 */
export function toFieldErrors(errors: readonly ErrorObject[] | null | undefined): FieldError[] {
  const seen = new Set<string>();
  const result: FieldError[] = [];
  for (const error of errors ?? []) {
    const field = toFieldError(error);
    if (!field) continue;
    const key = `${field.pointer} ${field.code}`;
    if (seen.has(key)) continue;
    seen.add(key);
    result.push(field);
  }
  return result;
}

function toFieldError(error: ErrorObject): FieldError | null {
  const p = error.params as Record<string, any>;
  const at = error.instancePath;
  switch (error.keyword) {
    case "required":
      return field(`${at}/${p.missingProperty}`, "required", REQUIRED);
    case "answer_required":
      return field(at, "required", REQUIRED);
    case "type":
      return field(at, "type", { fr: `La réponse doit être ${TYPE_FR[p.type] ?? p.type}.`, en: `The answer must be ${TYPE_EN[p.type] ?? p.type}.` });
    case "minimum":
      return field(at, "minimum", { fr: `La valeur doit être supérieure ou égale à ${p.limit}.`, en: `The value must be at least ${p.limit}.` });
    case "maximum":
      return field(at, "maximum", { fr: `La valeur doit être inférieure ou égale à ${p.limit}.`, en: `The value must be at most ${p.limit}.` });
    case "minLength":
      return field(at, "min_length", { fr: `Au moins ${p.limit} caractères.`, en: `At least ${p.limit} characters.` });
    case "maxLength":
      return field(at, "max_length", { fr: `Au plus ${p.limit} caractères.`, en: `At most ${p.limit} characters.` });
    case "pattern":
      return field(at, "pattern", { fr: "La réponse n'a pas le format attendu.", en: "The answer does not have the expected format." });
    case "format":
      return p.format === "date"
        ? field(at, "format", { fr: "La date doit exister et s'écrire AAAA-MM-JJ.", en: "The date must exist and be written YYYY-MM-DD." })
        : field(at, "format", { fr: `La réponse doit être au format ${p.format}.`, en: `The answer must be in ${p.format} format.` });
    case "enum":
      return field(at, "not_in_list", { fr: "Cette réponse ne fait pas partie des choix proposés.", en: "This answer is not one of the choices." });
    case "additionalProperties":
      return field(`${at}/${p.additionalProperty}`, "unknown_field", { fr: "Cette question n'existe pas dans le questionnaire.", en: "This question does not exist in the form." });
    case "minItems":
      return field(at, "min_items", { fr: `Au moins ${p.limit} élément(s).`, en: `At least ${p.limit} item(s).` });
    case "maxItems":
      return field(at, "max_items", { fr: `Au plus ${p.limit} élément(s).`, en: `At most ${p.limit} item(s).` });
    case "uniqueItems":
      return field(at, "duplicate_answer", { fr: "La même réponse est cochée deux fois.", en: "The same answer is given twice." });
    case "hidden_answered":
      return field(at, "hidden_answered", {
        fr: "Cette question n'est pas posée dans ce cas : elle ne doit pas avoir de réponse.",
        en: "This question is not asked in this case: it must have no answer.",
      });
    case "choice_not_shown":
      return field(at, "not_in_list", { fr: "Ce choix n'est pas proposé compte tenu des réponses précédentes.", en: "This choice is not offered given the previous answers." });
    case "not_in_parent":
      return field(at, "not_in_parent", { fr: `Ce code n'appartient pas à la réponse donnée à « ${p.parent} ».`, en: `This code does not belong to the answer given to "${p.parent}".` });
    case "x-rsu-rules":
    case "allOf":
    case "if":
      return null; // summaries of errors already listed one by one
    default:
      return field(at, error.keyword, { fr: "Réponse invalide.", en: "Invalid answer." });
  }
}

const REQUIRED: Message = { fr: "Réponse obligatoire.", en: "An answer is required." };

function field(pointer: string, code: string, message: Message): FieldError {
  return { pointer: pointer || "/", code, message };
}

const TYPE_FR: Record<string, string> = { integer: "un nombre entier", number: "un nombre", string: "un texte", boolean: "oui ou non", array: "une liste", object: "un objet" };
const TYPE_EN: Record<string, string> = { integer: "a whole number", number: "a number", string: "text", boolean: "yes or no", array: "a list", object: "an object" };
