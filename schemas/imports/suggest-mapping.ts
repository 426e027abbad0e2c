import type { Catalogue, CodeList } from "../catalogue/types";
import { DATE_FORMATS, type DateFormat } from "./import-profile";
import { normalizedLabel } from "./normalized-label";
import { isoDate } from "./source-values";

/** A proposed pairing and how sure it is (0–1): the administrator confirms or corrects it. */
export interface Suggestion {
  column: string;
  variable: string;
  score: number;
}

const COLUMN_THRESHOLD = 0.6;
const VALUE_THRESHOLD = 0.6;

/**
 * Proposes a variable for each source column from its name and label (Stata/SPSS) against each
 * variable's code and labels in every language: "Date de naissance", "date_naiss" and "birth_date" all
 * point at birth_date. Each variable is proposed for its best column only.
 */
export function suggestColumns(columns: string[], labels: Record<string, string>, catalogue: Catalogue): Suggestion[] {
  const scored: Suggestion[] = [];
  for (const column of columns) {
    const names = [column, labels[column]].filter((n): n is string => !!n);
    let best: Suggestion | null = null;
    for (const variable of catalogue.variables) {
      const targets = [variable.code, ...Object.values(variable.label).filter((l): l is string => !!l)];
      const score = Math.max(...names.flatMap((n) => targets.map((t) => similarity(n, t))));
      if (score >= COLUMN_THRESHOLD && (!best || score > best.score)) best = { column, variable: variable.code, score };
    }
    if (best) scored.push(best);
  }
  const taken = new Map<string, Suggestion>();
  for (const s of scored.sort((a, b) => b.score - a.score)) if (!taken.has(s.variable)) taken.set(s.variable, s);
  return columns.flatMap((c) => [...taken.values()].filter((s) => s.column === c));
}

/** Proposes a code for each distinct source value of a choice column ("Grande Comore" → Ngazidja's code, "H" → male). */
export function suggestValues(values: string[], list: CodeList): Record<string, { code: string; score: number }> {
  const proposed: Record<string, { code: string; score: number }> = {};
  for (const value of values) {
    let best: { code: string; score: number } | null = null;
    for (const item of list.items) {
      if (item.code === value) {
        best = { code: item.code, score: 1 };
        break;
      }
      const score = Math.max(...Object.values(item.label).map((l) => (l ? similarity(value, l) : 0)), initialOf(value, item.label));
      if (score >= VALUE_THRESHOLD && (!best || score > best.score)) best = { code: item.code, score };
    }
    if (best) proposed[value] = best;
  }
  return proposed;
}

/** "M"/"H"/"F": a one-letter value is its label's initial in French or English (Masculin/Homme/Male). */
function initialOf(value: string, label: Record<string, string | undefined>): number {
  const v = normalizedLabel(value);
  if (v.length !== 1) return 0;
  const initials = Object.values(label).map((l) => (l ? normalizedLabel(l)[0] : undefined));
  return initials.includes(v) || (v === "h" && initials.includes("m")) ? 0.7 : 0;
}

/**
 * How alike two names are: the share of one's words found in the other ("Grande Comore" in "Ngazidja
 * (Grande Comore)"), or, for abbreviations and misspellings, the Dice coefficient of their letter pairs.
 */
function similarity(a: string, b: string): number {
  const x = normalizedLabel(a.replace(/_/g, " "));
  const y = normalizedLabel(b.replace(/_/g, " "));
  if (!x || !y) return 0;
  if (x === y) return 1;
  const wordsX = x.split(" ");
  const wordsY = new Set(y.split(" "));
  const contained = wordsX.every((w) => wordsY.has(w)) ? 0.9 * Math.min(1, (wordsX.length + 1) / (wordsY.size + 1)) + 0.1 : 0;
  return Math.max(contained, dice(x, y));
}

function dice(a: string, b: string): number {
  const pairs = (s: string) => {
    const out = new Map<string, number>();
    const t = s.replace(/ /g, "");
    for (let i = 0; i < t.length - 1; i++) out.set(t.slice(i, i + 2), (out.get(t.slice(i, i + 2)) ?? 0) + 1);
    return out;
  };
  const pa = pairs(a);
  const pb = pairs(b);
  let common = 0;
  let total = 0;
  for (const [k, n] of pa) {
    common += Math.min(n, pb.get(k) ?? 0);
    total += n;
  }
  for (const n of pb.values()) total += n;
  return total ? (2 * common) / total : 0;
}

/**
 * The date format every sample of a column reads as a real date in ("31/12/1990" → DD/MM/YYYY), or
 * undefined: a column of ISO dates needs none, and the administrator settles an ambiguous one.
 */
export function suggestDateFormat(samples: readonly string[]): DateFormat | undefined {
  const filled = samples.filter((s) => s.trim());
  if (!filled.length || filled.every((s) => isoDate(s, "YYYY-MM-DD") === s)) return undefined;
  return DATE_FORMATS.find((format) => format !== "YYYY-MM-DD" && filled.every((s) => isoDate(s, format) !== null));
}
