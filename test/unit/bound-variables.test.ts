import { describe, expect, it } from "vitest";
import { boundVariableCodes } from "../../schemas/compile";

/** What a published version's catalogue snapshot is cut from (issue #20: the plots' variables were left out). */
describe("boundVariableCodes", () => {
  it("names the household's questions, every repeat's questions and columns (not the repeat, a unit), and the parts of composite questions", () => {
    const mask = {
      pages: [
        {
          name: "p1",
          elements: [
            { type: "text", name: "address" },
            { type: "paneldynamic", name: "members", templateElements: [{ type: "text", name: "first_name" }] },
            { type: "matrixdynamic", name: "plots", columns: [{ name: "plot_area", cellType: "text" }, { name: "plot_owner" }] },
            { type: "paneldynamic", name: "livestock", templateElements: [{ type: "text", name: "head_count" }] },
            { type: "multipletext", name: "phones", items: [{ name: "phone" }] },
            { type: "matrix", name: "goods", rows: ["radio"], columns: ["1", "2"] },
            { type: "matrixdropdown", name: "herd", rows: ["cattle"], columns: [{ name: "count" }] },
            { type: "html", name: "note" },
          ],
        },
      ],
    };
    expect(boundVariableCodes(mask).sort()).toEqual(
      [
        "address",
        "cattle_count",
        "first_name",
        "goods",
        "head_count",
        "herd",
        "phone",
        "phones",
        "plot_area",
        "plot_owner",
        "radio",
      ].sort(),
    );
  });
});
