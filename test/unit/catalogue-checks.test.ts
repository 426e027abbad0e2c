import { describe, expect, it } from "vitest";
import { demoCatalogue } from "../../api/db/seeders/demo/catalogue";
import { codeListSchema, variableSchema } from "../../schemas/catalogue/catalogue.schema";
import { checkCodeList, checkVariable } from "../../schemas/catalogue/checks";
import { diffCatalogues } from "../../schemas/catalogue/diff";
import type { Catalogue, CodeList, Variable } from "../../schemas/catalogue/types";
import { compile, createValidator } from "../../schemas/compile";

const catalogue: Catalogue = {
  variables: [{ code: "age", level: "individual", type: "integer", label: { fr: "Âge" } }],
  codeLists: [
    {
      code: "ile",
      label: { fr: "Île" },
      items: [
        { code: "1", label: { fr: "Ngazidja" } },
        { code: "2", label: { fr: "Mwali" } },
      ],
    },
    { code: "prefecture", label: { fr: "Préfecture" }, parentList: "ile", items: [{ code: "11", label: { fr: "Moroni" }, parent: "1" }] },
  ],
};
const variable = (changes: Partial<Variable>): Variable => ({
  code: "revenu",
  level: "household",
  type: "decimal",
  label: { fr: "Revenu" },
  ...changes,
});
const list = (changes: Partial<CodeList>): CodeList => ({
  code: "sexe",
  label: { fr: "Sexe" },
  items: [
    { code: "1", label: { fr: "Homme" } },
    { code: "2", label: { fr: "Femme" } },
  ],
  ...changes,
});
const codesOf = (errors: { pointer: string; code: string }[]) => errors.map((e) => `${e.pointer} ${e.code}`);

describe("checkVariable", () => {
  it.each<[string, Partial<Variable>, string[]]>([
    ["a valid variable", {}, []],
    ["a code not in snake case", { code: "Revenu-Mensuel" }, ["/code code_format"]],
    ["a code with a double underscore", { code: "revenu__mois" }, ["/code code_format"]],
    ["no French label", { label: { fr: " ", en: "Income" } }, ["/label/fr french_label_required"]],
    ["a duplicate code", { code: "age" }, ["/code duplicate_code"]],
    ["an unknown code list", { type: "single_choice", codeList: "nope" }, ["/codeList unknown_code_list"]],
    ["a choice without a code list", { type: "multiple_choice" }, ["/codeList code_list_required"]],
    ["a code list on a number", { codeList: "ile" }, ["/codeList code_list_not_allowed"]],
    ["min above max", { constraints: { min: 10, max: 1 } }, ["/constraints/min min_above_max"]],
    ["a known code list", { type: "single_choice", codeList: "ile" }, []],
  ])("%s", (_name, changes, expected) => expect(codesOf(checkVariable(variable(changes), catalogue))).toEqual(expected));

  it("takes themes from the theme list when the catalogue has one, free text otherwise", () => {
    const themes = list({ code: "theme", items: [{ code: "dwelling", label: { fr: "Logement" } }] });
    const withThemes = { ...catalogue, codeLists: [...catalogue.codeLists, themes] };
    expect(codesOf(checkVariable(variable({ theme: "dwelling" }), withThemes))).toEqual([]);
    expect(codesOf(checkVariable(variable({ theme: "logement " }), withThemes))).toEqual(["/theme unknown_theme"]);
    expect(codesOf(checkVariable(variable({ theme: "logement " }), catalogue))).toEqual([]);
  });
});

