import type { Message } from "../contracts/api";
import type { MatchScore } from "../contracts/review";
import { birthDateCloseness, birthDateLevel, type BirthDateLevel } from "./birth-dates";
import {
  AREA,
  BIRTH_DATE,
  bits,
  exactU,
  MIN_FREQUENCY_PEOPLE,
  NAME,
  NIN,
  NO_FREQUENCIES,
  priorWeight,
  probability,
  registrySize,
  SEX,
  SWAPPED_M,
  type AreaLevel,
  type Frequencies,
  type NameLevel,
  type NinLevel,
  type SexLevel,
} from "./match-weights";
import { normalisedPart, phoneticKey, trigramSimilarity } from "./person-names";

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

/** The level each comparison fell in (absent: unknown on one side), which the decision's guards read. */
export interface Levels {
  nin?: NinLevel;
  firstName?: NameLevel;
  lastName?: NameLevel;
  swapped: boolean;
  birthDate?: BirthDateLevel;
  sex?: SexLevel;
  area?: AreaLevel;
}

/** A score's figures, without its words, and its levels. */
export type PairScore = Omit<MatchScore, "explanation"> & { weight: number; weights: NonNullable<MatchScore["weights"]>; levels: Levels };

/** Writes one reason of the score in both languages; absent when only the figures are wanted. */
type Say = ((frText: string, enText: string) => void) | undefined;

/** The explained score of `existing` as a match for `incoming`: its probability, weights and reasons in fr and en. */
export function scorePair(incoming: ComparablePerson, existing: ComparablePerson, frequencies = NO_FREQUENCIES): MatchScore {
  const explanation: Message[] = [];
  const { levels: _levels, ...score } = scoreOf(incoming, existing, frequencies, (frText, enText) =>
    explanation.push({ fr: frText, en: enText }),
  );
  return { ...score, explanation };
}

/**
 * scorePair's figures without its words (a match scores dozens of candidates and explains five). The
 * total is the match probability: the prior and every comparison's weight added, in bits (match-weights.ts).
 */
export function scoreOf(incoming: ComparablePerson, existing: ComparablePerson, frequencies = NO_FREQUENCIES, say?: Say): PairScore {
  const nin = ninWeight(incoming.nin, existing.nin, say);
  const name = nameWeight(incoming, existing, frequencies, say);
  const birthDate = birthDateWeight(incoming.birthDate, existing.birthDate, frequencies, say);
  const sex = sexWeight(incoming.sex, existing.sex, say);
  const area = areaWeight(incoming, existing, say);
  const prior = priorWeight(frequencies);
  const people = registrySize(frequencies);
  say?.(
    `A priori : une personne sur ${people.toLocaleString("fr")} du registre (${signed(prior, "fr")})`,
    `Prior: one person in ${people.toLocaleString("en")} of the registry (${signed(prior, "en")})`,
  );
  const weight = prior + nin.weight + name.weight + birthDate.weight + sex.weight + area.weight;
  return {
    total: round(probability(weight), 4),
    weight: round(weight, 2),
    components: {
      name: name.closeness,
      sex: sex.closeness,
      birthDate: birthDate.closeness,
      ...(nin.level === undefined ? {} : { nin: nin.level === "same" ? 1 : 0 }),
      area: area.closeness,
    },
    weights: {
      prior: round(prior, 2),
      name: round(name.weight, 2),
      birthDate: round(birthDate.weight, 2),
      sex: round(sex.weight, 2),
      area: round(area.weight, 2),
      ...(nin.level === undefined ? {} : { nin: round(nin.weight, 2) }),
    },
    levels: {
      nin: nin.level,
      firstName: name.first,
      lastName: name.last,
      swapped: name.swapped,
      birthDate: birthDate.level,
      sex: sex.level,
      area: area.level,
    },
  };
}

interface Compared<L> {
  level?: L;
  weight: number;
  closeness: number;
}

function ninWeight(a: string | null, b: string | null, say: Say): Compared<NinLevel> {
  if (!a || !b) return { weight: 0, closeness: 0 };
  const level: NinLevel = ninDigits(a) === ninDigits(b) ? "same" : "different";
  const weight = bits(NIN[level]);
  if (level === "same") say?.(`Même NIN (${b}) (${signed(weight, "fr")})`, `Same NIN (${b}) (${signed(weight, "en")})`);
  else say?.(`NIN différents (${a} ≠ ${b}) (${signed(weight, "fr")})`, `Different NINs (${a} ≠ ${b}) (${signed(weight, "en")})`);
  return { level, weight, closeness: level === "same" ? 1 : 0 };
}

