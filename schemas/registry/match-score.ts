import type { Message } from "../contracts/api";
import type { MatchScore } from "../contracts/review";
import { normalisedPart, phoneticKey, trigramSimilarity } from "./person-names";
import { remembered } from "./remembered";

/** What the score compares on each side. */
export interface ComparablePerson {
  firstName: string | null;
  lastName: string | null;
  sex: string | null;
  birthDate: string | null;
  nin: string | null;
  island: string | null;
  commune: string | null;
}

/**
 * Weights of the total when the NINs do not settle it. The name weighs most but cannot link alone: a
 * homonym born another year, or twins (same birth date, same father's name), must not reach the link
 * threshold. Area weighs little: people move between communes, and the lookup already keeps one island.
 */
const WEIGHTS = { name: 0.5, birthDate: 0.35, sex: 0.1, area: 0.05 } as const;

/**
 * A swapped first/last name is not a harmless typo here: Comorian names are usually « given name + father's
 * given name », so "Said Mohamed" may be the son of "Mohamed Said". It keeps 75 % of its similarity, which
 * puts an otherwise exact match in the review zone rather than linking it.
 */
const SWAPPED_FACTOR = 0.75;
const SAME_SOUND = 0.7;
/** Only one side has both names: the comparison rests on one name, so it counts a little less. */
const ONE_NAME_FACTOR = 0.9;

/** Writes one reason of the score in both languages; absent when only the figures are wanted. */
type Say = ((frText: string, enText: string) => void) | undefined;

/** The explained score of `existing` as a match for `incoming`; every component in [0, 1]. */
export function scorePair(incoming: ComparablePerson, existing: ComparablePerson): MatchScore {
  const explanation: Message[] = [];
  const score = scoreOf(incoming, existing, (frText, enText) => explanation.push({ fr: frText, en: enText }));
  return { ...score, explanation };
}

/**
 * scorePair's figures without its words. A match scores every candidate its lookup read (dozens for a
 * common name) and keeps five: wording the reasons of all of them was most of the score's cost. The
 * reasons are written with `say?.(…)`, whose arguments are not even built when `say` is absent.
 */
export function scoreOf(incoming: ComparablePerson, existing: ComparablePerson, say?: Say): Omit<MatchScore, "explanation"> {
  const nin = incoming.nin && existing.nin ? (sameNin(incoming.nin, existing.nin) ? 1 : 0) : undefined;
  if (nin === 1) say?.(`Même NIN (${existing.nin})`, `Same NIN (${existing.nin})`);
  if (nin === 0) say?.(`NIN différents (${incoming.nin} ≠ ${existing.nin})`, `Different NINs (${incoming.nin} ≠ ${existing.nin})`);

  const name = nameComponent(incoming, existing, say);
  const birthDate = birthDateComponent(incoming.birthDate, existing.birthDate, say);
  const sex = sexComponent(incoming.sex, existing.sex, say);
  const area = areaComponent(incoming, existing, say);
  const weighted = WEIGHTS.name * name + WEIGHTS.birthDate * birthDate + WEIGHTS.sex * sex + WEIGHTS.area * area;
  const total = nin === 1 ? 1 : round(weighted);
  return { total, components: { name, sex, birthDate, ...(nin === undefined ? {} : { nin }), area } };
}

function nameComponent(a: ComparablePerson, b: ComparablePerson, say: Say): number {
  const [af, al, bf, bl] = [a.firstName, a.lastName, b.firstName, b.lastName].map(normalisedPart) as [string, string, string, string];
  const direct = bothNames(partSimilarity(af, bf), partSimilarity(al, bl));
  const swapped = round(SWAPPED_FACTOR * bothNames(partSimilarity(af, bl), partSimilarity(al, bf)));
  if (swapped > direct) {
    say?.(`Prénom et nom inversés (${fr(swapped)}) : ${shown(a, b)}`, `First and last names swapped (${en(swapped)}): ${shown(a, b)}`);
    return swapped;
  }
  if (direct === 1)
    say?.(
      `Mêmes noms après normalisation (${[af, al].join(" ")}) : ${shown(a, b)}`,
      `Same names once normalised (${[af, al].join(" ")}): ${shown(a, b)}`,
    );
  else if (direct >= 0.5) say?.(`Noms proches (${fr(direct)}) : ${shown(a, b)}`, `Similar names (${en(direct)}): ${shown(a, b)}`);
  else say?.(`Noms différents (${fr(direct)}) : ${shown(a, b)}`, `Different names (${en(direct)}): ${shown(a, b)}`);
  return direct;
}

/**
 * Similarity of one name part, null when either side lacks it. Two spellings with the same consonant
 * skeleton (Zaharia/Zahariya, Combo/Kombo) sound alike but share few trigrams: they count at least
 * `SAME_SOUND`, enough with a matching birth date for review, never for a link on their own.
 */
function partSimilarity(a: string, b: string): number | null {
  if (!a || !b) return null;
  if (a === b) return 1;
  return Math.max(trigramSimilarity(a, b), phoneticKey(a) === phoneticKey(b) ? SAME_SOUND : 0);
}

/** The weaker of the two names decides: twins share their father's name but not their own. */
function bothNames(first: number | null, last: number | null): number {
  if (first === null && last === null) return 0;
  if (first === null || last === null) return round(ONE_NAME_FACTOR * (first ?? last)!);
  return round(Math.min(first, last));
}

