import { Serializer } from "survey-core";
import { MEMBERS_ROSTER } from "../contracts/registry";
import { DYNAMIC_COLUMN_PROPERTIES, PROPERTIES, type Support, type Table } from "./mask-properties";
import { typeOf, type MaskElement, type WalkResult } from "./mask-walker";
import type { CompileProblem, SurveyJson } from "./types";

interface Site {
  element: MaskElement;
  path: string;
  /** survey-core's class name, a key of PROPERTIES. */
  className: string;
  /** Whose property it is, in words: « de la question « x » », `of question "x"`. */
  of: { fr: string; en: string };
  /** The question's name for a choice or a validator, else the element's own. */
  name?: string;
  /** When not the class's own table (a dynamic matrix's columns). */
  table?: Table;
}

/**
 * Refuses every property the compiler does not support that the mask uses (mask-properties.ts), on the
 * survey, its pages, panels, questions, the roster, display elements, choices, validators, calculated
 * values and the triggers it accepts. A property survey-core itself does not know is left alone, as
 * survey-core leaves it; one it knows but the table does not list is refused: nothing is dropped silently.
 */
export function checkProperties(mask: SurveyJson, walked: WalkResult): CompileProblem[] {
  const problems: CompileProblem[] = [];
  for (const site of sites(mask, walked)) {
    const table = site.table ?? PROPERTIES[site.className]!;
    for (const [key, value] of Object.entries(site.element)) {
      const known = Serializer.findProperty(site.className, key);
      const support: Support | undefined = table[known?.name ?? key] ?? table[key] ?? (known ? "refused" : undefined);
      if (!support || support === "compiled" || support === "ignored") continue;
      const used = typeof support === "function" ? support(value, site.element) : !isBlank(value) && !known?.isDefaultValue(value);
      if (!used) continue;
      problems.push({
        path: site.path,
        ...(site.name ? { name: site.name } : {}),
        code: "unsupported_property",
        message: {
          fr: `La propriété « ${key} » ${site.of.fr} n'est pas prise en charge par rsu.`,
          en: `Property "${key}" of ${site.of.en} is not supported by rsu.`,
        },
      });
    }
  }
  return problems;
}

/** Every element whose properties are checked; elements of types rsu does not compile are refused whole elsewhere. */
function* sites(mask: SurveyJson, walked: WalkResult): Generator<Site> {
  yield { element: mask, path: "", className: "survey", of: { fr: "du questionnaire", en: "the survey" } };
  for (const { element, path, kind } of walked.elements) {
    const repeat = kind === "paneldynamic" || kind === "matrixdynamic";
    if (!(kind in PROPERTIES) || (repeat && !walked.repeats.some((r) => r.question === element))) continue;
    const name = typeof element.name === "string" ? element.name : "";
    yield { element, path, className: kind, of: ofElement(kind, name), ...(name ? { name } : {}) };
    const question = { fr: `de la question « ${name} »`, en: `question "${name}"` };
    const choices = Array.isArray(element.choices) ? element.choices : [];
    for (const [i, choice] of choices.entries()) {
      if (isElement(choice))
        yield {
          element: choice,
          path: `${path}/choices/${i}`,
          className: "choiceitem",
          of: { fr: `d'un choix ${question.fr}`, en: `a choice of ${question.en}` },
          name,
        };
    }
    yield* validatorSites(element, path, question, name);
    for (const list of kind === "matrix" ? ["rows", "columns"] : kind === "matrixdropdown" ? ["rows"] : []) {
      for (const [i, item] of (Array.isArray(element[list]) ? (element[list] as unknown[]) : []).entries()) {
        if (!isElement(item)) continue;
        const of = { fr: `d'une ligne ou colonne ${question.fr}`, en: `a row or column of ${question.en}` };
        yield { element: item, path: `${path}/${list}/${i}`, className: "itemvalue", of, name };
      }
    }
    const columns = (kind === "matrixdropdown" || kind === "matrixdynamic") && Array.isArray(element.columns) ? element.columns : [];
    const table = kind === "matrixdynamic" ? { table: DYNAMIC_COLUMN_PROPERTIES } : {};
    for (const [i, column] of columns.entries()) {
      if (!isElement(column)) continue;
      const columnName = String(column.name ?? "");
      const of = { fr: `de la colonne « ${columnName} » ${question.fr}`, en: `column "${columnName}" of ${question.en}` };
      yield { element: column, path: `${path}/columns/${i}`, className: "matrixdropdowncolumn", of, name, ...table };
      yield* validatorSites(column, `${path}/columns/${i}`, of, name);
    }
    const items = kind === "multipletext" && Array.isArray(element.items) ? element.items : [];
    for (const [i, item] of items.entries()) {
      if (!isElement(item)) continue;
      const itemName = String(item.name ?? "");
      const of = { fr: `de l'élément « ${itemName} » ${question.fr}`, en: `item "${itemName}" of ${question.en}` };
      yield { element: item, path: `${path}/items/${i}`, className: "multipletextitem", of, name };
      yield* validatorSites(item, `${path}/items/${i}`, of, name);
    }
  }
  const calculated = Array.isArray(mask.calculatedValues) ? mask.calculatedValues : [];
  for (const [i, value] of calculated.entries()) {
    if (!isElement(value)) continue;
    const name = String(value.name ?? "");
    yield {
      element: value,
      path: `/calculatedValues/${i}`,
      className: "calculatedvalue",
      of: { fr: `de la valeur calculée « ${name} »`, en: `calculated value "${name}"` },
      name,
    };
  }
  const triggers = Array.isArray(mask.triggers) ? mask.triggers : [];
  for (const [i, trigger] of triggers.entries()) {
    const className = isElement(trigger) ? `${typeOf(trigger).replace(/trigger$/, "")}trigger` : "";
    if (isElement(trigger) && className in PROPERTIES)
      yield {
        element: trigger,
        path: `/triggers/${i}`,
        className,
        of: { fr: `du déclencheur « ${typeOf(trigger)} »`, en: `trigger "${typeOf(trigger)}"` },
      };
  }
}

function* validatorSites(element: MaskElement, path: string, question: Site["of"], name: string): Generator<Site> {
  const validators = Array.isArray(element.validators) ? element.validators : [];
  for (const [i, validator] of validators.entries()) {
    const className = isElement(validator) ? `${typeOf(validator)}validator` : "";
    if (isElement(validator) && className in PROPERTIES)
      yield {
        element: validator,
        path: `${path}/validators/${i}`,
        className,
        of: { fr: `d'un validateur ${question.fr}`, en: `a validator of ${question.en}` },
        name,
      };
  }
}

function ofElement(kind: string, name: string): { fr: string; en: string } {
  switch (kind) {
    case "page":
      return { fr: `de la page « ${name} »`, en: `page "${name}"` };
    case "panel":
      return { fr: `du panneau « ${name} »`, en: `panel "${name}"` };
    case "paneldynamic":
      return name === MEMBERS_ROSTER
        ? { fr: `du tableau des membres « ${name} »`, en: `the members roster "${name}"` }
        : { fr: `du panneau dynamique « ${name} »`, en: `dynamic panel "${name}"` };
    default:
      return { fr: `de la question « ${name} »`, en: `question "${name}"` };
  }
}

function isElement(value: unknown): value is MaskElement {
  return !!value && typeof value === "object" && !Array.isArray(value);
}

/** What no survey means as a setting: absent, empty, off. */
function isBlank(value: unknown): boolean {
  if (value === undefined || value === null || value === false || value === "") return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === "object" && Object.keys(value as object).length === 0;
}
