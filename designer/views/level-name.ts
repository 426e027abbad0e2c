import { t, tCode } from "../i18n";

/** The two levels every catalogue has; any other level is a unit of records (plots, livestock: issue #20). */
const BUILT_IN_LEVELS = ["household", "individual"] as const;

/** A level's name in the reader's language: « Ménage », « Individu », or « Enregistrements « plots » » for a unit. */
export const levelName = (level: string) =>
  (BUILT_IN_LEVELS as readonly string[]).includes(level) ? tCode("level_", level) : t("levelUnit", { unit: level });

/** Household, individual, then each unit in alphabetical order, each with its name: the choices of a level select. */
export function levelChoices(units: Iterable<string>): { value: string; text: string }[] {
  const others = [...new Set(units)].filter((unit) => !(BUILT_IN_LEVELS as readonly string[]).includes(unit)).sort();
  return [...BUILT_IN_LEVELS, ...others].map((value) => ({ value, text: levelName(value) }));
}
