/**
 * Which catalogue variables feed the registry's typed key columns. Every other answer is kept in the
 * row's `attributes` (jsonb keyed by variable code); these few are copied into columns because the
 * registry searches, filters and matches on them.
 */
export const HOUSEHOLD_KEY_VARIABLES = {
  island: "island",
  prefecture: "prefecture",
  commune: "commune",
  village: "village",
} as const;

export const INDIVIDUAL_KEY_VARIABLES = {
  firstName: "first_name",
  lastName: "last_name",
  sex: "sex",
  birthDate: "birth_date",
  nin: "nin",
  relationToHead: "relation_to_head",
} as const;

/** The roster: a dynamic panel named `members`, one panel per individual of the household. */
export const MEMBERS_ROSTER = "members";

/** Code of `relation_to_head` that designates the head of household (code list `relation`). */
export const HEAD_OF_HOUSEHOLD = "01";

/**
 * The head's name as the answers give it: the member related to the head as "01", else the first line. Read
 * by the clerk's list of submissions and by the runtime's screen after sending, to name the household (#21).
 */
export function headNameInAnswers(data: Record<string, unknown>): string | null {
  const roster = Array.isArray(data[MEMBERS_ROSTER]) ? (data[MEMBERS_ROSTER] as Record<string, unknown>[]) : [];
  const head = roster.find((m) => m?.[INDIVIDUAL_KEY_VARIABLES.relationToHead] === HEAD_OF_HOUSEHOLD) ?? roster[0];
  if (!head || typeof head !== "object") return null;
  const { firstName, lastName } = INDIVIDUAL_KEY_VARIABLES;
  const name = [head[firstName], head[lastName]].filter((part) => typeof part === "string" && part).join(" ");
  return name || null;
}
