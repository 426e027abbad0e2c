import { describe, expect, it } from "vitest";
import { householdFromSubmission } from "../../schemas/registry/household-from-submission";
import { validHousehold } from "../helpers/demo-responses";
import { closestVersion, lastChanges, mergeHousehold, type MergeMember, type MergeSide } from "../../schemas/registry/household-merge";

const person = (id: string | undefined, firstName: string, birthDate: string, attributes: Record<string, unknown> = {}): MergeMember => ({
  ...(id ? { id, personId: `p-${id}` } : {}),
  firstName,
  lastName: "Said",
  sex: firstName === "Fatima" || firstName === "Zalifa" ? "2" : "1",
  birthDate,
  nin: null,
  relationToHead: firstName === "Ali" ? "01" : "03",
  attributes,
});
const household = (members: MergeMember[], village = "Séléa", attributes: Record<string, unknown> = { rooms: 4 }): MergeSide => ({
  island: "1",
  prefecture: "101",
  commune: "10101",
  village,
  attributes,
  members,
});
const noId = ({ id: _, personId: __, ...m }: MergeMember): MergeMember => m;
const ali = person("a", "Ali", "1970-01-05");
const fatima = person("f", "Fatima", "2001-04-12");
const ibrahim = person("i", "Ibrahim", "2004-09-30");