type NameKind = "firstNames" | "lastNames";

interface PartCompared extends Compared<NameLevel> {
  a: string;
  b: string;
}

/** One name part: normalised equal (weighed by how common the name is), close, a trigram neighbour, or different. */
function namePart(a: string, b: string, kind: NameKind, frequencies: Frequencies): PartCompared {
  if (!a || !b) return { a, b, weight: 0, closeness: 0 };
  if (a === b) return { a, b, level: "exact", weight: Math.log2(NAME.exact / exactU(frequencies, kind, a)), closeness: 1 };
  const similarity = trigramSimilarity(a, b);
  const level: NameLevel = similarity >= 0.5 || phoneticKey(a) === phoneticKey(b) ? "close" : similarity >= 0.3 ? "neighbour" : "different";
  return { a, b, level, weight: bits(NAME[level]), closeness: round(level === "close" ? Math.max(similarity, 0.7) : similarity, 2) };
}

/**
 * Both names, as written (first with first) or swapped (the incoming first name with the existing last
 * name), whichever weighs more; swapped pays log2(SWAPPED_M) and only counts when a crossed part agrees.
 */
function nameWeight(a: ComparablePerson, b: ComparablePerson, frequencies: Frequencies, say: Say) {
  const [af, al, bf, bl] = [a.firstName, a.lastName, b.firstName, b.lastName].map(normalisedPart) as [string, string, string, string];
  const direct = [namePart(af, bf, "firstNames", frequencies), namePart(al, bl, "lastNames", frequencies)] as const;
  const crossed = [namePart(af, bl, "lastNames", frequencies), namePart(al, bf, "firstNames", frequencies)] as const;
  const sum = (parts: readonly PartCompared[]) => parts.reduce((s, p) => s + p.weight, 0);
  const agrees = (p: PartCompared) => p.level === "exact" || p.level === "close";
  const swappedWeight = sum(crossed) + Math.log2(SWAPPED_M);
  const swapped = crossed.every(agrees) && swappedWeight > sum(direct);
  const [first, last] = swapped ? crossed : direct;
  const shown = `${fullName(a)} ≈ ${fullName(b)}`;
  if (swapped) {
    const w = Math.log2(SWAPPED_M);
    say?.(`Prénom et nom inversés : ${shown} (${signed(w, "fr")})`, `First and last names swapped: ${shown} (${signed(w, "en")})`);
  }
  sayPart(first, "first", swapped ? "lastNames" : "firstNames", frequencies, say);
  sayPart(last, "last", swapped ? "firstNames" : "lastNames", frequencies, say);
  const known = [first, last].filter((p) => p.level !== undefined);
  const closeness = known.length ? Math.min(...known.map((p) => p.closeness)) * (swapped ? 0.75 : 1) * (known.length === 1 ? 0.9 : 1) : 0;
  return { first: first.level, last: last.level, swapped, weight: swapped ? swappedWeight : sum(direct), closeness: round(closeness, 2) };
}

const PART_WORDS = {
  first: { fr: ["Prénom", "Prénoms"], en: ["first name", "first names"] },
  last: { fr: ["Nom", "Noms"], en: ["last name", "last names"] },
} as const;

/** « Prénom rare identique : anrifi (+9,8) », « Noms proches : zaharia ≈ zahariya (+2,7) ». */
function sayPart(p: PartCompared, which: "first" | "last", kind: NameKind, f: Frequencies, say: Say): void {
  if (!say || p.level === undefined) return;
  const { fr: frWords, en: enWords } = PART_WORDS[which];
  const [fw, en] = [signed(p.weight, "fr"), signed(p.weight, "en")];
  if (p.level === "exact") {
    // Rare or common only when the registry's frequencies are known (match-weights.ts).
    const share = f.people >= MIN_FREQUENCY_PEOPLE ? exactU(f, kind, p.a) : null;
    const [frHow, enHow] =
      share === null ? ["", ""] : share < 0.005 ? [" rare", " rare"] : share > 0.03 ? [" courant", " common"] : ["", ""];
    say(`${frWords[0]}${frHow} identique : ${p.a} (${fw})`, `Same${enHow} ${enWords[0]}: ${p.a} (${en})`);
  } else if (p.level === "close") say(`${frWords[1]} proches : ${p.a} ≈ ${p.b} (${fw})`, `Similar ${enWords[1]}: ${p.a} ≈ ${p.b} (${en})`);
  else if (p.level === "neighbour") say(`${frWords[1]} voisins : ${p.a} ≈ ${p.b} (${fw})`, `Alike ${enWords[1]}: ${p.a} ≈ ${p.b} (${en})`);
  else say(`${frWords[1]} différents : ${p.a} ≠ ${p.b} (${fw})`, `Different ${enWords[1]}: ${p.a} ≠ ${p.b} (${en})`);
}

