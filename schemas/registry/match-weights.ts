import type { BirthDateLevel } from "./birth-dates";

/**
 * The person-matching model (issue #14): Fellegi–Sunter match weights, as Splink computes them. Each
 * comparison of two records falls in one level; `m` is the chance of that level when both records are one
 * person, `u` when they are two people drawn at random; the level adds log2(m / u) bits of evidence.
 * For an exact name or birth date, u is how common that value is in the registry (term frequency,
 * `Frequencies`): a shared « Mohamed » is weak evidence, a shared rare name strong. The m values are
 * estimates of clerks' errors (bench/match-quality.ts measures what they give on a corpus with planted
 * duplicates); the u values of the other levels are what random pairs of the demo registry give.
 */
export type Mu = readonly [m: number, u: number];

export type NameLevel = "exact" | "close" | "neighbour" | "different";
export type SexLevel = "same" | "different";
export type AreaLevel = "sameCommune" | "sameIsland" | "otherIsland";
export type NinLevel = "same" | "different";

/** One name part (first or last name, normalised); `exact`'s u is the name's frequency (DEFAULT_U.name without one). */
export const NAME: Record<Exclude<NameLevel, "exact">, Mu> & { exact: number } = {
  exact: 0.85,
  /** Same consonant skeleton or trigram similarity ≥ 0.5 (Zaharia / Zahariya, a typo). */
  close: [0.1, 0.015],
  /** Trigram similarity from 0.3 to 0.5. */
  neighbour: [0.03, 0.05],
  different: [0.002, 0.93],
};

/**
 * First and last name swapped, on top of the two names compared crosswise: a clerk swaps them in a few
 * re-registrations in a hundred, but « Said Mohamed » may also be the son of « Mohamed Said » (Comorian
 * names are « given name + father's given name »). log2(0.03) bits, and never a link on its own (match-decision.ts).
 */
export const SWAPPED_M = 0.03;

/** `exact`'s u is the date's frequency (DEFAULT_U.birthDate without one); the others as birth-dates.ts defines them. */
export const BIRTH_DATE: Record<Exclude<BirthDateLevel, "exact">, Mu> & { exact: number } = {
  exact: 0.8,
  dayMonthSwapped: [0.02, 0.00007],
  sameMonth: [0.03, 0.0014],
  sameYear: [0.03, 0.0034],
  yearOff: [0.06, 0.00014],
  yearOffRounded: [0.01, 0.03],
  different: [0.05, 0.97],
};

export const SEX: Record<SexLevel, Mu> = { same: [0.97, 0.5], different: [0.03, 0.5] };

/** People move within their island; 27 communes in three islands. */
export const AREA: Record<AreaLevel, Mu> = { sameCommune: [0.75, 0.04], sameIsland: [0.22, 0.3], otherIsland: [0.03, 0.66] };

/** A national ID names one person; a different one is a typo or a homonym. */
export const NIN: Record<NinLevel, Mu> = { same: [0.95, 1e-7], different: [0.03, 1] };

/** u of an exact match without a frequency: the mean chance that two random people share the value. */
export const DEFAULT_U = { name: 0.035, birthDate: 1 / 15_000 } as const;
/** A value the registry has never seen counts as this rare at most (a typo is not a rare name; a century has 36,500 days). */
export const MIN_U = { name: 1e-4, birthDate: 1 / 40_000 } as const;

/**
 * The prior: a share ALREADY_REGISTERED of the people a clerk registers are in the registry already, each
 * as one of its `people` records, so a candidate starts at log2(ALREADY_REGISTERED / people) bits and
 * the evidence must grow with the registry (more homonyms). A registry is counted as at least
 * MIN_REGISTRY people: a new one fills within weeks, and a link made on its first day stays.
 */
export const ALREADY_REGISTERED = 0.25;
export const MIN_REGISTRY = 10_000;

/**
 * How common each value is in the registry (api/registry/matching/name-frequencies.ts keeps it): counts of
 * normalised first names, last names and birth dates among `people` records. Below MIN_FREQUENCY_PEOPLE
 * the counts say too little and the default u values are used.
 */
export interface Frequencies {
  people: number;
  firstNames: Readonly<Record<string, number>>;
  lastNames: Readonly<Record<string, number>>;
  birthDates: Readonly<Record<string, number>>;
}

export const MIN_FREQUENCY_PEOPLE = 1_000;

export const NO_FREQUENCIES: Frequencies = Object.freeze({ people: 0, firstNames: {}, lastNames: {}, birthDates: {} });

/** u of an exact match on a name or a date `value` (its share of the registry), or the default when the registry is too small to say. */
export function exactU(frequencies: Frequencies, kind: "firstNames" | "lastNames" | "birthDates", value: string): number {
  const type = kind === "birthDates" ? "birthDate" : "name";
  if (frequencies.people < MIN_FREQUENCY_PEOPLE) return DEFAULT_U[type];
  return Math.max((frequencies[kind][value] ?? 0) / frequencies.people, MIN_U[type]);
}

/** The number of people the prior counts (MIN_REGISTRY at least). */
export const registrySize = (frequencies: Frequencies): number => Math.max(frequencies.people, MIN_REGISTRY);

export const priorWeight = (frequencies: Frequencies): number => Math.log2(ALREADY_REGISTERED / registrySize(frequencies));

export const bits = ([m, u]: Mu): number => Math.log2(m / u);

/** The probability a total weight (in bits, the prior included) stands for. */
export const probability = (weight: number): number => 1 / (1 + 2 ** -weight);
