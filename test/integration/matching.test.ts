import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EntityManager } from "@mikro-orm/postgresql";
import { Household, Individual } from "../../api/entities";
import { personKeys } from "../../schemas/registry/person-keys";
import { matchHousehold } from "../../api/registry/matching/match-household";
import { matchPerson, type MatchArea, type PersonToMatch } from "../../api/registry/matching/match-person";
import { createTestContext, type TestContext } from "../helpers/test-context";

/**
 * Person matching on the real database (issue #6): the registry below is written through the entity layer
 * with the same keys the pipeline writes, then each incoming person is matched with the default thresholds
 * (MATCH_LINK_THRESHOLD 0.99, MATCH_REVIEW_THRESHOLD 0.1, match probabilities).
 */
let ctx: TestContext;
const ids: Record<string, string> = {};
const households: Record<string, string> = {};

interface Existing extends PersonToMatch {
  key: string;
  household: string;
  island: string;
  commune: string;
  village: string;
}

const person = (p: Partial<PersonToMatch>): PersonToMatch => ({
  firstName: null,
  lastName: null,
  sex: null,
  birthDate: null,
  nin: null,
  ...p,
});

const REGISTRY: Existing[] = [
  {
    key: "mohamed",
    household: "H1",
    island: "1",
    commune: "101",
    village: "Iconi",
    ...person({ firstName: "Mohamed", lastName: "Said", sex: "1", birthDate: "1980-05-03", nin: "412345678" }),
  },
  {
    key: "fatouma",
    household: "H1",
    island: "1",
    commune: "101",
    village: "Iconi",
    ...person({ firstName: "Fatouma", lastName: "Ali", sex: "2", birthDate: "1992-07-14" }),
  },
  {
    key: "twin",
    household: "H2",
    island: "1",
    commune: "102",
    village: "Mbéni",
    ...person({ firstName: "Hassani", lastName: "Abdallah", sex: "1", birthDate: "2010-02-01" }),
  },
  {
    key: "ahmed",
    household: "H3",
    island: "2",
    commune: "201",
    village: "Ouani",
    ...person({ firstName: "Ahmed", lastName: "Youssouf", sex: "1", birthDate: "1975-01-01" }),
  },
  {
    key: "zaharia",
    household: "H4",
    island: "1",
    commune: "103",
    village: "Hahaya",
    ...person({ firstName: "Zaharia", lastName: "Combo", sex: "2", birthDate: "1988-09-09" }),
  },
];

const ICONI: MatchArea = { island: "1", commune: "101" };

beforeAll(async () => {
  ctx = await createTestContext("matching");
  await ctx.orm.em.fork().transactional(async (tx) => {
    for (const [line, p] of REGISTRY.entries()) {
      if (!households[p.household]) {
        households[p.household] = randomUUID();
        tx.create(Household, {
          id: households[p.household]!,
          island: p.island,
          commune: p.commune,
          village: p.village,
          headName: `${p.firstName} ${p.lastName}`,
          attributes: {},
          sourceSubmissionId: randomUUID(),
        });
      }
      ids[p.key] = randomUUID();
      const { key: _key, household, island, commune, village: _v, ...fields } = p;
      // As every writer does, the member carries its household's place.
      tx.create(Individual, {
        id: ids[p.key]!,
        household: households[household]!,
        lineNumber: line + 1,
        ...fields,
        island,
        commune,
        attributes: {},
        ...personKeys(fields),
      });
    }
  });
});
afterAll(async () => ctx?.close());

const inTransaction = <T>(work: (em: EntityManager) => Promise<T>) => ctx.orm.em.fork().transactional(work);