describe("mergeHousehold (issue #14)", () => {
  it("pairs members by identity, not by line: a reordered roster keeps every row with its own person", () => {
    const before = household([ali, fatima, ibrahim]);
    const update = household([ibrahim, ali, fatima].map(noId));
    const merged = mergeHousehold({ base: before, current: before, incoming: update, incomingAt: null, changedAt: new Map() });
    expect(merged.members.map((m) => [m.id, m.personId, m.firstName])).toEqual([
      ["i", "p-i", "Ibrahim"],
      ["a", "p-a", "Ali"],
      ["f", "p-f", "Fatima"],
    ]);
    expect(merged.conflicts).toEqual([]);
  });

  it("a corrected birth date keeps the member; a different person on the same line is a new member", () => {
    const before = household([ali, fatima]);
    const update = household([noId(ali), { ...noId(fatima), birthDate: "2001-04-21" }, noId(person(undefined, "Zalifa", "2025-05-02"))]);
    const merged = mergeHousehold({ base: before, current: before, incoming: update, incomingAt: null, changedAt: new Map() });
    expect(merged.members.map((m) => [m.id ?? null, m.firstName, m.birthDate])).toEqual([
      ["a", "Ali", "1970-01-05"],
      ["f", "Fatima", "2001-04-21"],
      [null, "Zalifa", "2025-05-02"],
    ]);
    const replaced = household([noId(ali), noId(person(undefined, "Zalifa", "2025-05-02"))]);
    const swap = mergeHousehold({ base: before, current: before, incoming: replaced, incomingAt: null, changedAt: new Map() });
    expect(swap.members.map((m) => [m.id ?? null, m.firstName])).toEqual([
      ["a", "Ali"],
      [null, "Zalifa"],
    ]);
  });

  it("keeps what the household changed since the base, takes what only the submission changed, and lists real conflicts", () => {
    const t0 = new Date("2026-01-01T00:00:00Z");
    const t1 = new Date("2026-01-02T00:00:00Z");
    const base = household([ali, fatima, ibrahim]);
    const current = household([ali, { ...fatima, birthDate: "2001-04-21" }], "Iconi", { rooms: 5 });
    const incoming = household([{ ...noId(ali), firstName: "Aly" }, { ...noId(fatima), birthDate: "2001-12-04" }, noId(ibrahim)], "Séléa", {
      rooms: 4,
      owns_land: true,
    });
    const changedAt = lastChanges([
      { state: base, at: t0 },
      { state: current, at: t1 },
    ]);
    const later = mergeHousehold({ base, current, incoming, incomingAt: t0, changedAt });
    expect(later).toMatchObject({ village: "Iconi", attributes: { rooms: 5, owns_land: true } });
    expect(later.members.map((m) => [m.id, m.firstName, m.birthDate])).toEqual([
      ["a", "Aly", "1970-01-05"],
      ["f", "Fatima", "2001-04-21"],
    ]);
    expect(later.conflicts).toEqual([
      {
        path: "/members/f/birthDate",
        variable: "birth_date",
        key: true,
        lineNumber: 2,
        household: "2001-04-21",
        submission: "2001-12-04",
        kept: "household",
      },
    ]);
    // Received after the household's change, the submission's value is the newest.
    const newer = mergeHousehold({ base, current, incoming, incomingAt: new Date("2026-01-03T00:00:00Z"), changedAt });
    expect(newer.members[1]!.birthDate).toBe("2001-12-04");
    expect(newer.conflicts[0]!.kept).toBe("submission");
  });

  it("a household registered afresh (a duplicate) removes nothing it leaves unanswered; an update removes what its clerk removed", () => {
    const nin = { ...ali, nin: "123456789" };
    const base = household([nin, fatima], "Séléa", { rooms: 4, household_photo: "att-1" });
    const current = household([nin, fatima], "Séléa", { rooms: 4, household_photo: "att-1" });
    // Filled from scratch: no photo taken, the head's NIN not asked, Fatima away on the day; one more room.
    const incoming = household([{ ...noId(ali), nin: null }], "Séléa", { rooms: 5 });
    const changedAt = lastChanges([{ state: base, at: new Date(0) }]);
    const duplicate = mergeHousehold({ base, current, incoming, incomingAt: new Date(), changedAt, fresh: true });
    expect(duplicate.attributes).toEqual({ rooms: 5, household_photo: "att-1" });
    expect(duplicate.members.map((m) => [m.id, m.nin])).toEqual([
      ["a", "123456789"],
      ["f", null],
    ]);
    expect(duplicate.conflicts).toEqual([]);
    const update = mergeHousehold({ base, current, incoming, incomingAt: new Date(), changedAt });
    expect(update.attributes).toEqual({ rooms: 5 });
    expect(update.members.map((m) => [m.id, m.nin])).toEqual([["a", null]]);
  });

  it("a member removed by one side and changed by the other is a conflict on the member", () => {
    const base = household([ali, ibrahim]);
    const current = household([ali]);
    const incoming = household([noId(ali), { ...noId(ibrahim), attributes: { literate: true } }]);
    const merged = mergeHousehold({ base, current, incoming, incomingAt: new Date(0), changedAt: new Map([["/members/i", new Date()]]) });
    expect(merged.members.map((m) => m.id)).toEqual(["a"]);
    expect(merged.conflicts).toEqual([
      { path: "/members/i", variable: "members", key: true, lineNumber: null, household: false, submission: true, kept: "household" },
    ]);
  });

  it("finds the version a copy of older data was filled from", () => {
    const v1 = { version: 1, state: household([ali, fatima, ibrahim]) };
    const v2 = { version: 2, state: household([ali, fatima], "Iconi", { rooms: 5 }) };
    expect(closestVersion([v1, v2], household([ali, fatima, ibrahim].map(noId)))?.version).toBe(1);
    expect(closestVersion([v1, v2], household([ali, fatima].map(noId), "Iconi", { rooms: 5 }))?.version).toBe(2);
  });

  it("an update on the current version takes the shortcut, with the same result as the full merge", () => {
    for (let seed = 1; seed <= 40; seed++) {
      const { household: h, members } = householdFromSubmission(validHousehold(seed) as Record<string, unknown>);
      const before: MergeSide = { ...h, members: members.map((m, n) => ({ ...m, id: `m${n}`, personId: `p${n}` })) };
      const elsewhere = validHousehold(seed + 1000) as { village: string };
      const update: MergeSide = {
        ...h,
        village: elsewhere.village,
        attributes: { ...h.attributes, rooms: seed },
        members: [...members].reverse().slice(1),
      };
      const shortcut = mergeHousehold({ base: before, current: before, incoming: update, incomingAt: null, changedAt: new Map() });
      const full = mergeHousehold({
        base: structuredClone(before),
        current: before,
        incoming: update,
        incomingAt: null,
        changedAt: new Map(),
      });
      expect(shortcut).toEqual(full);
    }
  });
});
