import { Serializer } from "survey-core";
import { VARIABLE_TYPES, type CodeList, type Variable } from "../catalogue/types";
import { nonEmpty, problem, typeOf, type MaskElement, type MaskQuestion } from "./mask-walker";
import { validatorsOf } from "./question-schema";
import type { CompileProblem } from "./types";

/** Validators rsu compiles, and the variable types each applies to. */
const VALIDATORS: Record<string, Variable["type"][]> = {
  text: ["text", "phone", "national_id", "gps_point"],
  // On numbers, checked by the rules keyword as survey-core does (the number written as text).
  regex: ["text", "phone", "national_id", "gps_point", "integer", "decimal"],
  email: ["text"],
  numeric: ["integer", "decimal"],
  answercount: ["multiple_choice"],
  // Evaluated by the rules keyword with survey-core's engine, whatever the answer's type.
  expression: [...VARIABLE_TYPES],
};

/** Validators, choices and patterns of one bound question; its properties are property-checks.ts's business. */
export function checkQuestion(path: string, question: MaskElement, variable: Variable, codeList: CodeList | undefined): CompileProblem[] {
  const problems: CompileProblem[] = [];
  const fail = (code: CompileProblem["code"], fr: string, en: string) => problems.push(problem(path, question, code, fr, en));
  const name = variable.code;

  for (const validator of validatorsOf(question)) {
    const type = String(validator.type ?? "").toLowerCase();
    if (!VALIDATORS[type]?.includes(variable.type)) {
      fail(
        "unsupported_validator",
        `Le validateur « ${type} » de la question « ${name} » n'est pas pris en charge pour une variable de type ${variable.type}.`,
        `Validator "${type}" of question "${name}" is not supported for a variable of type ${variable.type}.`,
      );
    } else if (type === "regex" && typeof validator.regex === "string") {
      checkPattern(validator.regex, fail, name);
    }
  }
  if (variable.constraints?.pattern !== undefined) checkPattern(variable.constraints.pattern, fail, name);

  if (!codeList && Array.isArray(question.choices)) {
    // A number asked with choices (question-schema.ts): the choices must fit the variable, and filtering them is not compiled.
    for (const choice of question.choices) {
      const value = choiceValue(choice);
      const c = variable.constraints ?? {};
      if (
        typeof value !== "number" ||
        (variable.type === "integer" && !Number.isInteger(value)) ||
        (c.min !== undefined && value < c.min) ||
        (c.max !== undefined && value > c.max)
      ) {
        fail(
          "unknown_choice",
          `Le choix « ${String(value)} » de « ${name} » n'est pas une valeur permise pour la variable (${variable.type}).`,
          `Choice "${String(value)}" of "${name}" is not a value the variable allows (${variable.type}).`,
        );
      }
      if (choice && typeof choice === "object" && nonEmpty((choice as { visibleIf?: unknown }).visibleIf)) {
        fail(
          "unsupported_property",
          `Les choix filtrés par condition de « ${name} » ne sont pris en charge que pour une liste de codes.`,
          `Choices filtered by a condition in "${name}" are supported only for a code list.`,
        );
      }
    }
    if (nonEmpty(question.choicesVisibleIf)) {
      fail(
        "unsupported_property",
        `La propriété « choicesVisibleIf » de « ${name} » n'est prise en charge que pour une liste de codes.`,
        `Property "choicesVisibleIf" of "${name}" is supported only for a code list.`,
      );
    }
  }
  if (codeList) {
    const codes = new Set(codeList.items.map((i) => i.code));
    const choices = Array.isArray(question.choices) ? question.choices : [];
    if (choices.length === 0) {
      fail("unknown_choice", `La question « ${name} » ne propose aucun choix.`, `Question "${name}" offers no choice.`);
    }
    for (const choice of choices) {
      const value = choiceValue(choice);
      if (value === undefined || value === null) {
        // survey-core drops such a choice: the form's author meant something else (`val`, a typo).
        fail(
          "unknown_choice",
          `Un choix de « ${name} » n'a pas de valeur (${JSON.stringify(choice)}) : chaque choix porte un code de la liste « ${codeList.code} ».`,
          `A choice of "${name}" has no value (${JSON.stringify(choice)}): each choice carries a code of list "${codeList.code}".`,
        );
      } else if (typeof value !== "string") {
        // survey-core would store the number, never the code « 1 » of the list.
        fail(
          "unknown_choice",
          `Le choix ${String(value)} de « ${name} » est un nombre : les codes d'une liste sont du texte (« ${String(value)} »).`,
          `Choice ${String(value)} of "${name}" is a number: the codes of a list are text ("${String(value)}").`,
        );
      } else if (!codes.has(value)) {
        fail(
          "unknown_choice",
          `Le choix « ${String(value)} » de « ${name} » n'est pas un code de la liste « ${codeList.code} ».`,
          `Choice "${String(value)}" of "${name}" is not a code of list "${codeList.code}".`,
        );
      }
    }
  }
  return problems;
}

