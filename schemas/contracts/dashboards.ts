/**
 * Dashboards (issue #17): counts over the registry's current state for one area, broken down by the level
 * below it. Only aggregates: no row of a household or person is ever in these answers.
 */
export const AREA_LEVELS = ["country", "island", "prefecture", "commune"] as const;
export type AreaLevel = (typeof AREA_LEVELS)[number];
export type ChildLevel = "island" | "prefecture" | "commune" | "village";

export interface DashboardFigures {
  level: AreaLevel;
  area: string | null;
  /** The level the `byArea` rows are codes of. */
  childLevel: ChildLevel;
  /** Window, in days, of the submissions per day and the integration lag. */
  days: number;
  households: number;
  individuals: number;
  byArea: { code: string | null; households: number; individuals: number }[];
  householdSizes: { size: number; households: number }[];
  /**
   * Five-year age bands (`band` is the first year; 80 means 80 or more), by sex code. `individuals` is null
   * in a cell of fewer than `pyramidMinCell` people.
   */
  pyramid: { band: number; sex: string | null; individuals: number | null }[];
  /** Cells under this count are hidden (null) because the user's roles may not read personal data; null: every cell is exact. */
  pyramidMinCell: number | null;
  submissionsPerDay: { day: string; submissions: number }[];
  integration: { pending: number; integrated: number; lagSeconds: { p50: number | null; p95: number | null; max: number | null } };
  /** Review items not decided yet, by kind. */
  review: { kind: string; open: number }[];
}

/**
 * In a small commune, an age-sex cell of one or two people points at a person (« the only woman over 80 in
 * this village »): who may not read personal data sees cells under this count hidden, not their number.
 */
export const PYRAMID_MIN_CELL = 5;

/** The pyramid with its cells of 1 to `min` − 1 people hidden (null); empty cells are never listed, so none reveals anything. */
export function hideSmallCells(pyramid: DashboardFigures["pyramid"], min: number): DashboardFigures["pyramid"] {
  return pyramid.map((cell) => (cell.individuals !== null && cell.individuals < min ? { ...cell, individuals: null } : cell));
}

export const INDICATOR_BREAKDOWNS = ["area", "sex", "none"] as const;
export type IndicatorBreakdown = (typeof INDICATOR_BREAKDOWNS)[number];

/** One catalogue variable, counted by value (choices, yes/no) or summed up (numbers), per group of the breakdown. */
export interface IndicatorFigures {
  variable: string;
  breakdown: IndicatorBreakdown;
  /** `group` is the child area's code, the sex code, or null without breakdown. */
  counts: { group: string | null; value: string | null; count: number }[];
  /** For numbers: how many answered, their mean, smallest and largest, per group. */
  summary: { group: string | null; answered: number; mean: number | null; min: number | null; max: number | null }[];
}
