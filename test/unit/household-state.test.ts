import { describe, expect, it } from "vitest";
import { diffHouseholdStates } from "../../api/registry/households/household-diff";
import { diffStates, type HouseholdState, type MemberState } from "../../api/registry/households/household-state";

describe("diffStates", () => {
  it("lists each changed leaf as a JSON pointer, arrays by index", () => {
    const before = { village: "Mitsamiouli", attributes: { rooms: 2, "a/b": 1 }, members: [{ firstName: "Said" }] };
    const after = {
      village: "Mitsamiouli",
      attributes: { rooms: 3, "a/b": 1, phone: "3123456" },
      members: [{ firstName: "Saïd" }, { firstName: "Fatima" }],
    };
    expect(diffStates(before, after)).toEqual([
      { path: "/attributes/rooms", before: 2, after: 3 },
      { path: "/attributes/phone", before: null, after: "3123456" },
      { path: "/members/0/firstName", before: "Said", after: "Saïd" },
      { path: "/members/1", before: null, after: { firstName: "Fatima" } },
    ]);
  });

  it("finds nothing between equal states and escapes pointer characters", () => {
    expect(diffStates({ a: [1, { b: null }] }, { a: [1, { b: null }] })).toEqual([]);
    expect(diffStates({ "x~y": 1 }, { "x~y": 2 })).toEqual([{ path: "/x~0y", before: 1, after: 2 }]);
  });
});

describe("diffHouseholdStates", () => {
  const member = (personId: string, lineNumber: number, firstName: string) =>
    ({ id: `i-${personId}`, personId, lineNumber, firstName }) as MemberState;
  const household = (members: MemberState[]) =>
    ({ island: "1", prefecture: null, commune: null, village: "Ivembeni", headName: "Said", attributes: {}, members }) as HouseholdState;

  it("compares members by person (#21): one who leaves the middle of the roster is one change, the others only renumbered", () => {
    const before = household([member("p1", 1, "Said"), member("p2", 2, "Fatima"), member("p3", 3, "Ali")]);
    const after = household([member("p1", 1, "Said"), member("p3", 2, "Aly")]);
    expect(diffHouseholdStates(before, after)).toEqual([
      { path: "/members/p3/lineNumber", before: 3, after: 2 },
      { path: "/members/p3/firstName", before: "Ali", after: "Aly" },
      { path: "/members/p2", before: member("p2", 2, "Fatima"), after: null },
    ]);
  });
});
