import { describe, expect, it } from "vitest";
import type { SurveyJson } from "../../schemas/compile";
import { deriveCatalogue } from "../helpers/derived-catalogue";
import { compareWithSurveyCore, verdict } from "../helpers/differential";
import { randomResponses } from "../helpers/random-responses";

/**
 * DESIGN.md rule 4 on the question parts real forms use (issue #20): multiple texts, comment areas
 * (`<name>-Comment`), the "other" item and its text, the "none" item, "select all", maxSelectedChoices,
 * single-choice matrices (one variable per row).
 * Each form is bound to the catalogue derived from it; our verdict must be survey-core's, case by case
 * and on random type-correct responses (a few values per answer, mixed).
 */
const choices = (...values: string[]) => values.map((value) => ({ value, text: value }));

const form: SurveyJson = {
  elements: [
    { type: "radiogroup", name: "water", isRequired: true, showOtherItem: true, choices: choices("tap", "well") },
    {
      type: "checkbox",
      name: "assets",
      showNoneItem: true,
      showSelectAllItem: true,
      showOtherItem: true,
      maxSelectedChoices: 2,
      choices: choices("radio", "bike", "phone"),
    },
    { type: "boolean", name: "owns_land", showCommentArea: true },
    { type: "dropdown", name: "tenure", visibleIf: "{owns_land} = true", showCommentArea: true, choices: choices("title", "custom") },
    {
      type: "multipletext",
      name: "rooms",
      visibleIf: "{water} != 'well'",
      items: [
        { name: "bedrooms", inputType: "number", isRequired: true, validators: [{ type: "numeric", minValue: 0, maxValue: 9 }] },
        { name: "kitchen", title: "Cuisine" },
      ],
    },
    { type: "multipletext", name: "phones", isRequired: true, items: [{ name: "phone_1" }, { name: "phone_2" }] },
    {
      type: "matrix",
      name: "housing",
      eachRowRequired: true,
      visibleIf: "{owns_land} = true",
      rows: ["walls", { value: "roof", text: "Toit" }],
      columns: ["good", "poor"],
    },
    { type: "matrix", name: "ratings", isRequired: true, rows: ["school", "clinic"], columns: [1, 2, 3] },
  ],
};

const ok = { water: "tap", rooms: { bedrooms: 2 }, phones: { phone_1: "331" }, ratings: { school: 2 } };

