import { describe, expect, it } from "vitest";
import { scoreOf, scorePair, type ComparablePerson, type Levels } from "../../schemas/registry/match-score";
import { candidateRows, decideMatch, foundBy, placementOf, verdictOf, type CandidateRow } from "../../schemas/registry/match-decision";
import { MIN_REGISTRY, NO_FREQUENCIES, type Frequencies } from "../../schemas/registry/match-weights";
import { personKeys } from "../../schemas/registry/person-keys";

/** The Fellegi–Sunter score and the decision rules (issue #14), on pairs whose every figure is worked out here. */
const base: ComparablePerson = {
  firstName: "Mohamed",
  lastName: "Said",
  sex: "1",
  birthDate: "1980-05-03",
  nin: null,
  island: "1",
  commune: "101",
};

/** A registry of 100,000 where Mohamed and Said are common, Anrifi rare. */
const REGISTRY: Frequencies = {
  people: 100_000,
  firstNames: { mohamed: 6_000, anrifi: 30, fatima: 5_000 },
  lastNames: { said: 6_500, mohamed: 9_000 },
  birthDates: { "1980-05-03": 4, "1980-01-01": 400 },
};
const log2 = Math.log2;

describe("scoreOf: one level per comparison, log2(m/u) bits each", () => {
  const cases: [label: string, other: Partial<ComparablePerson>, levels: Partial<Levels>, weights: Record<string, number>][] = [
    [
      "spelling variants normalise to one name: both names exact",
      { firstName: "Mouhamad", lastName: "Saïdi" },
      { firstName: "exact", lastName: "exact", birthDate: "exact", sex: "same", area: "sameCommune", swapped: false },
      { name: 2 * log2(0.85 / 0.035), birthDate: log2(0.8 * 15_000), sex: log2(0.97 / 0.5), area: log2(0.75 / 0.04) },
    ],
    [
      "a spelling outside the families, same consonants: close",
      { firstName: "Mohamed", lastName: "Saidou" },
      { firstName: "exact", lastName: "close" },
      { name: log2(0.85 / 0.035) + log2(0.1 / 0.015) },
    ],
    [
      "another last name: different",
      { lastName: "Bacar" },
      { firstName: "exact", lastName: "different" },
      { name: log2(0.85 / 0.035) + log2(0.002 / 0.93) },
    ],
    [
      "first and last names swapped: the crossed names, less log2(0.03)",
      { firstName: "Said", lastName: "Mohamed" },
      { firstName: "exact", lastName: "exact", swapped: true },
      { name: 2 * log2(0.85 / 0.035) + log2(0.03) },
    ],
    ["birth year one off, same day", { birthDate: "1981-05-03" }, { birthDate: "yearOff" }, { birthDate: log2(0.06 / 0.00014) }],
    ["only the year known on one side", { birthDate: "1980-01-01" }, { birthDate: "sameYear" }, { birthDate: log2(0.03 / 0.0034) }],
    ["birth dates months apart", { birthDate: "1980-11-20" }, { birthDate: "different" }, { birthDate: log2(0.05 / 0.97) }],
    ["no birth date on one side: no evidence", { birthDate: null }, { birthDate: undefined }, { birthDate: 0 }],
    ["another sex", { sex: "2" }, { sex: "different" }, { sex: log2(0.03 / 0.5) }],
    ["same island, another commune", { commune: "102" }, { area: "sameIsland" }, { area: log2(0.22 / 0.3) }],
    ["another island", { island: "2", commune: "201" }, { area: "otherIsland" }, { area: log2(0.03 / 0.66) }],
  ];
  it.each(cases)("%s", (_label, other, levels, weights) => {
    const score = scoreOf(base, { ...base, ...other });
    expect(score.levels).toMatchObject(levels);
    for (const [name, weight] of Object.entries(weights)) {
      expect(score.weights![name as keyof typeof score.weights], name).toBeCloseTo(weight, 1);
    }
    // The total is the probability of the prior plus every weight.
    const sum = Object.values(score.weights!).reduce((s, w) => s + w, 0);
    expect(score.total).toBeCloseTo(1 / (1 + 2 ** -sum), 3);
  });

  it("starts from a prior of one person in the registry, at least MIN_REGISTRY of them", () => {
    expect(scoreOf(base, base).weights!.prior).toBeCloseTo(log2(0.25 / MIN_REGISTRY), 2);
    expect(scoreOf(base, base, { ...REGISTRY, people: 1_000_000 }).weights!.prior).toBeCloseTo(log2(0.25 / 1_000_000), 2);
  });

  it("a same NIN weighs log2(0.95 / 1e-7); a different one log2(0.03)", () => {
    expect(scoreOf({ ...base, nin: "412 345 678" }, { ...base, nin: "412345678" }).weights!.nin).toBeCloseTo(log2(0.95 / 1e-7), 2);
    expect(scoreOf({ ...base, nin: "1" }, { ...base, nin: "2" }).weights!.nin).toBeCloseTo(log2(0.03), 2);
  });
});

