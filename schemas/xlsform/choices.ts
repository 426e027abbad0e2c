import type { ImportReport } from "./report";
import type { At, Ctx, Element } from "./row-expressions";
import type { XlsFormRow } from "./tables";
import { textsOf } from "./languages";
import { Untranslatable, translateXPath } from "./xpath";

/** The choices sheet as lists, and each choice as a SurveyJS item (choice_filter as its own visibleIf). */
export interface Choice {
  row: number;
  name: string;
  cells: Record<string, string>;
}

export function choiceLists(rows: XlsFormRow[], report: ImportReport): Map<string, Choice[]> {
  const lists = new Map<string, Choice[]>();
  for (const row of rows) {
    const list = row.cells.list_name;
    const name = row.cells.name;
    if (!list || name === undefined) {
      report.add(
        "refused",
        { sheet: "choices", row: row.row },
        "incomplete_choice",
        "Choix sans liste ou sans nom : ignoré.",
        "Choice without a list or a name: left out.",
      );
      continue;
    }
    if (!lists.has(list)) lists.set(list, []);
    lists.get(list)!.push({ row: row.row, name, cells: row.cells });
  }
  return lists;
}

export function choiceOf(choice: Choice, filter: string | undefined, ctx: Ctx, report: ImportReport, at: At): Element {
  const text = textsOf(choice.cells, "label");
  const item: Element = { value: choice.name, ...(text !== undefined ? { text } : {}) };
  if (filter) {
    // choice_filter names the choices sheet's own columns bare: each choice's values go in as literals.
    const literal = filter.replace(/(?<![$\w{.'"-])([A-Za-z_][\w-]*)(?![\w(}'"-])/g, (word) => {
      if (["and", "or", "div", "mod", "not"].includes(word)) return word;
      const value = word === "name" ? choice.name : choice.cells[word];
      return value === undefined ? word : `'${value.replace(/'/g, "")}'`;
    });
    try {
      item.visibleIf = translateXPath(literal, ctx);
    } catch (error) {
      if (!(error instanceof Untranslatable)) throw error;
      if (choice.row === undefined) return item;
      report.add(
        "refused",
        { ...at, column: "choice_filter" },
        "untranslated_expression",
        `choice_filter « ${filter} » non traduit pour le choix « ${choice.name} » (${error.fr}).`,
        `choice_filter "${filter}" not translated for choice "${choice.name}" (${error.en}).`,
      );
    }
  }
  return item;
}