const DATE_WORDS: Record<BirthDateLevel, [fr: string, en: string]> = {
  exact: ["Même date de naissance", "Same birth date"],
  dayMonthSwapped: ["Jour et mois de naissance inversés", "Birth day and month swapped"],
  sameMonth: ["Né le même mois, un autre jour", "Born the same month, another day"],
  sameYear: ["Né la même année (jour inconnu d'un côté)", "Born the same year (day unknown on one side)"],
  yearOff: ["Année de naissance à un an près, même jour", "Birth year one off, same day"],
  yearOffRounded: ["Année de naissance à un an près (jour inconnu d'un côté)", "Birth year one off (day unknown on one side)"],
  different: ["Dates de naissance différentes", "Different birth dates"],
};

function birthDateWeight(a: string | null, b: string | null, frequencies: Frequencies, say: Say): Compared<BirthDateLevel> {
  if (!a || !b) {
    say?.("Date de naissance inconnue d'un côté (0)", "Birth date unknown on one side (0)");
    return { weight: 0, closeness: 0.5 };
  }
  const level = birthDateLevel(a, b);
  const weight = level === "exact" ? Math.log2(BIRTH_DATE.exact / exactU(frequencies, "birthDates", a)) : bits(BIRTH_DATE[level]);
  const dates = level === "exact" ? a : `${a} / ${b}`;
  const [frText, enText] = DATE_WORDS[level];
  say?.(`${frText} (${dates}) (${signed(weight, "fr")})`, `${enText} (${dates}) (${signed(weight, "en")})`);
  return { level, weight, closeness: birthDateCloseness(a, b) };
}

function sexWeight(a: string | null, b: string | null, say: Say): Compared<SexLevel> {
  if (!a || !b) return { weight: 0, closeness: 0.5 };
  const level: SexLevel = a === b ? "same" : "different";
  const weight = bits(SEX[level]);
  if (level === "same") say?.(`Même sexe (${signed(weight, "fr")})`, `Same sex (${signed(weight, "en")})`);
  else say?.(`Sexe différent (${signed(weight, "fr")})`, `Different sex (${signed(weight, "en")})`);
  return { level, weight, closeness: level === "same" ? 1 : 0 };
}

function areaWeight(a: ComparablePerson, b: ComparablePerson, say: Say): Compared<AreaLevel> {
  const level: AreaLevel | undefined =
    a.commune && a.commune === b.commune
      ? "sameCommune"
      : a.island && b.island
        ? a.island === b.island
          ? "sameIsland"
          : "otherIsland"
        : undefined;
  if (!level) return { weight: 0, closeness: 0.5 };
  const weight = bits(AREA[level]);
  const [fw, en] = [signed(weight, "fr"), signed(weight, "en")];
  if (level === "sameCommune") say?.(`Même commune (${a.commune}) (${fw})`, `Same commune (${a.commune}) (${en})`);
  else if (level === "sameIsland") say?.(`Même île, autre commune (${fw})`, `Same island, another commune (${en})`);
  else say?.(`Autre île (${fw})`, `Another island (${en})`);
  return { level, weight, closeness: level === "sameCommune" ? 1 : level === "sameIsland" ? 0.5 : 0 };
}

function ninDigits(nin: string): string {
  return nin.replace(/[\s-]/g, "").toUpperCase();
}

function fullName(p: ComparablePerson): string {
  return [p.firstName, p.lastName].filter(Boolean).join(" ") || "?";
}

const round = (x: number, places: number) => Math.round(x * 10 ** places) / 10 ** places;

/** A weight in bits as a supervisor reads it: « +6,1 », « −4,6 » (French decimal comma), « 0 ». */
function signed(weight: number, language: "fr" | "en"): string {
  const text = Math.abs(weight).toFixed(1);
  if (text === "0.0") return "0";
  return `${weight > 0 ? "+" : "−"}${language === "fr" ? text.replace(".", ",") : text}`;
}