describe("term frequencies: an agreement weighs by how rare the value is", () => {
  it.each([
    ["a common first name (Mohamed, 6 %)", "Mohamed", log2(0.85 / 0.06)],
    ["a rare first name (Anrifi, 0.03 %)", "Anrifi", log2(0.85 / 0.0003)],
    ["a name the registry never saw counts as 1 in 10,000 at most", "Zoubeir", log2(0.85 / 1e-4)],
  ])("%s", (_label, firstName, expected) => {
    const score = scoreOf({ ...base, firstName, nin: null }, { ...base, firstName }, REGISTRY);
    const last = log2(0.85 / 0.065);
    expect(score.weights!.name).toBeCloseTo(expected + last, 2);
  });

  it("a common birth date (a placeholder) weighs less than a rare one", () => {
    const rare = scoreOf(base, base, REGISTRY).weights!.birthDate;
    const common = scoreOf({ ...base, birthDate: "1980-01-01" }, { ...base, birthDate: "1980-01-01" }, REGISTRY).weights!.birthDate;
    expect(rare).toBeCloseTo(log2(0.8 / (4 / 100_000)), 2);
    expect(common).toBeCloseTo(log2(0.8 / (400 / 100_000)), 2);
  });

  it("below 1,000 people the registry's counts are not used", () => {
    expect(scoreOf(base, base, { ...REGISTRY, people: 999 }).weights).toEqual(scoreOf(base, base).weights);
  });
});

describe("scorePair: the reasons a supervisor reads, in French and English", () => {
  it("names every comparison with its weight, the rarity of a name included", () => {
    const score = scorePair({ ...base, firstName: "Anrifi" }, { ...base, firstName: "Anrifi", lastName: "Saïd" }, REGISTRY);
    expect(score.explanation.map((m) => m.fr)).toEqual([
      "Prénom rare identique : anrifi (+11,5)",
      "Nom courant identique : said (+3,7)",
      "Même date de naissance (1980-05-03) (+14,3)",
      "Même sexe (+1,0)",
      "Même commune (101) (+4,2)",
      "A priori : une personne sur 100\u202f000 du registre (−18,6)",
    ]);
    expect(score.explanation[0]!.en).toBe("Same rare first name: anrifi (+11.5)");
    expect(score.explanation[1]!.en).toBe("Same common last name: said (+3.7)");
  });

  it("shows differing NINs and names", () => {
    const score = scorePair({ ...base, nin: "123" }, { ...base, firstName: "Houmadi", nin: "456" });
    expect(score.explanation[0]).toEqual({ fr: "NIN différents (123 ≠ 456) (−5,1)", en: "Different NINs (123 ≠ 456) (−5.1)" });
    expect(score.explanation[1]).toEqual({
      fr: "Prénoms différents : mohamed ≠ humadi (−8,9)",
      en: "Different first names: mohamed ≠ humadi (−8.9)",
    });
  });

  it("scoreOf gives scorePair's figures, without the words", () => {
    for (const other of [
      { firstName: "Mouhamad" },
      { lastName: "Mohamed", firstName: "Said" },
      { nin: "456", sex: "2" },
      { island: "2" },
    ]) {
      const { explanation, ...figures } = scorePair({ ...base, nin: "123" }, { ...base, ...other }, REGISTRY);
      const { levels: _levels, ...same } = scoreOf({ ...base, nin: "123" }, { ...base, ...other }, REGISTRY);
      expect(same).toEqual(figures);
      expect(explanation.length).toBeGreaterThan(0);
    }
  });
});

