import { compositeParts, isComposite } from "./composite-questions";
import { walkMask } from "./mask-walker";
import type { SurveyJson } from "./types";

/**
 * The names a mask binds to catalogue variables (question name = variable code): every answer-holding
 * question, the columns and questions of every repeat (the roster, plots, livestock) and the parts of
 * composite questions. A published version's catalogue snapshot is cut from these: a variable left out
 * would be dropped from every submission at integration (issue #20: plots were).
 */
export function boundVariableCodes(mask: SurveyJson): string[] {
  const codes = new Set<string>();
  for (const entry of walkMask(mask).questions) {
    const parts = isComposite(entry.question) ? compositeParts(entry) : [];
    for (const { question } of [entry, ...parts]) if (typeof question.name === "string") codes.add(question.name);
  }
  return [...codes];
}
