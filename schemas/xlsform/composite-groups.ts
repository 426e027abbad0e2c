import { cellQuestion, cellVariable, columnsOf } from "../compile/composite-questions";

type Element = Record<string, unknown>;

/**
 * A matrix, matrix of dropdowns or multiple text as the XLSForm export writes it (issue #20): XLSForm has
 * no question answering several variables, so the question becomes a group (ODK's `table-list` for a
 * matrix, `field-list` otherwise) of one question per part, named after the variable the part is bound to
 * (row value, `<row>_<column>` for a cell, item name): the catalogue variables, and so the registry's
 * answers, stay the same, but re-imported it comes back as separate questions, not as the matrix.
 */
export interface CompositeGroup {
  panel: Element;
  appearance: "table-list" | "field-list";
  /** Properties of the question the group cannot carry, named for the report. */
  unwritten: string[];
}

const OWN = ["title", "description", "visibleIf"];

export function compositeGroup(element: Element): CompositeGroup | undefined {
  const type = String(element.type ?? "").toLowerCase();
  const panel: Element = { type: "panel", name: element.name };
  for (const key of OWN) if (element[key] !== undefined) panel[key] = element[key];
  const unwritten = ["isRequired", "requiredIf", "enableIf", "readOnly", "defaultValue", "validators", "totalText"].filter(
    (key) => element[key] !== undefined && element[key] !== false,
  );
  if (type === "matrix") {
    const required = element.eachRowRequired === true || element.isAllRowRequired === true;
    // Each row is a choice among the columns: one list for all, as ODK's table-list wants.
    panel.elements = listOf(element.rows).map((row) => ({
      type: "radiogroup",
      name: partValue(row),
      ...textOf(row, "title"),
      choices: element.columns ?? [],
      ...(required ? { isRequired: true } : {}),
    }));
    return { panel, appearance: "table-list", unwritten };
  }
  if (type === "matrixdropdown") {
    panel.elements = listOf(element.rows).map((row) => {
      const r = partValue(row);
      return {
        type: "panel",
        name: `${String(element.name)}_${r}`,
        ...textOf(row, "title"),
        elements: columnsOf(element).map(({ column }) => cellOf(element, column, r)),
      };
    });
    for (const { column } of columnsOf(element)) if (column.totalType !== undefined) unwritten.push(`columns.${column.name}.totalType`);
    return { panel, appearance: "field-list", unwritten };
  }
  if (type === "multipletext") {
    panel.elements = listOf(element.items).flatMap((item) => {
      if (!item || typeof item !== "object") return [];
      const it = item as Element;
      const question: Element = { type: "text", name: it.name };
      for (const key of ["title", "inputType", "validators", "maxLength", "isRequired"]) if (it[key] !== undefined) question[key] = it[key];
      return [question];
    });
    return { panel, appearance: "field-list", unwritten };
  }
  return undefined;
}

/** A cell of row `r`: the column's question named `<row>_<column>`, its `{row.x}` reading that row's cell `<row>_x`. */
function cellOf(matrix: Element, column: Element, r: string): Element {
  const question = cellQuestion(matrix, column, cellVariable(r, String(column.name)));
  if (column.title !== undefined) question.title = column.title;
  for (const key of ["isRequired", "readOnly", "defaultValue"]) if (column[key] !== undefined) question[key] = column[key];
  for (const key of ["visibleIf", "requiredIf"])
    if (typeof column[key] === "string")
      question[key] = (column[key] as string).replace(/\{row\.([^{}\s]+)\}/g, (_, x: string) => `{${cellVariable(r, x)}}`);
  return question;
}

function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function partValue(item: unknown): string {
  return String(item && typeof item === "object" ? (item as Element).value : item);
}

function textOf(item: unknown, key: string): Element {
  const text = item && typeof item === "object" ? (item as Element).text : undefined;
  return text !== undefined ? { [key]: text } : {};
}
