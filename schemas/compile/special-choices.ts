import type { CodeList } from "../catalogue/types";
import { problem, typeOf, type MaskElement } from "./mask-walker";
import type { CompileProblem, QuestionRule } from "./types";

/** survey-core's values of the special items (`otherValue`, `noneValue` of QuestionSelectBase). */
export const OTHER_VALUE = "other";
export const NONE_VALUE = "none";

const SELECT_TYPES = new Set(["dropdown", "radiogroup", "checkbox", "tagbox"]);
const MULTIPLE_TYPES = new Set(["checkbox", "tagbox"]);

/** The suffix of the key survey-core stores a question's comment and "other" text under. */
export const COMMENT_SUFFIX = "-Comment";

/** The special items a choice question adds to its own choices: "other" and "none", as survey-core stores them. */
export function specialChoices(question: MaskElement): string[] {
  if (!SELECT_TYPES.has(typeOf(question))) return [];
  return [...(hasOther(question) ? [OTHER_VALUE] : []), ...(question.showNoneItem === true ? [NONE_VALUE] : [])];
}

function hasOther(question: MaskElement): boolean {
  return SELECT_TYPES.has(typeOf(question)) && (question.showOtherItem === true || question.hasOther === true);
}

function hasCommentArea(question: MaskElement): boolean {
  return question.showCommentArea === true || question.hasComment === true;
}

/** What the rules keyword checks of the comment, "other" text and "none" item of one question. */
export function specialRule(question: MaskElement): Pick<QuestionRule, "comment" | "exclusive"> {
  const other = hasOther(question);
  const area = hasCommentArea(question);
  return {
    ...(other || area ? { comment: { ...(area ? { area: true as const } : {}), ...(other ? { other: OTHER_VALUE } : {}) } } : {}),
    ...(MULTIPLE_TYPES.has(typeOf(question)) && question.showNoneItem === true ? { exclusive: [NONE_VALUE] } : {}),
  };
}

/** Whether the question stores a `<name>-Comment` key. */
export function hasCommentKey(question: MaskElement): boolean {
  return hasOther(question) || hasCommentArea(question);
}

/**
 * The special items must be codes of the question's list. With a comment area too, survey-core stores
 * the "other" text as the answer itself, outside any code list (`storeOthersAsComment: false` does the
 * same: mask-properties.ts refuses it).
 */
export function checkSpecialChoices(path: string, question: MaskElement, codeList: CodeList | undefined): CompileProblem[] {
  const name = String(question.name ?? "");
  const codes = new Set(codeList?.items.map((i) => i.code));
  // The registry keeps codes of the list only: "other" and "none" must be codes of it, labelled there.
  const missing = specialChoices(question).filter((value) => codeList && !codes.has(value));
  const problems = missing.map((value) =>
    problem(
      path,
      question,
      "unknown_choice",
      `La question « ${name} » propose le choix spécial « ${value} », qui n'est pas un code de la liste « ${codeList!.code} » : ajoutez-le à la liste.`,
      `Question "${name}" offers the special choice "${value}", which is not a code of list "${codeList!.code}": add it to the list.`,
    ),
  );
  if (!codeList && specialChoices(question).length)
    problems.push(
      problem(
        path,
        question,
        "unsupported_property",
        `Les choix « autre » et « aucun » de la question « ${name} » ne sont pris en charge que pour une liste de codes, pas pour un nombre.`,
        `The "other" and "none" items of question "${name}" are supported only for a code list, not for a number.`,
      ),
    );
  if (!hasOther(question)) return problems;
  const fail = (property: string) =>
    problem(
      path,
      question,
      "unsupported_property",
      `La propriété « ${property} » de la question « ${name} » n'est pas prise en charge par rsu avec « showOtherItem » : le texte « autre » remplacerait la réponse, hors de la liste de codes.`,
      `Property "${property}" of question "${name}" is not supported by rsu with "showOtherItem": the "other" text would replace the answer, outside the code list.`,
    );
  if (hasCommentArea(question)) problems.push(fail("showCommentArea"));
  return problems;
}
