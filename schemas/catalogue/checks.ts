import type { FieldError, Message } from "../contracts/api";
import { themeList } from "./themes";
import { CHOICE_TYPES, type Catalogue, type CodeList, type Labels, type Variable } from "./types";

/**
 * Rules across fields and across the catalogue, which a JSON Schema of one object cannot state. Each
 * check returns field errors whose pointers are relative to the object checked, so the API can answer
 * with them as they are. `others` is the rest of the catalogue: the object's own earlier version excluded.
 */
const CODE = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;

export function checkVariable(variable: Variable, others: Catalogue): FieldError[] {
  const errors: FieldError[] = [...checkCode(variable.code), ...checkLabels("/label", variable.label)];
  if (others.variables.some((v) => v.code === variable.code)) {
    errors.push(
      error("/code", "duplicate_code", {
        fr: `La variable « ${variable.code} » existe déjà.`,
        en: `Variable "${variable.code}" already exists.`,
      }),
    );
  }
  const isChoice = CHOICE_TYPES.includes(variable.type);
  if (isChoice && variable.codeList === undefined) {
    errors.push(
      error("/codeList", "code_list_required", {
        fr: "Une variable à choix doit nommer sa liste de codes.",
        en: "A choice variable must name its code list.",
      }),
    );
  }
  if (!isChoice && variable.codeList !== undefined) {
    errors.push(
      error("/codeList", "code_list_not_allowed", {
        fr: `Une variable de type ${variable.type} n'a pas de liste de codes.`,
        en: `A variable of type ${variable.type} has no code list.`,
      }),
    );
  }
  if (isChoice && variable.codeList !== undefined && !others.codeLists.some((l) => l.code === variable.codeList)) {
    errors.push(
      error("/codeList", "unknown_code_list", {
        fr: `La liste de codes « ${variable.codeList} » n'existe pas.`,
        en: `Code list "${variable.codeList}" does not exist.`,
      }),
    );
  }
  const themes = themeList(others);
  if (variable.theme !== undefined && themes && !themes.items.some((i) => i.code === variable.theme)) {
    errors.push(
      error("/theme", "unknown_theme", {
        fr: `Le thème « ${variable.theme} » n'est pas dans la liste des thèmes (${themes.code}).`,
        en: `Theme "${variable.theme}" is not in the list of themes (${themes.code}).`,
      }),
    );
  }
  const { min, max } = variable.constraints ?? {};
  if (min !== undefined && max !== undefined && min > max) {
    errors.push(
      error("/constraints/min", "min_above_max", {
        fr: `Le minimum (${min}) dépasse le maximum (${max}).`,
        en: `The minimum (${min}) is above the maximum (${max}).`,
      }),
    );
  }
  return errors;
}

export function checkCodeList(list: CodeList, others: Catalogue): FieldError[] {
  const errors: FieldError[] = [...checkCode(list.code), ...checkLabels("/label", list.label)];
  if (others.codeLists.some((l) => l.code === list.code)) {
    errors.push(
      error("/code", "duplicate_code", {
        fr: `La liste de codes « ${list.code} » existe déjà.`,
        en: `Code list "${list.code}" already exists.`,
      }),
    );
  }
  const seen = new Set<string>();
  list.items.forEach((item, i) => {
    errors.push(...checkLabels(`/items/${i}/label`, item.label));
    if (seen.has(item.code)) {
      errors.push(
        error(`/items/${i}/code`, "duplicate_value", {
          fr: `La valeur « ${item.code} » figure deux fois.`,
          en: `Value "${item.code}" appears twice.`,
        }),
      );
    }
    seen.add(item.code);
  });
  errors.push(...checkParents(list, others), ...checkChildren(list, others));
  return errors;
}

/** A value child lists name as their items' parent cannot leave the list: those items would be orphans. */
function checkChildren(list: CodeList, others: Catalogue): FieldError[] {
  const values = new Set(list.items.map((item) => item.code));
  const orphans = others.codeLists
    .filter((child) => child.parentList === list.code)
    .flatMap((child) =>
      child.items.filter((item) => item.parent !== undefined && !values.has(item.parent)).map((item) => `${child.code}:${item.code}`),
    );
  return orphans.length
    ? [
        error("/items", "parent_in_use", {
          fr: `Des éléments de listes filles perdraient leur parent : ${orphans.join(", ")}.`,
          en: `Items of child lists would lose their parent: ${orphans.join(", ")}.`,
        }),
      ]
    : [];
}

function checkParents(list: CodeList, others: Catalogue): FieldError[] {
  const lists = new Map(others.codeLists.map((l) => [l.code, l]));
  lists.set(list.code, list);
  if (list.parentList === undefined) {
    const i = list.items.findIndex((item) => item.parent !== undefined);
    return i < 0
      ? []
      : [
          error(`/items/${i}/parent`, "parent_list_required", {
            fr: "Un élément a un parent mais la liste n'a pas de liste parente.",
            en: "An item has a parent but the list has no parent list.",
          }),
        ];
  }
  const parentList = lists.get(list.parentList);
  if (!parentList) {
    return [
      error("/parentList", "unknown_code_list", {
        fr: `La liste de codes « ${list.parentList} » n'existe pas.`,
        en: `Code list "${list.parentList}" does not exist.`,
      }),
    ];
  }
  // Walk up from this list: meeting it again means the hierarchy loops.
  const visited = new Set([list.code]);
  for (let up: CodeList | undefined = parentList; up; up = up.parentList === undefined ? undefined : lists.get(up.parentList)) {
    if (visited.has(up.code)) {
      return [
        error("/parentList", "hierarchy_cycle", {
          fr: `La hiérarchie des listes boucle par « ${up.code} ».`,
          en: `The list hierarchy loops through "${up.code}".`,
        }),
      ];
    }
    visited.add(up.code);
  }
  const parents = new Set(parentList.items.map((item) => item.code));
  return list.items.flatMap((item, i) =>
    item.parent !== undefined && parents.has(item.parent)
      ? []
      : [
          error(`/items/${i}/parent`, item.parent === undefined ? "parent_required" : "unknown_parent", {
            fr: `L'élément « ${item.code} » doit avoir un parent de la liste « ${parentList.code} ».`,
            en: `Item "${item.code}" needs a parent from list "${parentList.code}".`,
          }),
        ],
  );
}

function checkCode(code: string): FieldError[] {
  return CODE.test(code)
    ? []
    : [
        error("/code", "code_format", {
          fr: "Le code s'écrit en minuscules, chiffres et soulignés (snake_case), et commence par une lettre.",
          en: "The code is lowercase letters, digits and underscores (snake_case), starting with a letter.",
        }),
      ];
}

function checkLabels(pointer: string, labels: Labels): FieldError[] {
  return labels.fr?.trim()
    ? []
    : [
        error(`${pointer}/fr`, "french_label_required", {
          fr: "Le libellé français est obligatoire.",
          en: "The French label is required.",
        }),
      ];
}

function error(pointer: string, code: string, message: Message): FieldError {
  return { pointer, code, message };
}