describe("checkCodeList", () => {
  it.each<[string, Partial<CodeList>, string[]]>([
    ["a valid list", {}, []],
    [
      "duplicate values",
      {
        items: [
          { code: "1", label: { fr: "A" } },
          { code: "1", label: { fr: "B" } },
        ],
      },
      ["/items/1/code duplicate_value"],
    ],
    ["an item without French label", { items: [{ code: "1", label: { fr: "" } }] }, ["/items/0/label/fr french_label_required"]],
    ["a duplicate list code", { code: "ile" }, ["/code duplicate_code"]],
    ["an unknown parent list", { parentList: "nope" }, ["/parentList unknown_code_list"]],
    [
      "a parent that is not in the parent list",
      { parentList: "ile", items: [{ code: "a", label: { fr: "A" }, parent: "9" }] },
      ["/items/0/parent unknown_parent"],
    ],
    ["a parent without parent list", { items: [{ code: "a", label: { fr: "A" }, parent: "1" }] }, ["/items/0/parent parent_list_required"]],
    ["a known parent", { parentList: "ile", items: [{ code: "a", label: { fr: "A" }, parent: "1" }] }, []],
  ])("%s", (_name, changes, expected) => expect(codesOf(checkCodeList(list(changes), catalogue))).toEqual(expected));

  it("refuses removing a value that items of a child list name as parent", () => {
    const others = { ...catalogue, codeLists: catalogue.codeLists.filter((l) => l.code !== "ile") };
    const ile: CodeList = { ...catalogue.codeLists[0]!, items: [{ code: "2", label: { fr: "Mwali" } }] };
    expect(codesOf(checkCodeList(ile, others))).toEqual(["/items parent_in_use"]);
  });

  it("refuses a cycle in the list hierarchy", () => {
    // "ile" is edited to refine "prefecture", which refines "ile".
    const others = { ...catalogue, codeLists: catalogue.codeLists.filter((l) => l.code !== "ile") };
    const ile: CodeList = {
      ...catalogue.codeLists[0]!,
      parentList: "prefecture",
      items: [{ code: "1", label: { fr: "N" }, parent: "11" }],
    };
    expect(codesOf(checkCodeList(ile, others))).toEqual(["/parentList hierarchy_cycle"]);
  });

  it("accepts every list and variable of the demo catalogue", () => {
    const without = <T extends { code: string }>(xs: T[], x: T) => xs.filter((y) => y !== x);
    for (const l of demoCatalogue.codeLists)
      expect(checkCodeList(l, { ...demoCatalogue, codeLists: without(demoCatalogue.codeLists, l) })).toEqual([]);
    for (const v of demoCatalogue.variables)
      expect(checkVariable(v, { ...demoCatalogue, variables: without(demoCatalogue.variables, v) })).toEqual([]);
  });
});

describe("the catalogue's JSON Schema", () => {
  const validateVariable = createValidator(variableSchema as never);
  const validateList = createValidator(codeListSchema as never);
  it("accepts the demo catalogue", () => {
    for (const v of demoCatalogue.variables) expect(validateVariable(v)).toEqual([]);
    for (const l of demoCatalogue.codeLists) expect(validateList(l)).toEqual([]);
  });
  it("refuses an unknown type, a missing label and an unknown property", () => {
    const pointers = validateVariable({ code: "x", level: "household", type: "colour", extra: 1 }).map((e) => e.pointer);
    expect(pointers).toEqual(expect.arrayContaining(["/type", "/label"]));
    expect(validateVariable({ ...variable({}), status: "retired" }).map((e) => e.pointer)).toEqual(["/status"]);
  });
});

describe("new variable types compile to text questions with a pattern", () => {
  const compileOne = (type: Variable["type"]) => {
    const mask = { pages: [{ name: "p", elements: [{ type: "text", name: "x", ...(type === "phone" ? { inputType: "tel" } : {}) }] }] };
    return createValidator(
      compile(mask as never, { variables: [{ code: "x", level: "household", type, label: { fr: "X" } }], codeLists: [] }),
    );
  };
  it.each<[Variable["type"], string, string]>([
    ["phone", "+269 333 12 34", "abc"],
    ["national_id", "NIN-12345", "!!"],
    ["gps_point", "-11.70,43.25", "200,500"],
  ])("%s accepts %s and refuses %s", (type, good, bad) => {
    const validate = compileOne(type);
    expect(validate({ x: good })).toEqual([]);
    expect(validate({ x: bad }).length).toBeGreaterThan(0);
  });
});

describe("diffCatalogues", () => {
  it("lists added, removed and changed variables and code lists by code", () => {
    const after: Catalogue = {
      variables: [{ ...catalogue.variables[0]!, label: { fr: "Âge en années" } }, variable({})],
      codeLists: [catalogue.codeLists[0]!],
    };
    expect(diffCatalogues(catalogue, after)).toEqual({
      variables: { added: ["revenu"], removed: [], changed: ["age"] },
      codeLists: { added: [], removed: ["prefecture"], changed: [] },
    });
  });
  it("sees no change when only key order differs", () => {
    const reordered = {
      variables: [{ label: { fr: "Âge" }, type: "integer", level: "individual", code: "age" } as Variable],
      codeLists: catalogue.codeLists,
    };
    expect(diffCatalogues(catalogue, reordered).variables.changed).toEqual([]);
  });
});
