import { walkMask } from "../../schemas/compile/mask-walker";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { demoCatalogue } from "../../api/db/seeders/demo/catalogue";
import { compile, type SurveyJson } from "../../schemas/compile";
import { registryAnswers } from "../../schemas/registry/registry-answers";
import { maskToXlsForm } from "../../schemas/xlsform/from-mask";
import { readXlsForm } from "../../schemas/xlsform/read-xlsform";
import { xlsFormToMask } from "../../schemas/xlsform/to-mask";
import { writeXlsForm } from "../../schemas/xlsform/write-xlsform";
import { deriveCatalogue } from "../helpers/derived-catalogue";

/**
 * XLSForm export (issue #20): import → export (.xlsx) → import gives the same mask on what both
 * directions support, exactly for a form that uses all of it, and question by question for the real
 * forms of test/fixtures/xlsform, where the export's report names each question it could not write.
 */
const FIXTURES = fileURLToPath(new URL("../fixtures/xlsform/", import.meta.url));

function importBytes(bytes: Uint8Array) {
  const read = readXlsForm(bytes);
  if (!read || !("tables" in read)) throw new Error("not an XLSForm");
  return xlsFormToMask(read.tables, demoCatalogue);
}

function roundTrip(bytes: Uint8Array) {
  const first = importBytes(bytes);
  const exported = maskToXlsForm(first.mask, first.formId);
  const again = importBytes(writeXlsForm(exported));
  return { first, exported, again };
}

type Element = Record<string, unknown>;
function byName(mask: Element): Map<string, Element> {
  const found = new Map<string, Element>();
  const walk = (list: unknown) => {
    for (const e of Array.isArray(list) ? (list as Element[]) : []) {
      // A container is compared on its own properties; its contents one by one.
      const { elements, templateElements, ...own } = e;
      found.set(String(e.name), own);
      walk(e.elements);
      walk(e.templateElements);
    }
  };
  walk(mask.pages);
  return found;
}

// biome-ignore-start lint/suspicious/noTemplateCurlyInString: XLSForm's own reference syntax
const FULL = [
  "survey,type,name,label::Français (fr),label::English (en),hint::Français (fr),required,relevant,constraint,constraint_message::Français (fr),default,appearance,read_only,calculation",
  ",begin group,identification,Identification,Identification,,,,,,,,,",
  ",text,village,Village,Village,Nom du village,yes,,,,,,,",
  ",integer,number_of_rooms,Pièces,Rooms,,yes,,. > 0 and . < 30,Entre 1 et 29,2,,,",
  ",decimal,surface,Surface,Area,,${number_of_rooms} > 3,,. >= 0,,,,,",
  ",date,interview_date,Date,Date,,,,. <= today(),Pas dans le futur,,,,",
  ",text,notes,Notes,Notes,,,,,,,multiline,,",
  ",select_one oui_non or_other,consent,Accord ?,Consent?,,yes,${number_of_rooms} > 1,,,,minimal,,",
  ",select_multiple biens,assets,Biens,Assets,,,,\"not(selected(., 'aucun') and count-selected(.) > 1)\",Aucun seul,,,,",
  ",note,intro,Bonjour ${village},Hello ${village},,,,,,,,,",
  ",calculate,rooms_x2,,,,,,,,,,,${number_of_rooms} * 2",
  ",text,code,Code,Code,,,,\"regex(., '^[0-9]{4}$')\",,,,yes,",
  ",end group,,,,,,,,,,,,",
  ",begin repeat,members,Membres,Members,,,,,,,,,",
  ",text,first_name,Prénom,First name,,yes,,string-length(.) > 1,,,,,",
  ",integer,age,Âge,Age,,,${first_name} != '',. < 120,,,,,",
  ",end repeat,,,,,,,,,,,,",
  ",integer,total_age,Total,Total,,,sum(${age}) > 0,,,,,,",
  "choices,list_name,name,label::Français (fr),label::English (en)",
  ",oui_non,1,Oui,Yes",
  ",oui_non,0,Non,No",
  ",biens,radio,Radio,Radio",
  ",biens,aucun,Aucun,None",
  "settings,form_title,form_id",
  ",Ménage,menage_xls",
].join("\n");
// biome-ignore-end lint/suspicious/noTemplateCurlyInString: XLSForm's own reference syntax