/** A choice is a bare value or an object with a `value`. */
export function choiceValue(choice: unknown): unknown {
  return choice && typeof choice === "object" ? (choice as { value?: unknown }).value : choice;
}

/** Patterns are run by ajv with the `u` flag: a pattern that only works without it is refused here, not at run time. */
function checkPattern(pattern: string, fail: (code: CompileProblem["code"], fr: string, en: string) => void, name: string): void {
  try {
    new RegExp(pattern, "u");
  } catch {
    fail(
      "invalid_pattern",
      `L'expression régulière « ${pattern} » de « ${name} » n'est pas valide (syntaxe Unicode d'ECMAScript).`,
      `Regular expression "${pattern}" of "${name}" is not valid (ECMAScript Unicode syntax).`,
    );
  }
}

/** Why an element of this type cannot be compiled, in words that say what would be; `scope`: where it stands. */
export function unsupportedTypeReason(element: MaskElement, scope: MaskQuestion["scope"] = "household"): { fr: string; en: string } {
  const type = typeOf(element);
  const name = typeof element.name === "string" ? element.name : "";
  // A dynamic panel stands anywhere (mask-walker's nestable): only a dynamic matrix inside a repeat comes here.
  if (type === "paneldynamic" || type === "matrixdynamic") {
    return {
      fr: `La matrice dynamique « ${name} » n'est pas prise en charge : elle est dans la répétition « ${scope} », où rsu ne prend en charge qu'un panneau dynamique. Faites-en un panneau dynamique ou placez-la dans les pages ou panneaux du ménage.`,
      en: `Dynamic matrix "${name}" is not supported: it stands in repeat "${scope}", where rsu supports only a dynamic panel. Make it a dynamic panel or place it in the household's pages or panels.`,
    };
  }
  // A type survey-core does not know is a component the form's own application registered (issue #20).
  if (type && !Serializer.findClass(type)) {
    return {
      fr: `Le type de question « ${type} » n'est pas un type SurveyJS : c'est un composant que l'application d'origine du formulaire a enregistré. Remplacez-le par un type standard (text, dropdown, radiogroup, boolean…) avant de publier.`,
      en: `Question type "${type}" is not a SurveyJS type: it is a component the form's original application registered. Replace it with a standard type (text, dropdown, radiogroup, boolean…) before publishing.`,
    };
  }
  return {
    fr: `Le type de question « ${type} » n'est pas pris en charge par rsu (types pris en charge : text, comment, boolean, dropdown, radiogroup, checkbox, tagbox, multipletext, matrix, matrixdropdown, file, signaturepad ; html, image et expression pour l'affichage).`,
    en: `Question type "${type}" is not supported by rsu (supported: text, comment, boolean, dropdown, radiogroup, checkbox, tagbox, multipletext, matrix, matrixdropdown, file, signaturepad; html, image and expression for display).`,
  };
}
