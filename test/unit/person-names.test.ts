import { describe, expect, it } from "vitest";
import { blockKey, nameKey, normalisedPart, phoneticKey, trigramSimilarity } from "../../schemas/registry/person-names";
import { personKeys } from "../../schemas/registry/person-keys";
import { birthDateCloseness, plausibleBirthDates } from "../../schemas/registry/birth-dates";

describe("normalisedPart: spelling variants of one name become one spelling", () => {
  it.each([
    // accents, case, punctuation, spaces
    ["Saïd", "said"],
    ["SAID", "said"],
    ["  said. ", "said"],
    ["Abd'Allah", "abdallah"],
    ["Hadidja-Ahamada", "hadijahmed"],
    // families of transliterations
    ["Mohamed", "mohamed"],
    ["Mohammed", "mohamed"],
    ["Mouhamad", "mohamed"],
    ["Muhammad", "mohamed"],
    ["Mhamadi", "mohamed"],
    ["Mohamadi", "mohamed"],
    ["Mahamadi", "mohamed"],
    ["Said", "said"],
    ["Saidi", "said"],
    ["Sayed", "said"],
    ["Seid", "said"],
    ["Abdallah", "abdallah"],
    ["Abdullah", "abdallah"],
    ["Abdoulah", "abdallah"],
    ["Abdallahi", "abdallah"],
    ["Fatima", "fatima"],
    ["Fatouma", "fatima"],
    ["Fatoumia", "fatima"],
    ["Ali", "ali"],
    ["Aly", "ali"],
    ["Ally", "ali"],
    ["Ahmed", "ahmed"],
    ["Ahamada", "ahmed"],
    ["Ahmad", "ahmed"],
    ["Ahamadi", "ahmed"],
    ["Youssouf", "yusuf"],
    ["Yusuf", "yusuf"],
    ["Youssef", "yusuf"],
    ["Ibrahim", "ibrahim"],
    ["Ibrahima", "ibrahim"],
    ["Brahim", "ibrahim"],
    ["Soilihi", "salihi"],
    ["Swalihi", "salihi"],
    ["Salihi", "salihi"],
    ["Athoumani", "atumani"],
    ["Athumani", "atumani"],
    ["Attoumane", "atumani"],
    ["Djaffar", "jafar"],
    ["Jaffar", "jafar"],
    ["Dhaffar", "dafar"],
    ["Oumar", "umar"],
    ["Omar", "umar"],
    ["Oumari", "umar"],
    ["Hassani", "hasan"],
    ["Hassane", "hasan"],
    ["Houssein", "husein"],
    ["Hussein", "husein"],
    ["Soulaimana", "sulaiman"],
    ["Souleymane", "sulaiman"],
    ["Mariama", "mariam"],
    ["Maryam", "mariam"],
    ["Zainaba", "zainaba"],
    ["Zeinab", "zainaba"],
    ["Aïcha", "aisha"],
    ["Aicha", "aisha"],
    ["Hamidou", "hamidu"],
    ["Hamidi", "hamidu"],
    // spelling rules outside the families: ou/u, dh/d, repeated letters
    ["Dhoihirou", "doihiru"],
    ["Doihiru", "doihiru"],
    ["Nourdine", "nurdine"],
    ["Nour Eddine", "nurdine"],
    ["Nourddine", "nurdine"],
    ["Moussa", "musa"],
    ["Moussa ", "musa"],
    // particles of filiation go, except alone; other prefixes stay (they start real names)
    ["ben Ali", "ali"],
    ["Bin Said", "said"],
    ["binti Mohamed", "mohamed"],
    ["Ibn Abdallah", "abdallah"],
    ["Ben", "ben"],
    ["Mze Ali", "mzeali"],
    ["Mwanaïdi", "moanaidi"],
    ["", ""],
  ])("%j → %j", (name, part) => expect(normalisedPart(name)).toBe(part));

  it("keeps different names apart", () => {
    for (const [a, b] of [
      ["Mohamed", "Mahmoud"],
      ["Said", "Saida"],
      ["Ali", "Alia"],
      ["Fatima", "Fatuhia"],
      ["Ahmed", "Mohamed"],
    ]) {
      expect(normalisedPart(a), `${a} vs ${b}`).not.toBe(normalisedPart(b));
    }
  });
});