describe("multiple texts, comments, 'other', 'none', 'select all': survey-core's verdict", () => {
  it.each([
    ["a plain response", ok, []],
    ["the other item with its text", { ...ok, water: "other", "water-Comment": "rivière" }, []],
    ["the other item without its text", { ...ok, water: "other" }, ["/water-Comment required"]],
    ["the other item with a blank text, which survey-core takes as a text", { ...ok, water: "other", "water-Comment": "  " }, []],
    ["other among several choices, with its text", { ...ok, assets: ["radio", "other"], "assets-Comment": "tv" }, []],
    ["other among several choices, without its text", { ...ok, assets: ["other"] }, ["/assets-Comment required"]],
    ["none alone", { ...ok, assets: ["none"] }, []],
    ["every choice, as 'select all' stores them, within the maximum", { ...ok, assets: ["radio", "bike"] }, []],
    [
      "a comment area on a shown question",
      { ...ok, owns_land: true, "owns_land-Comment": "héritage", housing: { walls: "good", roof: "good" } },
      [],
    ],
    ["a comment without the answer", { ...ok, "owns_land-Comment": "héritage" }, []],
    ["a comment on a hidden question", { ...ok, owns_land: false, "tenure-Comment": "x" }, ["/tenure-Comment hidden_answered"]],
    ["a multiple text's required item left empty", { ...ok, rooms: { kitchen: "oui" } }, ["/rooms/bedrooms required"]],
    ["a multiple text's required item, the question left empty", { ...ok, rooms: undefined }, ["/rooms/bedrooms required"]],
    ["a multiple text hidden, its required item too", { water: "well", phones: { phone_2: "1" }, ratings: { clinic: 1 } }, []],
    [
      "a multiple text answered while hidden",
      { water: "well", rooms: { bedrooms: 1 }, phones: { phone_2: "1" }, ratings: { clinic: 1 } },
      ["/rooms hidden_answered"],
    ],
    ["an item out of its range", { ...ok, rooms: { bedrooms: 12 } }, ["/rooms/bedrooms maximum"]],
    ["a required multiple text with blanks only, which survey-core takes as an answer", { ...ok, phones: { phone_1: " " } }, []],
    ["a required multiple text with empty items", { ...ok, phones: { phone_1: "" } }, ["/phones required"]],
    ["a matrix with every row answered", { ...ok, owns_land: true, housing: { walls: "good", roof: "poor" } }, []],
    ["a matrix wanting every row, one missing", { ...ok, owns_land: true, housing: { walls: "good" } }, ["/housing/roof required"]],
    ["a matrix wanting every row, left empty", { ...ok, owns_land: true }, ["/housing/walls required", "/housing/roof required"]],
    ["a hidden matrix answered", { ...ok, housing: { walls: "good", roof: "good" } }, ["/housing hidden_answered"]],
    ["a required matrix left empty", { ...ok, ratings: {} }, ["/ratings required"]],
  ] as const)("%s", (_, data, expected) => {
    const { ours, surveyCore } = verdict(form, data as Record<string, unknown>);
    expect(ours).toEqual(expected);
    expect(surveyCore).toBe(expected.length === 0);
  });

  it.each([
    ["an other text without the other item", { ...ok, "water-Comment": "rivière" }, ["/water-Comment hidden_answered"]],
    ["none with another choice", { ...ok, assets: ["none", "radio"] }, ["/assets exclusive_choice"]],
    ["more choices than maxSelectedChoices", { ...ok, assets: ["radio", "bike", "phone"] }, ["/assets max_items"]],
    ["an item the multiple text does not have", { ...ok, phones: { phone_1: "1", fax: "2" } }, ["/phones/fax unknown_field"]],
    ["a row the matrix does not have", { ...ok, ratings: { school: 1, road: 2 } }, ["/ratings/road unknown_field"]],
    ["a column the matrix does not have", { ...ok, ratings: { school: 4 } }, ["/ratings/school not_in_list"]],
  ] as const)("refuses what the form cannot send, though survey-core lets it through: %s", (_, data, expected) => {
    expect(verdict(form, data as Record<string, unknown>).ours).toEqual(expected);
  });

  it("gives survey-core's verdict on 60 random responses", async () => {
    const catalogue = deriveCatalogue(form);
    const responses = randomResponses(60, 20261209, {
      water: ["tap", "tap", "well", "other", undefined],
      // survey-core clears the other text when the item is unselected, and keeps "none" alone.
      "water-Comment": (r) => (r.water === "other" ? ["rivière", undefined] : [undefined]),
      assets: [["radio"], ["none"], ["other"], ["radio", "phone"], undefined],
      "assets-Comment": (r) => (Array.isArray(r.assets) && r.assets.includes("other") ? ["tv", undefined] : [undefined]),
      owns_land: [true, false, undefined],
      "owns_land-Comment": ["x", undefined, undefined],
      tenure: ["title", undefined],
      "tenure-Comment": ["y", undefined, undefined],
      rooms: (r) => (r.water === "well" ? [undefined] : [{ bedrooms: 1 }, { bedrooms: 3, kitchen: "oui" }, { kitchen: "non" }]),
      phones: [{ phone_1: "1" }, { phone_2: "2" }, { phone_1: "" }, { phone_1: "1" }],
      housing: (r) => (r.owns_land === true ? [{ walls: "good", roof: "poor" }, { roof: "good" }, undefined] : [undefined]),
      ratings: [{ school: 1 }, { school: 3, clinic: 2 }, { school: 2 }, undefined],
    });
    const { disagreements, refused } = await compareWithSurveyCore(form, catalogue, responses);
    expect(disagreements.slice(0, 3)).toEqual([]);
    expect(refused).toBeGreaterThan(5);
    expect(refused).toBeLessThan(responses.length - 5);
  }, 60_000);
});