describe("matchPerson: a table of incoming people against the registry", () => {
  const cases: [label: string, incoming: PersonToMatch, area: MatchArea, decision: "link" | "review" | "new", best: string | null][] = [
    [
      "same NIN, other spelling, other island → link",
      person({ firstName: "Mouhamed", lastName: "Saidi", sex: "1", birthDate: "1980-05-03", nin: "412345678" }),
      { island: "3", commune: "301" },
      "link",
      "mohamed",
    ],
    [
      "misspelt names (Mouhamad Saïdi) → link",
      person({ firstName: "Mouhamad", lastName: "Saïdi", sex: "1", birthDate: "1980-05-03" }),
      ICONI,
      "link",
      "mohamed",
    ],
    [
      "transliteration and particle (Fatima ben Aly) → link",
      person({ firstName: "Fatima", lastName: "ben Aly", sex: "2", birthDate: "1992-07-14" }),
      ICONI,
      "link",
      "fatouma",
    ],
    [
      "transliterations on another island (Ahamada Yousouf) → link",
      person({ firstName: "Ahamada", lastName: "Yousouf", sex: "1", birthDate: "1975-01-01" }),
      { island: "2", commune: "202" },
      "link",
      "ahmed",
    ],
    [
      "misspelling outside the known families (Zahariya) → review",
      person({ firstName: "Zahariya", lastName: "Kombo", sex: "2", birthDate: "1988-09-09" }),
      ICONI,
      "review",
      "zaharia",
    ],
    [
      "swapped first and last names → review (may be father and son)",
      person({ firstName: "Said", lastName: "Mohamed", sex: "1", birthDate: "1980-05-03" }),
      ICONI,
      "review",
      "mohamed",
    ],
    [
      "same name, born one year later, same day → review",
      person({ firstName: "Mohamed", lastName: "Said", sex: "1", birthDate: "1981-05-03" }),
      ICONI,
      "review",
      "mohamed",
    ],
    [
      "same name, only the year known (1980-01-01) → review",
      person({ firstName: "Mohamed", lastName: "Said", sex: "1", birthDate: "1980-01-01" }),
      ICONI,
      "review",
      "mohamed",
    ],
    [
      "same name, same year, another precise date → new (a homonym)",
      person({ firstName: "Mohamed", lastName: "Said", sex: "1", birthDate: "1980-11-20" }),
      ICONI,
      "new",
      null,
    ],
    [
      "same name, neighbouring year, another day → new (a homonym: names this common repeat)",
      person({ firstName: "Mohamed", lastName: "Said", sex: "1", birthDate: "1981-08-20" }),
      ICONI,
      "new",
      null,
    ],
    [
      "same name, born five years later → new (a homonym)",
      person({ firstName: "Mohamed", lastName: "Said", sex: "1", birthDate: "1985-05-03" }),
      ICONI,
      "new",
      null,
    ],
    [
      "same name, date and sex but another NIN → review",
      person({ firstName: "Mohamed", lastName: "Said", sex: "1", birthDate: "1980-05-03", nin: "499999999" }),
      ICONI,
      "review",
      "mohamed",
    ],
    [
      "twin: same household and birth date, another first name → new",
      person({ firstName: "Houmadi", lastName: "Abdallah", sex: "1", birthDate: "2010-02-01" }),
      { island: "1", commune: "102" },
      "new",
      null,
    ],
    [
      "same name without NIN on another island → new (islands are blocks)",
      person({ firstName: "Mohamed", lastName: "Said", sex: "1", birthDate: "1980-05-03" }),
      { island: "3", commune: "301" },
      "new",
      null,
    ],
    ["nothing alike → new", person({ firstName: "Nadjma", lastName: "Bacar", sex: "2", birthDate: "2001-03-03" }), ICONI, "new", null],
    [
      "household without an island: looked for on every island (Ahamada Yousouf) → link",
      person({ firstName: "Ahamada", lastName: "Yousouf", sex: "1", birthDate: "1975-01-01" }),
      { island: null, commune: null },
      "link",
      "ahmed",
    ],
    [
      "household without an island, a typo outside the phonetic key (Zaharia Combos) → found among those born that day",
      person({ firstName: "Zaharia", lastName: "Combos", sex: "2", birthDate: "1988-09-09" }),
      { island: null, commune: null },
      "review",
      "zaharia",
    ],
  ];

  it.each(cases)("%s", async (_label, incoming, area, decision, best) => {
    const match = await inTransaction((em) => matchPerson(em, incoming, area, ctx.config.matchThresholds));
    expect(match.decision).toBe(decision);
    if (best) {
      expect(match.individualId).toBe(ids[best]);
      expect(match.candidates[0]!.householdId).toBe(households[REGISTRY.find((p) => p.key === best)!.household]);
    } else if (match.decision === "new") {
      // Nobody a supervisor should see: every candidate below the review threshold, or another person by a guard (twins).
      expect(match.candidates.map((c) => c.verdict)).toEqual(match.candidates.map(() => "new"));
    }
    for (const { score } of match.candidates) {
      expect(score.explanation.length).toBeGreaterThan(0);
      for (const part of Object.values(score.components)) expect(part).toBeGreaterThanOrEqual(0);
    }
  });

  it("keeps the score's components and reasons in both languages", async () => {
    const match = await inTransaction((em) =>
      matchPerson(
        em,
        person({ firstName: "Said", lastName: "Mohamed", sex: "1", birthDate: "1980-05-03" }),
        ICONI,
        ctx.config.matchThresholds,
      ),
    );
    const { score } = match.candidates[0]!;
    // A registry this small is counted as 10,000 people (match-weights.ts): prior log2(0.25 / 10,000).
    expect(score).toMatchObject({ total: 0.9948, weight: 7.59, components: { name: 0.75, sex: 1, birthDate: 1, area: 1 } });
    expect(score.explanation).toEqual([
      {
        fr: "Prénom et nom inversés : Said Mohamed ≈ Mohamed Said (−5,1)",
        en: "First and last names swapped: Said Mohamed ≈ Mohamed Said (−5.1)",
      },
      { fr: "Prénom identique : said (+4,6)", en: "Same first name: said (+4.6)" },
      { fr: "Nom identique : mohamed (+4,6)", en: "Same last name: mohamed (+4.6)" },
      { fr: "Même date de naissance (1980-05-03) (+13,6)", en: "Same birth date (1980-05-03) (+13.6)" },
      { fr: "Même sexe (+1,0)", en: "Same sex (+1.0)" },
      { fr: "Même commune (101) (+4,2)", en: "Same commune (101) (+4.2)" },
      { fr: "A priori : une personne sur 10\u202f000 du registre (−15,3)", en: "Prior: one person in 10,000 of the registry (−15.3)" },
    ]);
    // Above the link threshold, but swapped names are for a supervisor to confirm.
    expect(match.decision).toBe("review");
  });

  it("does not offer the members of a household being updated as candidates", async () => {
    const incoming = person({ firstName: "Mouhamad", lastName: "Saïdi", sex: "1", birthDate: "1980-05-03" });
    const match = await inTransaction((em) =>
      matchPerson(em, incoming, ICONI, ctx.config.matchThresholds, { excludeHouseholdId: households.H1 }),
    );
    expect(match.decision).toBe("new");
  });

  it("sees what the caller's transaction wrote but has not committed yet", async () => {
    await ctx.orm.em
      .fork()
      .transactional(async (tx) => {
        const fields = person({ firstName: "Chamsia", lastName: "Msaidie", sex: "2", birthDate: "1999-12-12" });
        tx.create(Individual, {
          id: randomUUID(),
          household: households.H4!,
          lineNumber: 99,
          ...fields,
          island: "1",
          commune: "103",
          attributes: {},
          ...personKeys(fields),
        });
        await tx.flush();
        const match = await matchPerson(tx, person({ ...fields, firstName: "Shamsia" }), ICONI, ctx.config.matchThresholds);
        expect(match.decision).not.toBe("new");
        throw new RollBack();
      })
      .catch((e) => {
        if (!(e instanceof RollBack)) throw e;
      });
  });
});

