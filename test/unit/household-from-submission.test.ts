import { describe, expect, it } from "vitest";
import { householdFromSubmission } from "../../schemas/registry/household-from-submission";

describe("householdFromSubmission", () => {
  const data = {
    island: "1",
    prefecture: "101",
    commune: "10101",
    village: " Iconi ",
    wall_material: "02",
    assets: ["radio", "phone"],
    members: [
      { first_name: "Fatima", last_name: "Saïd", sex: "2", relation_to_head: "02", birth_date: "1990-04-02" },
      {
        first_name: "Mohamed",
        last_name: "Saïd",
        sex: "1",
        relation_to_head: "01",
        birth_date: "1985-01-01",
        nin: "123456789",
        attends_school: false,
      },
    ],
  };

  it("puts key answers in columns and every other answer in attributes, once", () => {
    const { household, members } = householdFromSubmission(data);
    expect(household).toEqual({
      island: "1",
      prefecture: "101",
      commune: "10101",
      village: "Iconi",
      headName: "Mohamed Saïd",
      searchName: "mohamed said",
      attributes: { wall_material: "02", assets: ["radio", "phone"] },
    });
    expect(members).toEqual([
      {
        lineNumber: 1,
        firstName: "Fatima",
        lastName: "Saïd",
        sex: "2",
        birthDate: "1990-04-02",
        nin: null,
        relationToHead: "02",
        attributes: {},
        nameKey: "fatima said",
        blockKey: "fdm sd",
        birthYear: 1990,
      },
      {
        lineNumber: 2,
        firstName: "Mohamed",
        lastName: "Saïd",
        sex: "1",
        birthDate: "1985-01-01",
        nin: "123456789",
        relationToHead: "01",
        attributes: { attends_school: false },
        nameKey: "mohamed said",
        blockKey: "mhmd sd",
        birthYear: 1985,
      },
    ]);
  });

  it.each([
    [
      "no member is the head: the first member names the household",
      [{ first_name: "Ali", last_name: "Madi", relation_to_head: "03" }],
      "Ali Madi",
    ],
    ["no roster at all", undefined, null],
  ])("%s", (_what, roster, headName) => {
    expect(householdFromSubmission({ commune: "10101", members: roster }).household.headName).toBe(headName);
  });
});
