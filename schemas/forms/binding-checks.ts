/**
 * Binding checks of a draft mask against the catalogue (issue #5): what the designer shows as errors on
 * each question, and what blocks publishing. Pure. The compiler is the single judge of whether a mask
 * fits the catalogue (types, levels, duplicates, choices, unsupported types…): its problems are mapped
 * here to the wire codes, so a draft declared publishable always compiles. Only what the compiler does
 * not judge is added: deprecated variables (a published version may keep one, a new one may not), and
 * the warning on questions bound to no variable.
 */
import type { Catalogue } from "../catalogue/types";
import { compile, CompileError, type CompileProblem, type SurveyJson } from "../compile";
import { walkMask } from "../compile/mask-walker";
import type { Message } from "../contracts/api";
import type { BindingError, BindingWarning, DraftCheck } from "../contracts/forms";

/** Compiler codes renamed to the words the designer speaks; the others pass through unchanged. */
const WIRE_CODE: Partial<Record<CompileProblem["code"], string>> = {
  duplicate_binding: "bound_twice",
  unknown_choice: "choice_not_in_code_list",
};

export function checkDraft(mask: SurveyJson, catalogue: Catalogue): DraftCheck {
  const errors: BindingError[] = [...emptyMask(mask), ...deprecatedBindings(mask, catalogue)];
  try {
    compile(mask, catalogue);
  } catch (error) {
    if (!(error instanceof CompileError)) throw error;
    errors.push(...error.problems.map(toBindingError));
  }
  return { publishable: errors.length === 0, errors, warnings: unboundQuestions(mask, catalogue) };
}

/** Questions the compiler checks from their own definition (free-questions.ts): allowed, but their answers stay out of the registry. */
function unboundQuestions(mask: SurveyJson, catalogue: Catalogue): BindingWarning[] {
  const known = new Set(catalogue.variables.map((v) => v.code));
  return namedQuestions(
    mask,
    (name) => !known.has(name),
    "unbound_question",
    (name) => ({
      fr: `La question « ${name} » n'est liée à aucune variable du catalogue : sa réponse est vérifiée et gardée avec l'envoi, mais n'entre pas dans le registre.`,
      en: `Question "${name}" is bound to no catalogue variable: its answer is checked and kept with the submission, but does not enter the registry.`,
    }),
  );
}

/** One problem per question whose name passes `test`, at the question. */
function namedQuestions(
  mask: SurveyJson,
  test: (name: string) => boolean,
  code: string,
  message: (name: string) => Message,
): BindingError[] {
  return walkMask(mask).questions.flatMap(({ question, path }) => {
    const name = question.name;
    return typeof name === "string" && name !== "" && test(name) ? [{ question: name, pointer: path, code, message: message(name) }] : [];
  });
}

function toBindingError(p: CompileProblem): BindingError {
  return { question: p.name ?? "", pointer: p.path, code: WIRE_CODE[p.code] ?? p.code, message: p.message };
}

/** A mask that asks nothing can be saved while it is being built, never published. */
function emptyMask(mask: SurveyJson): BindingError[] {
  const walked = walkMask(mask);
  if (walked.questions.length || walked.roster) return [];
  return [
    {
      question: "",
      pointer: "",
      code: "empty_mask",
      message: {
        fr: "Le masque ne pose aucune question : ajoutez-en au moins une avant de le publier.",
        en: "The mask asks no question: add at least one before publishing it.",
      },
    },
  ];
}

function deprecatedBindings(mask: SurveyJson, catalogue: Catalogue): BindingError[] {
  const deprecated = new Set(catalogue.variables.filter((v) => v.status === "deprecated").map((v) => v.code));
  return namedQuestions(
    mask,
    (name) => deprecated.has(name),
    "deprecated_variable",
    (name) => ({
      fr: `La variable « ${name} » est dépréciée : un nouveau masque ne peut plus la recueillir.`,
      en: `Variable "${name}" is deprecated: a new mask can no longer collect it.`,
    }),
  );
}
