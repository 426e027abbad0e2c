import type { MemberColumns } from "../contracts/api";
import { HEAD_OF_HOUSEHOLD, HOUSEHOLD_KEY_VARIABLES, INDIVIDUAL_KEY_VARIABLES, MEMBERS_ROSTER } from "../contracts/registry";
import type { Catalogue } from "../catalogue/types";
import { registryAnswers } from "./registry-answers";
import { searchKey } from "./search-key";
import { personKeys, type PersonKeys } from "./person-keys";

type Answers = Record<string, unknown>;

export interface HouseholdRecord {
  island: string | null;
  prefecture: string | null;
  commune: string | null;
  village: string | null;
  headName: string | null;
  searchName: string | null;
  attributes: Answers;
}

/** A member's typed columns; the matching keys (issue #6) are derived from its names and birth date. */
export interface IndividualRecord extends PersonKeys, MemberColumns {}

/**
 * Splits a validated submission into the registry's rows: key answers go to typed columns, every other
 * answer stays in `attributes` under its variable code, so no answer is lost and none is stored twice.
 */
export function householdFromSubmission(data: Answers): { household: HouseholdRecord; members: IndividualRecord[] } {
  const { [MEMBERS_ROSTER]: roster, ...householdAnswers } = data;
  const [keys, attributes] = take(householdAnswers, Object.values(HOUSEHOLD_KEY_VARIABLES));
  const members = (Array.isArray(roster) ? (roster as Answers[]) : []).map(individualFromPanel);
  return {
    household: {
      island: text(keys[HOUSEHOLD_KEY_VARIABLES.island]),
      prefecture: text(keys[HOUSEHOLD_KEY_VARIABLES.prefecture]),
      commune: text(keys[HOUSEHOLD_KEY_VARIABLES.commune]),
      village: text(keys[HOUSEHOLD_KEY_VARIABLES.village]),
      ...headNameOf(members),
      attributes,
    },
    members,
  };
}

/** The head's name as the household row carries it, and its search key. */
export function headNameOf(members: { firstName: string | null; lastName: string | null; relationToHead: string | null }[]) {
  const head = members[headIndex(members)];
  const headName = head ? [head.firstName, head.lastName].filter(Boolean).join(" ") || null : null;
  return { headName, searchName: headName ? searchKey(headName) : null };
}

/**
 * What a submission changes in the registry: its answers to the catalogue variables its form version was
 * published with (`snapshot`), split into rows. Answers to questions bound to no variable stay with the
 * submission.
 */
export function registryRecord(data: Answers, snapshot: Catalogue): { household: HouseholdRecord; members: IndividualRecord[] } {
  return householdFromSubmission(registryAnswers(data, snapshot));
}

/** Where the head stands in the roster: the member said to be head, else the first; -1 for no member. */
export function headIndex(members: { relationToHead: string | null }[]): number {
  const head = members.findIndex((m) => m.relationToHead === HEAD_OF_HOUSEHOLD);
  return head >= 0 ? head : members.length ? 0 : -1;
}

function individualFromPanel(panel: Answers, index: number): IndividualRecord {
  const [keys, attributes] = take(panel, Object.values(INDIVIDUAL_KEY_VARIABLES));
  const v = INDIVIDUAL_KEY_VARIABLES;
  const names = { firstName: text(keys[v.firstName]), lastName: text(keys[v.lastName]), birthDate: text(keys[v.birthDate]) };
  return {
    lineNumber: index + 1,
    ...names,
    sex: text(keys[v.sex]),
    nin: text(keys[v.nin]),
    relationToHead: text(keys[v.relationToHead]),
    attributes,
    ...personKeys(names),
  };
}

/** Separates the named answers from the rest. */
function take(answers: Answers, names: string[]): [Answers, Answers] {
  const picked: Answers = {};
  const rest: Answers = {};
  for (const [name, value] of Object.entries(answers)) (names.includes(name) ? picked : rest)[name] = value;
  return [picked, rest];
}

function text(value: unknown): string | null {
  if (value === undefined || value === null || value === "") return null;
  return String(value).trim();
}