describe("XLSForm export", () => {
  it("gives back the same mask through .xlsx for a form using everything both directions support", () => {
    const { first, exported, again } = roundTrip(new TextEncoder().encode(FULL));
    expect(first.report.filter((e) => e.outcome === "refused")).toEqual([]);
    expect(exported.report).toEqual([]);
    expect(again.mask).toEqual(first.mask);
    expect(again.formId).toBe("menage_xls");
    // What it carried, to be sure the comparison is not between two empty masks.
    const questions = byName(first.mask);
    expect(questions.get("number_of_rooms")).toMatchObject({ inputType: "number", defaultValue: 2, isRequired: true });
    expect(questions.get("surface")).toMatchObject({ requiredIf: "({number_of_rooms} > 3)" });
    expect(questions.get("assets")!.validators).toEqual([
      {
        type: "expression",
        expression: "{assets} empty or !((({assets} contains 'aucun') and (count({assets}) > 1)))",
        text: { fr: "Aucun seul" },
      },
    ]);
    expect(questions.get("age")).toMatchObject({ visibleIf: "({panel.first_name} != '')" });
    expect(questions.get("total_age")).toMatchObject({ visibleIf: "(sumInArray({members}, 'age') > 0)" });
    expect(questions.get("code")).toMatchObject({ readOnly: true, validators: [{ type: "regex", regex: "^[0-9]{4}$" }] });
    expect(questions.get("consent_other")).toMatchObject({ visibleIf: "({consent} = 'other')" });
  });

  it("writes a SurveyJS form's calculated values as calculations, which come back as hidden expression questions", () => {
    const mask = {
      calculatedValues: [{ name: "big", expression: "{rooms} > 3" }],
      pages: [{ name: "p", elements: [{ type: "text", inputType: "number", name: "rooms" }] }],
    };
    const exported = maskToXlsForm(mask, "calc");
    expect(exported.report).toEqual([]);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: XLSForm's own reference syntax
    expect(exported.survey.at(-1)).toEqual(["calculate", "big", "(${rooms} > 3)"]);
    const again = importBytes(writeXlsForm(exported));
    expect(byName(again.mask).get("big")).toMatchObject({ type: "expression", expression: "({rooms} > 3)", visible: false });
  });

  it("writes a dynamic matrix as a repeat of its columns, their row conditions read as the repeat's answers", () => {
    const mask = {
      pages: [
        {
          name: "p",
          elements: [
            {
              type: "matrixdynamic",
              name: "plots",
              columns: [
                { name: "area", cellType: "text", inputType: "number", isRequired: true },
                { name: "crop", cellType: "dropdown", choices: ["maize"], visibleIf: "{row.area} > 2" },
              ],
            },
          ],
        },
      ],
    };
    const exported = maskToXlsForm(mask, "plots");
    expect(exported.report).toEqual([]);
    const rows = exported.survey.slice(1).map((row) => row.filter((cell) => cell !== ""));
    expect(rows.map((row) => row.slice(0, 2))).toEqual([
      ["begin_group", "p"],
      ["begin_repeat", "plots"],
      ["decimal", "area"],
      ["select_one crop", "crop"],
      ["end_repeat"],
      ["end_group"],
    ]);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: XLSForm's own reference syntax
    expect(rows[3]).toContain("(${area} > 2)");
  });

  it("writes matrices and multiple texts as groups of questions named as their variables, which come back as separate questions", () => {
    const mask = {
      pages: [
        {
          name: "p",
          elements: [
            { type: "text", inputType: "number", name: "herd_size" },
            {
              type: "matrixdropdown",
              name: "livestock",
              title: { fr: "Bétail", en: "Livestock" },
              visibleIf: "{herd_size} > 0",
              rows: ["cattle", { value: "goats", text: { fr: "Chèvres", en: "Goats" } }],
              choices: ["owned", "rented"],
              columns: [
                { name: "count", title: "Nombre", cellType: "text", inputType: "number", isRequired: true },
                { name: "tenure", visibleIf: "{row.count} > 0" },
              ],
            },
            {
              type: "matrix",
              name: "opinions",
              rows: [{ value: "water", text: "Eau" }, "roads"],
              columns: [
                { value: "1", text: "Bon" },
                { value: "2", text: "Mauvais" },
              ],
              eachRowRequired: true,
            },
            { type: "multipletext", name: "contact", items: [{ name: "phone", title: "Téléphone", isRequired: true }, { name: "email" }] },
          ],
        },
      ],
    };
    const exported = maskToXlsForm(mask, "composites");
    // The report says, row by row, that each comes back as separate questions: XLSForm has no question of several answers.
    expect(exported.report.map((e) => [e.row, e.name, e.outcome, e.code])).toEqual([
      [4, "livestock", "approximated", "composite_as_group"],
      [14, "opinions", "approximated", "composite_as_group"],
      [18, "contact", "approximated", "composite_as_group"],
    ]);
    const rows = exported.survey.slice(1).map((row) => row.filter((cell) => cell !== ""));
    expect(rows.map((row) => row.slice(0, 2))).toEqual([
      ["begin_group", "p"],
      ["decimal", "herd_size"],
      ["begin_group", "livestock"],
      ["begin_group", "livestock_cattle"],
      ["decimal", "cattle_count"],
      ["select_one cattle_tenure", "cattle_tenure"],
      ["end_group"],
      ["begin_group", "livestock_goats"],
      ["decimal", "goats_count"],
      ["select_one goats_tenure", "goats_tenure"],
      ["end_group"],
      ["end_group"],
      ["begin_group", "opinions"],
      ["select_one water", "water"],
      ["select_one roads", "roads"],
      ["end_group"],
      ["begin_group", "contact"],
      ["text", "phone"],
      ["text", "email"],
      ["end_group"],
      ["end_group"],
    ]);
    // ODK shows a matrix as a table-list group, the others on one screen.
    expect(rows[2]).toContain("field-list");
    expect(rows[12]).toContain("table-list");

    const catalogue = deriveCatalogue(mask);
    const read = readXlsForm(writeXlsForm(exported));
    if (!read || !("tables" in read)) throw new Error("not an XLSForm");
    const again = xlsFormToMask(read.tables, catalogue);
    expect(again.report.filter((e) => e.outcome !== "mapped")).toEqual([]);
    const questions = byName(again.mask);
    expect(questions.get("livestock")).toEqual({
      type: "panel",
      name: "livestock",
      title: { fr: "Bétail", en: "Livestock" },
      visibleIf: "({herd_size} > 0)",
    });
    expect(questions.get("livestock_goats")).toMatchObject({ type: "panel", title: { fr: "Chèvres", en: "Goats" } });
    // A column's condition reads its own row's cell.
    expect(questions.get("goats_tenure")).toMatchObject({
      type: "dropdown",
      visibleIf: "({goats_count} > 0)",
      choices: [{ value: "owned" }, { value: "rented" }],
    });
    expect(questions.get("cattle_count")).toEqual({
      name: "cattle_count",
      type: "text",
      inputType: "number",
      title: "Nombre",
      isRequired: true,
    });
    expect(questions.get("roads")).toMatchObject({
      type: "radiogroup",
      isRequired: true,
      choices: [
        { value: "1", text: "Bon" },
        { value: "2", text: "Mauvais" },
      ],
    });
    expect(questions.get("phone")).toEqual({ name: "phone", type: "text", title: "Téléphone", isRequired: true });
    // Not the same mask, but the same variables: what the registry keeps of an answer is the same either way.
    expect(compile(again.mask as SurveyJson, catalogue)).toBeTruthy();
    const asked = {
      herd_size: 2,
      livestock: { cattle: { count: 2, tenure: "owned" } },
      opinions: { water: "1", roads: "2" },
      contact: { phone: "77" },
    };
    const reasked = { herd_size: 2, cattle_count: 2, cattle_tenure: "owned", water: "1", roads: "2", phone: "77" };
    expect(registryAnswers(reasked, catalogue)).toEqual(registryAnswers(asked, catalogue));
    expect(registryAnswers(asked, catalogue)).toMatchObject({ cattle_tenure: "owned", roads: "2", phone: "77" });
  });

  it("imports a repeat inside a repeat of a unit or inside the members, its questions reading the enclosing record as {parentpanel.x}", () => {
    // biome-ignore-start lint/suspicious/noTemplateCurlyInString: XLSForm's own reference syntax
    const form = [
      "survey,type,name,label,relevant",
      ",begin repeat,trees,Arbres,",
      ",integer,tag,Numéro,",
      ",begin repeat,stems,Tiges de l'arbre ${tag},${tag} > 0",
      ",decimal,diameter,Diamètre,${tag} > 1",
      ",end repeat,,,",
      ",end repeat,,,",
      ",begin repeat,members,Membres,",
      ",text,first_name,Prénom,",
      ",begin repeat,jobs,Emplois,",
      ",text,job,Emploi,",
      ",end repeat,,,",
      ",end repeat,,,",
    ].join("\n");
    // biome-ignore-end lint/suspicious/noTemplateCurlyInString: XLSForm's own reference syntax
    const first = importBytes(new TextEncoder().encode(form));
    expect(first.report.filter((e) => e.outcome === "refused").map((e) => [e.row, e.name, e.code])).toEqual([]);
    const questions = byName(first.mask);
    // Each member's jobs are a dynamic panel in the member's panel, a repeat whose records the member holds.
    expect(questions.get("jobs")).toMatchObject({ type: "paneldynamic" });
    expect(walkMask(first.mask).repeats.map((r) => [r.question.name, r.parent])).toEqual([
      ["trees", undefined],
      ["stems", "trees"],
      ["members", undefined],
      ["jobs", "members"],
    ]);
    // The stems' list and its title stand in the tree's record; a stem's questions in the stem's.
    expect(questions.get("stems")).toMatchObject({
      type: "paneldynamic",
      title: "Tiges de l'arbre {panel.tag}",
      visibleIf: "({panel.tag} > 0)",
    });
    expect(questions.get("diameter")).toMatchObject({ visibleIf: "({parentpanel.tag} > 1)" });
    // Exported, the enclosing record's answer is `${x}` again, and comes back the same.
    const again = importBytes(writeXlsForm(maskToXlsForm(first.mask, "trees")));
    expect(byName(again.mask).get("diameter")).toEqual(questions.get("diameter"));
    expect(byName(again.mask).get("stems")).toEqual(questions.get("stems"));
    expect(byName(again.mask).get("jobs")).toEqual(questions.get("jobs"));
    expect(walkMask(again.mask).repeats.map((r) => [r.question.name, r.parent])).toEqual(
      walkMask(first.mask).repeats.map((r) => [r.question.name, r.parent]),
    );
  });

  it.each(readdirSync(FIXTURES).filter((f) => !f.endsWith(".tsv")))(
    "keeps every question of %s it writes",
    (file) => {
      const { first, exported, again } = roundTrip(new Uint8Array(readFileSync(`${FIXTURES}${file}`)));
      const unwritten = new Set(exported.report.map((e) => e.name));
      const before = byName(first.mask);
      const after = byName(again.mask);
      let compared = 0;
      for (const [name, element] of before) {
        if (unwritten.has(name)) continue;
        expect(after.get(name), name).toEqual(element);
        compared++;
      }
      expect(compared).toBeGreaterThan(0);
      for (const entry of exported.report) {
        expect(entry.message.fr).not.toBe("");
        expect(entry.message.en).not.toBe("");
      }
    },
    60_000,
  );
});