describe("phoneticKey and blockKey: variants outside the families fall in the same block", () => {
  it.each([
    ["Zaharia", "Zahariya"],
    ["Zaharia", "Sahariya"],
    ["Chamsoudine", "Shamsudine"],
    ["Anrifi", "Anrifa"],
    ["Msaidie", "Msaidi"],
    ["Toihir", "Twahiri"],
  ])("%s ~ %s", (a, b) => expect(phoneticKey(normalisedPart(a))).toBe(phoneticKey(normalisedPart(b))));

  it.each([
    [
      ["Mohamed", "Said"],
      ["Mouhamad", "Saïdi"],
    ],
    [
      ["Mohamed", "Said"],
      ["Said", "Mohamed"],
    ],
    [
      ["Fatouma", "ben Ali"],
      ["Fatima", "Aly"],
    ],
  ])("%j and %j share a block", ([f1, l1], [f2, l2]) => expect(blockKey(f1, l1)).toBe(blockKey(f2, l2)));

  it("nameKey is first then last, normalised", () => {
    expect(nameKey("Mouhamad", "binti Saïd")).toBe("mohamed said");
    expect(nameKey(null, "Said")).toBe("said");
    expect(nameKey(null, null)).toBe("");
  });
});

describe("personKeys", () => {
  it.each([
    [
      { firstName: "Saïd", lastName: "Mohamed", birthDate: "1984-03-01" },
      { nameKey: "said mohamed", blockKey: "mhmd sd", birthYear: 1984 },
    ],
    [
      { firstName: "Fatouma", lastName: null, birthDate: null },
      { nameKey: "fatima", blockKey: "fdm", birthYear: null },
    ],
    [
      { firstName: null, lastName: null, birthDate: "bad" },
      { nameKey: null, blockKey: null, birthYear: null },
    ],
  ])("%j → %j", (member, keys) => expect(personKeys(member)).toEqual(keys));
});

describe("trigramSimilarity gives pg_trgm's similarity()", () => {
  // Reference values from PostgreSQL 15: select similarity(a, b).
  it.each([
    ["zaharia", "zahariya", 0.5454545],
    ["mohamed said", "said mohamed", 1],
    ["abc", "xyz", 0],
    ["", "abc", 0],
  ])("%s / %s → %f", (a, b, expected) => expect(trigramSimilarity(a, b)).toBeCloseTo(expected, 5));
});

describe("birthDateCloseness", () => {
  it.each([
    ["1980-05-03", "1980-05-03", 1],
    ["1980-05-03", "1980-05-13", 0.6],
    ["1980-05-03", "1980-03-05", 0.8],
    ["1980-05-03", "1980-01-01", 0.6],
    ["1980-12-31", "1980-05-03", 0.6],
    ["1980-05-03", "1980-11-20", 0],
    ["1980-05-03", "1981-07-01", 0.3],
    ["1980-05-03", "1981-05-03", 0.5],
    ["1980-05-03", "1979-11-30", 0],
    ["1980-05-03", "1979-12-31", 0.3],
    ["1980-05-03", "1985-05-03", 0],
  ])("%s / %s → %f", (a, b, expected) => expect(birthDateCloseness(a, b)).toBe(expected));
});

describe("plausibleBirthDates: exactly the dates birthDateCloseness gives more than 0", () => {
  const days = (from: number, to: number) =>
    Array.from({ length: (to - from) / 86_400_000 + 1 }, (_, i) => new Date(from + i * 86_400_000).toISOString().slice(0, 10));
  it.each(["1980-05-03", "1980-01-01", "1980-12-31", "1984-02-29", "1980-11-30", "1980-07-01", "1980-03-12"])("%s", (date) => {
    const windows = plausibleBirthDates(date);
    const inWindows = (d: string) => windows.some(([from, to]) => from <= d && d <= to);
    const year = Number(date.slice(0, 4));
    for (const other of days(Date.UTC(year - 2, 0, 1), Date.UTC(year + 2, 11, 31))) {
      expect(inWindows(other), `${date} / ${other}`).toBe(birthDateCloseness(date, other) > 0);
    }
  });
});
