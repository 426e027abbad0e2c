import type { Catalogue } from "../catalogue/types";
import { MEMBERS_ROSTER } from "../contracts/registry";

type Answers = Record<string, unknown>;

/**
 * The answers of a validated submission that enter the registry: those of the catalogue variables its
 * form version was published with (the version's snapshot), household ones at the top and individual
 * ones in the roster. Answers to questions bound to no variable (a consent, a check for the interviewer:
 * schemas/compile/free-questions.ts) stay with the submission only. Pure; the submission is not changed.
 */
export function registryAnswers(data: Answers, snapshot: Catalogue): Answers {
  const household = new Set<string>();
  const individual = new Set<string>();
  for (const v of snapshot.variables) (v.level === "individual" ? individual : household).add(v.code);
  return pickAnswers(data, household, individual);
}

/** The household's answers named in `household` and, in each member of the roster, those named in `member`. */
export function pickAnswers(data: Answers, household: Set<string>, member: Set<string>): Answers {
  const kept = pick(data, household);
  const roster = data[MEMBERS_ROSTER];
  if (Array.isArray(roster)) kept[MEMBERS_ROSTER] = roster.map((m) => (m && typeof m === "object" ? pick(m as Answers, member) : m));
  return kept;
}

function pick(answers: Answers, codes: Set<string>): Answers {
  const kept: Answers = {};
  for (const key of Object.keys(answers)) if (codes.has(key)) kept[key] = answers[key];
  return kept;
}
