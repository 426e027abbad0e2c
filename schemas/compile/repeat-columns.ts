import { cellQuestion, columnsOf } from "./composite-questions";
import type { MaskElement } from "./mask-walker";

/** Whether a column wants an answer, and its conditions, which survey-core runs on each row's cell with `{row.x}` reading that row. */
const CELL_CONDITIONS = ["isRequired", "visibleIf", "enableIf", "requiredIf", "readOnly"];

/**
 * The questions of a dynamic matrix (`matrixdynamic`): each row is a record of the unit the matrix is
 * named after, so each column is a question of that record, bound to the variable named like the column
 * (where a matrixdropdown's cell is `<row>_<column>`), with the column's conditions as its own.
 */
export function repeatColumns(matrix: MaskElement, path: string): { question: MaskElement; path: string }[] {
  return columnsOf(matrix).map(({ column, index }) => {
    const question = cellQuestion(matrix, column, String(column.name));
    for (const key of CELL_CONDITIONS) if (column[key] !== undefined) question[key] = column[key];
    return { question, path: `${path}/columns/${index}` };
  });
}
