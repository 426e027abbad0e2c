/**
 * Person names as the registry matches them (issue #6). Pure functions.
 *
 * The same Comorian person is written many ways: by clerks trained in French or English spelling, from
 * Arabic, Shikomori or a birth certificate, with or without accents. Three forms come out of a name:
 *
 * 1. `nameParts` / `normalisedPart`: the *normalised* part, compared by trigram similarity. Steps, in order:
 *    - accents, case and punctuation go ("Saïd" = "SAID" = "said"); an apostrophe joins ("Abd'Allah");
 *    - particles of filiation go: ben, bin, ibn (son of), binti, bint, bent (daughter of). They are written
 *      or left out at the clerk's whim in front of the father's name, and the sex is recorded anyway.
 *      We do NOT remove "mze", "mwana", "mna", "hadji" or "el"/"al": "Mzé" and "Mwana" begin real names
 *      (Mzé Ali, Mwanaïdi, Mwana Hamissi) and removing them would merge different people; "el"/"al" are
 *      glued to the next word below, so "Abd el Kader" = "Abdelkader". A particle alone is kept.
 *    - spelling rules: ou → u, dh/th → d/t, kh → k, q → k, ph → f, dj → j, sh → ch, w after a consonant
 *      ("Swalihi") → o, and every doubled letter once ("Mohammed" → "mohamed", "Saadi" → "sadi");
 *    - the words of one part are glued ("Nour Eddine" = "Nourdine", "Abdou Rahim" = "Abdourahim");
 *    - known families of transliterations become one canonical spelling (`NAME_FAMILIES`):
 *      Mohamed/Mohammed/Mouhamad/Muhammad/Mhamadi → "mohamed", Said/Saïd/Saidi → "said", and so on.
 * 2. `phoneticKey`: a consonant skeleton of a normalised part (vowels, w, y and a final h dropped; b/p, d/t, s/z/soft c,
 *    k/g/q/hard c, f/v merged; repeats once; a leading vowel kept as "a"), so that variants not in the families
 *    (Zaharia/Zahariya/Zahari) still fall in the same block. The h stays: without it Mohamed, Madi,
 *    Houmadi and Hamidou shared one key, and at 1,000,000 individuals the block « Mohamed Mohamed » born
 *    within a year held some 900 people (p95 of the lookup 25 ms); with it, 4 blocks.
 * 3. `blockKey`: both parts' phonetic keys, sorted, so that a swapped first/last name lands in the same
 *    block.
 *
 * `trigramSimilarity` is pg_trgm's `similarity()` re-done in TypeScript, so the score of a candidate is a
 * pure function and the same number PostgreSQL would give.
 */
import { remembered } from "./remembered";

const PARTICLES = new Set(["ben", "bin", "ibn", "binti", "bint", "bent"]);

/** Canonical spelling ← pattern over a part after the spelling rules. Order matters only for overlaps. */
const NAME_FAMILIES: [canonical: string, pattern: RegExp][] = [
  ["mohamed", /^m(o|u|a)?ha?m+(a|e)d+i?$/],
  ["mahmud", /^mah?a?mud+i?$/],
  ["ahmed", /^ah?(a)?m(a|e)d+(a|i)?$/],
  ["said", /^s(a|e)(i|y|e|yi|ye)?d+i?$/],
  ["abdallah", /^abd(a|u|e|ou)?l+ah?i?$/],
  ["fatima", /^fat(i|u)m(i|a)?a$/],
  ["ali", /^al(i|y)$/],
  ["yusuf", /^y(u|o)s(u|o|e)f[ua]?$/],
  ["ibrahim", /^i?brah?im(a|u)?$/],
  ["musa", /^m(u|o)sa$/],
  ["hasan", /^has(a|e)n(e|i)?$/],
  ["husein", /^h(u|o)s(a|e)i?y?n(e|i)?$/],
  ["mariam", /^mar(i|y)am(a|u)?$/],
  ["zainaba", /^z(a|e)(i|y)nab(a|u)?$/],
  ["salihi", /^s(o|a)(i|a)?l(i|y)hi?$/],
  ["atumani", /^(a|o|u)tm?(u|a)?man(e|i)?$/],
  ["jafar", /^jaf+ar(u|i)?$/],
  ["umar", /^(o|u)mar(i|u)?$/],
  ["idris", /^idris(a|u)?$/],
  ["isa", /^is(a|e)$/],
  ["sulaiman", /^s(u|o)l(a|e)(i|y)?man(e|a|i)?$/],
  ["nurdine", /^nur(e|i|u)?d+in(e)?$/],
  ["hamidu", /^hamid(u|i)?$/],
  ["halima", /^hal(i|y)ma$/],
  ["aisha", /^a(i|y)(ch|s)a$/],
];