describe("verdictOf: thresholds on the probability, then the guards", () => {
  const thresholds = { link: 0.99, review: 0.1 };
  const levels: Levels = { swapped: false, birthDate: "exact", firstName: "exact", lastName: "exact" };
  it.each([
    ["probable enough, same birth date → link", 0.995, levels, "link"],
    ["probable enough but a birth year one off → review", 0.995, { ...levels, birthDate: "yearOff" }, "review"],
    ["probable enough but names swapped → review", 0.995, { ...levels, swapped: true }, "review"],
    ["probable enough but a first name only close (a typo) → review", 0.995, { ...levels, firstName: "close" }, "review"],
    ["an unlike first name is another person (twins)", 0.9, { ...levels, firstName: "different" }, "new"],
    ["probable enough but NINs differ → review", 0.995, { ...levels, nin: "different" }, "review"],
    ["a same NIN is never a new person", 0.2, { ...levels, nin: "same" }, "review"],
    ["a same NIN links without the same birth date", 0.999, { ...levels, nin: "same", birthDate: "different" }, "link"],
    ["between the thresholds → review", 0.5, levels, "review"],
    ["below review → new", 0.05, levels, "new"],
  ] as const)("%s", (_label, total, l, verdict) => expect(verdictOf({ total, levels: l as Levels }, thresholds)).toBe(verdict));
});

describe("decideMatch", () => {
  const rules = { thresholds: { link: 0.99, review: 0.1 }, frequencies: NO_FREQUENCIES };
  const row = (id: string, personId: string, other: Partial<ComparablePerson> = {}): CandidateRow => ({
    ...base,
    ...other,
    id,
    householdId: `h-${id}`,
    personId,
  });
  it("links one clear candidate", () => {
    expect(decideMatch(base, [row("a", "p1"), row("b", "p2", { birthDate: "1950-02-02" })], rules)).toMatchObject({
      decision: "link",
      individualId: "a",
      personId: "p1",
    });
  });
  it("two people at link level are homonyms for a supervisor", () => {
    expect(decideMatch(base, [row("a", "p1"), row("b", "p2")], rules).decision).toBe("review");
  });
  it("two records of one merged person are one candidate", () => {
    const match = decideMatch(base, [row("a", "p1"), row("b", "p1")], rules);
    expect(match.decision).toBe("link");
    expect(match.candidates).toHaveLength(1);
  });
});

describe("placementOf: a person is a current member of one household (issue #14)", () => {
  it.each([
    ["a link to a member of another household is a move for a supervisor", { decision: "link", personId: "p", householdId: "A" }, "move"],
    ["a link to a person a decision moved out joins them", { decision: "link", personId: "p", householdId: null }, "join"],
    ["a link within the household joins", { decision: "link", personId: "p", householdId: "B" }, "join"],
    ["a doubt is reviewed", { decision: "review", personId: "p", householdId: "A" }, "review"],
    ["nobody close: a new person", { decision: "new", personId: null, householdId: null }, "new"],
  ] as const)("%s", (_label, match, placement) => expect(placementOf(match, "B")).toBe(placement));
});

describe("foundBy: the lookup's rules, as a batch applies them in memory", () => {
  const person = { ...base, ...personKeys(base) };
  const record = (other: Partial<ComparablePerson>) => {
    const p = { ...base, ...other };
    return { ...p, ...personKeys(p) };
  };
  it.each([
    ["same NIN anywhere", { nin: "9" }, { nin: "9", island: "3", firstName: "Ali" }, null, "nin"],
    ["same block, plausible day, same island", {}, { firstName: "Mouhamad", birthDate: "1981-05-03" }, "1", "block"],
    ["same block but another island", {}, { island: "2" }, "1", null],
    ["same block, a day that cannot score", {}, { birthDate: "1980-11-20" }, "1", null],
    ["looked for anywhere: any island", {}, { island: "2" }, null, "block"],
    ["same day, a neighbour name outside the block", {}, { lastName: "Salid" }, "1", "neighbour"],
    ["same day, names unlike", {}, { firstName: "Zaharia", lastName: "Combo" }, "1", null],
  ] as const)("%s", (_label, incoming, other, island, expected) => {
    expect(foundBy({ ...person, ...incoming }, island, record(other))).toBe(expected);
  });
  it("neighbours count only when the NIN and the block found nobody", () => {
    const rows = [{ id: "a", foundBy: "neighbour" as const }];
    expect(candidateRows(rows)).toEqual(rows);
    expect(candidateRows([...rows, { id: "b", foundBy: "block" as const }])).toEqual([{ id: "b", foundBy: "block" }]);
  });
});