describe("the place members carry for the lookup", () => {
  it("moves with their household when its island or commune changes, whoever changes it", async () => {
    await ctx.orm.em
      .fork()
      .transactional(async (tx) => {
        await tx
          .getConnection()
          .execute(`update households set island = '3', commune = '301' where id = ?`, [households.H3], "run", tx.getTransactionContext());
        const [moved] = await tx
          .getConnection()
          .execute(`select island, commune from individuals where id = ?`, [ids.ahmed], "all", tx.getTransactionContext());
        expect(moved).toEqual({ island: "3", commune: "301" });
        const match = await matchPerson(
          tx,
          person({ firstName: "Ahmed", lastName: "Youssouf", sex: "1", birthDate: "1975-01-01" }),
          { island: "3", commune: "301" },
          ctx.config.matchThresholds,
        );
        expect(match).toMatchObject({ decision: "link", individualId: ids.ahmed });
        throw new RollBack();
      })
      .catch((e) => {
        if (!(e instanceof RollBack)) throw e;
      });
  });
});

class RollBack extends Error {}

describe("matchHousehold", () => {
  const head = person({ firstName: "Mouhamad", lastName: "Saidi", sex: "1", birthDate: "1980-05-03" });
  const wife = person({ firstName: "Fatuma", lastName: "Ali", sex: "2", birthDate: "1992-07-14" });
  const stranger = person({ firstName: "Zena", lastName: "Mmadi", sex: "2", birthDate: "2001-03-03" });
  const iconi = { island: "1", commune: "101", village: "ICONI" };
  it.each([
    ["head and wife, same village → review", [wife], iconi, "review"],
    ["head and wife, same commune, village unknown → review", [wife], { ...iconi, village: null }, "review"],
    ["head and wife, another village → new", [wife], { ...iconi, village: "Mitsoudjé" }, "new"],
    ["head and wife, another commune → new", [wife], { ...iconi, commune: "104" }, "new"],
    // A homonym head with a family of his own: not the same household.
    ["head matched, nobody else → new", [stranger], iconi, "new"],
    // Alone, the head must match at link level: names swapped are only in the review zone.
    ["head alone, names swapped (review zone) → new", [], iconi, "new", { ...head, firstName: "Said", lastName: "Mohamed" }],
    ["head alone, matched at link level → review", [], iconi, "review"],
  ] as const)("%s", async (_label, others, place, decision, who: PersonToMatch = head) => {
    const match = await inTransaction((em) => matchHousehold(em, who, [...others], place, ctx.config.matchThresholds));
    expect(match.decision).toBe(decision);
    expect(match.householdId).toBe(decision === "review" ? households.H1 : null);
  });
});