const SPELLING_RULES: [RegExp, string][] = [
  [/ou/g, "u"],
  [/dh/g, "d"],
  [/th/g, "t"],
  [/kh/g, "k"],
  [/gh/g, "g"],
  [/ph/g, "f"],
  [/q/g, "k"],
  [/dj/g, "j"],
  [/sh/g, "ch"],
  [/([bcdfgjklmnpqrstvz])w/g, "$1o"],
  [/(.)\1+/g, "$1"],
];

/** Words of a name without accents, case or punctuation; an apostrophe joins ("Abd'Allah" → ["abdallah"]). */
export function nameWords(name: string | null | undefined): string[] {
  if (!name) return [];
  return name
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase()
    .replace(/['’`ʼ]/g, "")
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** One spelling of a word: the spelling rules, then its family's canonical form if it has one. */
export function canonicalWord(word: string): string {
  let spelt = word;
  for (const [pattern, replacement] of SPELLING_RULES) spelt = spelt.replace(pattern, replacement);
  for (const [canonical, pattern] of NAME_FAMILIES) if (pattern.test(spelt)) return canonical;
  return spelt;
}

/** A first or last name as one normalised word ("" when empty); see the block comment. */
export function normalisedPart(name: string | null | undefined): string {
  return name ? normalisedName(name) : "";
}

const normalisedName = remembered((name: string): string => {
  const words = nameWords(name);
  const kept = words.length > 1 ? words.filter((w) => !PARTICLES.has(w)) : words;
  const glued = kept.map(canonicalWord).join("");
  return glued ? canonicalWord(glued) : "";
});

/**
 * Consonant skeleton of a normalised part; variants outside the families still share it. Remembered: the
 * score compares the skeletons of every candidate's names (a dozen regular expressions each time).
 */
export function phoneticKey(part: string): string {
  return part ? skeletonOf(part) : "";
}

const skeletonOf = remembered((part: string): string => {
  const lead = /^[aeiouy]/.test(part) ? "a" : "";
  const skeleton = part
    .replace(/ch/g, "s")
    .replace(/c(?=[eiy])/g, "s")
    .replace(/c/g, "k")
    .replace(/h$/, "")
    .replace(/[aeiouyw]/g, "")
    .replace(/[p]/g, "b")
    .replace(/[t]/g, "d")
    .replace(/[zx]/g, "s")
    .replace(/[gq]/g, "k")
    .replace(/[v]/g, "f")
    .replace(/(.)\1+/g, "$1");
  return lead + skeleton;
});

/** The normalised full name, first then last, as stored in `individuals.name_key`. */
export function nameKey(firstName: string | null | undefined, lastName: string | null | undefined): string {
  return [normalisedPart(firstName), normalisedPart(lastName)].filter(Boolean).join(" ");
}

/** Both parts' phonetic keys, sorted, as stored in `individuals.block_key` (swapped names share it). */
export function blockKey(firstName: string | null | undefined, lastName: string | null | undefined): string {
  return [normalisedPart(firstName), normalisedPart(lastName)].map(phoneticKey).filter(Boolean).sort().join(" ");
}

/** pg_trgm's trigrams of a text: each word padded with two spaces before and one after. */
const trigrams = remembered((text: string): ReadonlySet<string> => {
  const set = new Set<string>();
  for (const word of text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)) {
    const padded = `  ${word} `;
    for (let i = 0; i + 3 <= padded.length; i++) set.add(padded.slice(i, i + 3));
  }
  return set;
});

/** pg_trgm's `similarity(a, b)`: shared trigrams over all trigrams, in [0, 1]. */
export function trigramSimilarity(a: string, b: string): number {
  const ta = trigrams(a);
  const tb = trigrams(b);
  if (ta.size === 0 || tb.size === 0) return 0;
  let shared = 0;
  for (const t of ta) if (tb.has(t)) shared++;
  return shared / (ta.size + tb.size - shared);
}
