import { remembered } from "./remembered";

/**
 * How two birth dates compare, as a level of the match model (match-weights.ts):
 * - `exact` the same day;
 * - `dayMonthSwapped` day and month swapped, same year (01/05 for 05/01);
 * - `sameMonth` another day of the same month (a slip, but a homonym born that month is as likely);
 * - `sameYear` the same year when one date is a placeholder for an unknown day (01-01, 07-01, 12-31: only the
 *   year or the age was known);
 * - `yearOff` the year off by one, same day and month (a typo in the year);
 * - `yearOffRounded` the year off by one against a placeholder (an age rounded);
 * - `different` anything else: two precise dates months apart are homonyms far more often than one person.
 */
export type BirthDateLevel = "exact" | "dayMonthSwapped" | "sameMonth" | "sameYear" | "yearOff" | "yearOffRounded" | "different";

export function birthDateLevel(a: string, b: string): BirthDateLevel {
  const { y: ya, m: ma, d: da, placeholder: pa } = dayOf(a);
  const { y: yb, m: mb, d: db, placeholder: pb } = dayOf(b);
  const placeholder = pa || pb;
  if (ya === yb && ma === mb && da === db) return "exact";
  if (ya === yb && ma === db && da === mb) return "dayMonthSwapped";
  if (ya === yb && ma === mb) return "sameMonth";
  if (ya === yb && placeholder) return "sameYear";
  if (Math.abs(ya - yb) === 1) return ma === mb && da === db ? "yearOff" : placeholder ? "yearOffRounded" : "different";
  return "different";
}

/** Each level as a closeness in [0, 1], the bar a supervisor sees. */
const CLOSENESS: Record<BirthDateLevel, number> = {
  exact: 1,
  dayMonthSwapped: 0.8,
  sameMonth: 0.6,
  sameYear: 0.6,
  yearOff: 0.5,
  yearOffRounded: 0.3,
  different: 0,
};

export function birthDateCloseness(a: string, b: string): number {
  return CLOSENESS[birthDateLevel(a, b)];
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
 * The birth dates whose level against `date` is not `different`, as date ranges (inclusive): the lookup
 * reads only those from the index (block_key, birth_date, island), and a batch's own rows are filtered
 * the same way (match-decision.ts, `foundBy`).
 */
export function plausibleBirthDates(date: string): readonly (readonly [from: string, to: string])[] {
  // Not remembered: a dozen short strings per person looked up cost a microsecond, while a list kept for
  // every day of a century held 40 MiB of a worker's heap for good (issue #19: a 100,000-household
  // import's dry run slowed as that cache filled a capped heap).
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
}

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
