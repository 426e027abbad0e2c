import { describe, expect, it } from "vitest";
import { diffStates } from "../../api/registry/households/household-state";

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