function birthDateComponent(a: string | null, b: string | null, say: Say): number {
  if (!a || !b) {
    say?.("Date de naissance inconnue d'un côté", "Birth date unknown on one side");
    return 0.5;
  }
  const score = birthDateCloseness(a, b);
  if (score === 1) say?.(`Même date de naissance (${a})`, `Same birth date (${a})`);
  else say?.(`Dates de naissance ${a} et ${b} (${fr(score)})`, `Birth dates ${a} and ${b} (${en(score)})`);
  return score;
}

/**
 * 1 same date; 0.8 day and month swapped; 0.6 another day of the same month (a slip, but a homonym
 * born the same month is as likely: at 1,000,000 individuals they made exact matches ambiguous), or the
 * same year when one date is a placeholder for an unknown day (01-01, 07-01, 12-31: only the year or
 * the age was known);
 * 0.5 year off by one with the same day and month (a typo in the year); 0.3 year off by one against a
 * placeholder (an age rounded); 0 otherwise. Two precise dates months apart count nothing: with names this
 * common (a tenth of men are called Mohamed) they are homonyms far more often than the same person, and
 * counting them made a review item of most new people in the benchmark (bench/README.md).
 */
export function birthDateCloseness(a: string, b: string): number {
  const { y: ya, m: ma, d: da, placeholder: pa } = dayOf(a);
  const { y: yb, m: mb, d: db, placeholder: pb } = dayOf(b);
  const placeholder = pa || pb;
  if (ya === yb && ma === mb && da === db) return 1;
  if (ya === yb && ma === db && da === mb) return 0.8;
  if (ya === yb && (ma === mb || placeholder)) return 0.6;
  if (Math.abs(ya - yb) === 1) return ma === mb && da === db ? 0.5 : placeholder ? 0.3 : 0;
  return 0;
}

/** Month-day written when only the year is known. */
const PLACEHOLDER_DAYS = new Set(["01-01", "07-01", "12-31"]);

/** Every birth date of a century: remembered per date, they are never forgotten for want of room. */
const DISTINCT_DAYS = 40_000;

/** A YYYY-MM-DD date's numbers, parsed once per distinct date: every candidate's is compared. */
const dayOf = remembered((date: string) => {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return { y, m, d, placeholder: PLACEHOLDER_DAYS.has(date.slice(5)) };
}, DISTINCT_DAYS);

/**
 * The birth dates to which `birthDateCloseness(date, ·)` gives more than 0, as date ranges (inclusive): the
 * lookup reads only those from the index (block_key, birth_date, island). Without a birth date contribution a
 * candidate cannot reach the review threshold (name + sex + area ≤ 0.65), so nothing is lost by it.
 */
export function plausibleBirthDates(date: string): readonly (readonly [from: string, to: string])[] {
  return plausibleDays(date);
}

/** Remembered per date: people born the same day share their list (callers only read it). */
const plausibleDays = remembered((date: string): [from: string, to: string][] => {
  const { y, m, d, placeholder } = dayOf(date);
  if (placeholder) return [[`${y - 1}-01-01`, `${y + 1}-12-31`]];
  const points = [
    [y, d, m],
    ...[y - 1, y, y + 1].flatMap((year) => [...PLACEHOLDER_DAYS].map((md) => [year, ...md.split("-").map(Number)])),
    [y - 1, m, d],
    [y + 1, m, d],
  ]
    .map(([yy, mm, dd]) => isoDay(yy!, mm!, dd!))
    .filter((p): p is string => p !== null);
  return [[isoDay(y, m, 1)!, isoDay(y, m + 1, 0)!], ...points.map((p): [string, string] => [p, p])];
}, DISTINCT_DAYS);

/**
 * YYYY-MM-DD of a real day (day 0 = the last day of the month before), null for 31 April and the like.
 * Plain arithmetic rather than a Date: the lookup calls it a dozen times for every person it matches.
 */
function isoDay(y: number, m: number, d: number): string | null {
  if (d === 0 && m >= 1 && m <= 13) [y, m, d] = m === 1 ? [y - 1, 12, 31] : [y, m - 1, daysInMonth(y, m - 1)];
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return `${String(y).padStart(4, "0")}-${m < 10 ? "0" : ""}${m}-${d < 10 ? "0" : ""}${d}`;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

function sexComponent(a: string | null, b: string | null, say: Say): number {
  if (!a || !b) return 0.5;
  if (a === b) {
    say?.("Même sexe", "Same sex");
    return 1;
  }
  say?.("Sexe différent", "Different sex");
  return 0;
}

function areaComponent(a: ComparablePerson, b: ComparablePerson, say: Say): number {
  if (a.commune && a.commune === b.commune) {
    say?.(`Même commune (${a.commune})`, `Same commune (${a.commune})`);
    return 1;
  }
  if (a.island && a.island === b.island) {
    say?.("Même île, autre commune", "Same island, another commune");
    return 0.5;
  }
  return a.island && b.island ? 0 : 0.5;
}

function sameNin(a: string, b: string): boolean {
  return a.replace(/[\s-]/g, "").toUpperCase() === b.replace(/[\s-]/g, "").toUpperCase();
}

function shown(a: ComparablePerson, b: ComparablePerson): string {
  return `${fullName(a)} ≈ ${fullName(b)}`;
}

function fullName(p: ComparablePerson): string {
  return [p.firstName, p.lastName].filter(Boolean).join(" ") || "?";
}

const round = (x: number) => Math.round(x * 100) / 100;
const en = (x: number) => x.toFixed(2);
const fr = (x: number) => x.toFixed(2).replace(".", ",");
