import type { Catalogue } from "../../../schemas/catalogue/types";
import { compositeParts, isComposite, requiredParts } from "../../../schemas/compile/composite-questions";
import { extend, nonEmpty, type MaskQuestion, type WalkResult } from "../../../schemas/compile/mask-walker";
import { MEMBERS_ROSTER } from "../../../schemas/contracts/registry";
import { type Asked, describeAsked } from "./asked";

/**
 * Where the response generator puts answers besides the household's own (issue #20): the records of each
 * repeat (the roster, and the dynamic panels and matrices of other units: plots, livestock), and the
 * parts of composite questions (a matrix's rows, a matrixdropdown's cells, a multiple text's items).
 */

/** A list of records the household holds: the roster, or a unit's dynamic panel or matrix. */
export interface RecordList {
  name: string;
  min: number;
  max: number;
  visibleIf: string[];
  hidden: boolean;
}

/** A page, panel or composite question that wants an answer among its shown questions (schemas/compile/required-groups.ts). */
export interface Group {
  scope: MaskQuestion["scope"];
  visibleIf: string[];
  hidden: boolean;
  required: boolean;
  requiredIf?: string;
  questions: string[];
}

export function recordLists(walked: WalkResult): RecordList[] {
  return walked.repeats.map((repeat) => {
    const q = repeat.question;
    const name = String(q.name);
    // The roster is always there and has someone in it: the generator has always answered it so.
    if (name === MEMBERS_ROSTER)
      return {
        name,
        min: Math.max(1, Number(q.minPanelCount ?? 0)),
        max: Math.min(6, Number(q.maxPanelCount ?? 0) || 6),
        visibleIf: [],
        hidden: false,
      };
    const own = extend(repeat.chain, q);
    const [least, most] = repeat.record === "panel" ? [q.minPanelCount, q.maxPanelCount] : [q.minRowCount, q.maxRowCount];
    const min = Math.max(Number(least ?? 0) || 0, q.isRequired === true ? 1 : 0);
    return { name, min, max: Math.max(min, Math.min(4, Number(most ?? 0) || 4)), visibleIf: own.visibleIf, hidden: own.hidden };
  });
}

/**
 * The answers asked by a question: itself when bound to a variable, else each part of a composite question
 * bound to one. `inRow`: the question is a dynamic matrix's column, its answers cells.
 */
export function askedBy(entry: MaskQuestion, catalogue: Catalogue, surveyMaxLength: unknown, inRow: boolean): Asked[] {
  const variables = new Map(catalogue.variables.map((v) => [v.code, v]));
  const lists = new Map(catalogue.codeLists.map((l) => [l.code, l]));
  const codesOf = (code: string) => {
    const list = variables.get(code)?.codeList;
    return list ? (lists.get(list)?.items.map((i) => i.code) ?? []) : [];
  };
  if (!isComposite(entry.question)) {
    const variable = variables.get(String(entry.question.name));
    return variable ? [describeAsked(entry, variable, codesOf(variable.code), surveyMaxLength, { cell: inRow })] : [];
  }
  const owner = String(entry.question.name);
  const required = new Set(requiredParts(entry.question).map((at) => at.join("\u0000")));
  // A part is shown while its question is: the question's own conditions join the chain it stands in.
  const chain = extend(entry.chain, entry.question);
  return compositeParts(entry).flatMap((part) => {
    const variable = variables.get(String(part.question.name));
    if (!variable) return [];
    return [
      describeAsked({ ...part, chain }, variable, codesOf(variable.code), surveyMaxLength, {
        path: [owner, ...part.at],
        question: owner,
        required: required.has(part.at.join("\u0000")),
        cell: true,
      }),
    ];
  });
}

/** A required composite question wants at least one of its parts answered, like a required panel. */
export function compositeGroup(entry: MaskQuestion): Group | undefined {
  const q = entry.question;
  const requiredIf = nonEmpty(q.requiredIf);
  if (!isComposite(q) || (q.isRequired !== true && !requiredIf)) return undefined;
  const own = extend(entry.chain, q);
  return {
    scope: entry.scope,
    visibleIf: own.visibleIf,
    hidden: own.hidden,
    required: q.isRequired === true,
    ...(requiredIf ? { requiredIf } : {}),
    questions: [String(q.name)],
  };
}
