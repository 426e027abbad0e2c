import type { Message } from "../contracts/api";

/** A JSON Schema (2020-12) document or subschema, as plain JSON. */
export type JsonSchema = { [keyword: string]: unknown };

/** A SurveyJS survey JSON: the entry mask as administrators design it. */
export type SurveyJson = { [property: string]: unknown };

/** One reason a mask cannot be compiled against the catalogue: where, what, why. */
export interface CompileProblem {
  /** Path of the element in the mask, e.g. `pages[2].elements[0].templateElements[3]`. */
  path: string;
  /** The question's name when there is one. */
  name?: string;
  code: string;
  message: Message;
}

export class CompileError extends Error {
  constructor(readonly problems: CompileProblem[]) {
    super(`the mask does not fit the catalogue: ${problems.map((p) => `${p.path} ${p.code}`).join("; ")}`);
  }
}

/**
 * The survey logic of one question, kept in the compiled schema under the `x-rsu-rules` keyword of the
 * object holding the answer, and evaluated with survey-core's own expression engine (rules-keyword.ts).
 */
export interface QuestionRule {
  name: string;
  /** Conditions that must all hold for the question to be shown: its panels' and page's, then its own. */
  visibleIf?: string[];
  required?: boolean;
  requiredIf?: string;
  /** For choice questions: the condition that shows each choice value that has one. */
  choiceVisibleIf?: Record<string, string>;
  /** For choice questions: a condition on `{item}` shared by all choices. */
  choicesVisibleIf?: string;
  /** For a list that refines another (commune → prefecture): the question answering the parent list, and each code's parent. */
  parent?: { question: string; of: Record<string, string> };
}

export const RULES_KEYWORD = "x-rsu-rules";
