import type { Catalogue } from "../catalogue/types";
import { cellVariable } from "../compile/composite-questions";
import { MEMBERS_ROSTER } from "../contracts/registry";

type Answers = Record<string, unknown>;

/** Where survey-core stores a question's comment area or "other" text: beside the answer, `<code>-Comment`. */
const COMMENT_SUFFIX = "-Comment";

/**
 * The answers of a validated submission that enter the registry: those of the catalogue variables its
 * form version was published with (the version's snapshot), household ones at the top, individual
 * ones in the roster, and those of another unit in the household's list of that unit's records (`plots`:
 * a dynamic panel or matrix of that name; a record's own lists of sub-records in the record), each with its comment or "other" text. A multiple text's items (a matrix's rows, a
 * matrixdropdown's cells) are variables of their own, asked together: they are kept as the household's (or member's) answers, not as an object.
 * Answers to questions bound to no variable (a consent, a check for the interviewer:
 * schemas/compile/free-questions.ts) stay with the submission only. Pure; the submission is not changed.
 */
export function registryAnswers(data: Answers, snapshot: Catalogue): Answers {
  // The roster holds individuals; any other repeat holds records of the unit it is named after (plots, livestock).
  const byList = new Map<string, Set<string>>();
  const household = new Set<string>();
  for (const v of snapshot.variables) {
    if (v.level === "household") household.add(v.code);
    else {
      const list = v.level === "individual" ? MEMBERS_ROSTER : v.level;
      if (!byList.has(list)) byList.set(list, new Set());
      byList.get(list)!.add(v.code);
    }
  }
  const kept = pick(lifted(data, household), household);
  for (const [list, codes] of byList) {
    const records = data[list];
    if (Array.isArray(records)) kept[list] = recordsOf(records, codes, byList, new Set([list]));
  }
  return kept;
}

/** A unit's records, each with its own variables and the lists of sub-records it holds (plots → harvests), at any depth. */
function recordsOf(records: unknown[], codes: Set<string>, byList: Map<string, Set<string>>, within: Set<string>): unknown[] {
  return records.map((r) => {
    if (!r || typeof r !== "object") return r;
    const record = r as Answers;
    const kept = pick(lifted(record, codes), codes);
    for (const [list, inner] of byList) {
      // The roster's members are the registry's individuals, never a record's list; a unit never holds itself.
      if (list === MEMBERS_ROSTER || within.has(list) || !Array.isArray(record[list])) continue;
      kept[list] = recordsOf(record[list] as unknown[], inner, byList, new Set([...within, list]));
    }
    return kept;
  });
}

/** The household's answers named in `household` and, in each member of the roster, those named in `member`. */
export function pickAnswers(data: Answers, household: Set<string>, member: Set<string>): Answers {
  const kept = pick(data, household);
  const roster = data[MEMBERS_ROSTER];
  if (Array.isArray(roster)) kept[MEMBERS_ROSTER] = roster.map((m) => (m && typeof m === "object" ? pick(m as Answers, member) : m));
  return kept;
}

/** The answers with those of each composite question (an object of variables' answers) brought up beside the others. */
function lifted(answers: Answers, codes: Set<string>): Answers {
  let result = answers;
  for (const [key, value] of Object.entries(answers)) {
    if (codes.has(key) || !value || typeof value !== "object" || Array.isArray(value)) continue;
    result = result === answers ? { ...answers } : result;
    for (const [item, answer] of Object.entries(value as Answers)) {
      if (codes.has(item) && !(item in result)) result[item] = answer;
      // A matrixdropdown's row: its cells are the variables `<row>_<column>`.
      if (!answer || typeof answer !== "object" || Array.isArray(answer)) continue;
      for (const [column, cell] of Object.entries(answer as Answers)) {
        const code = cellVariable(item, column);
        if (codes.has(code) && !(code in result)) result[code] = cell;
      }
    }
  }
  return result;
}

function pick(answers: Answers, codes: Set<string>): Answers {
  const kept: Answers = {};
  for (const key of Object.keys(answers))
    if (codes.has(key) || (key.endsWith(COMMENT_SUFFIX) && codes.has(key.slice(0, -COMMENT_SUFFIX.length)))) kept[key] = answers[key];
  return kept;
}
