import { each, type Table } from "./property-support";

/** Properties of the questions that answer several variables at once (composite-questions.ts). */

/** multiple-text.ts: each item is a text question bound to its own variable. */
export const MULTIPLE_TEXT: Table = {
  items: "compiled",
  validators: "refused", // run on the object of the items' answers
  ...each("ignored", ["colCount", "inputSize", "itemErrorLocation", "itemTitleWidth"]),
};

export const MULTIPLE_TEXT_ITEM: Table = {
  ...each("compiled", ["name", "isRequired", "inputType", "maxLength", "validators"]),
  ...each("refused", ["minValueExpression", "maxValueExpression", "maskType"]),
  ...each("ignored", [
    "title",
    "placeholder",
    "requiredErrorText",
    "inputSize",
    "inputTextAlignment",
    "maskSettings",
    "defaultValueExpression",
  ]),
};

/** composite-questions.ts: each row is a choice among the columns, bound to its own variable. */
export const MATRIX: Table = {
  ...each("compiled", ["rows", "columns", "eachRowRequired"]),
  ...each("refused", [
    "rowsVisibleIf", // rows and columns filtered by conditions: not modelled
    "columnsVisibleIf",
    "hideIfRowsEmpty",
    "eachRowUnique", // a column chosen once only
    "cellType", // checkboxes store lists per row
  ]),
  ...each("ignored", [
    "columnMinWidth",
    "showHeader",
    "verticalAlign",
    "alternateRows",
    "displayMode",
    "rowTitleWidth",
    "cells",
    "rowOrder",
    "cellComponent",
  ]),
};

/** A matrix's row or column. */
export const ITEM_VALUE: Table = {
  value: "compiled",
  visibleIf: "refused", // a row or column shown under a condition
  ...each("ignored", ["text", "enableIf", "randomize", "randomizeCategory"]),
};

/** composite-questions.ts: each cell is a question of its column's cell type, bound to `<row>_<column>`. */
export const MATRIX_DROPDOWN: Table = {
  ...each("compiled", ["rows", "columns", "cellType", "choices"]),
  ...each("refused", [
    "rowsVisibleIf", // rows and columns filtered by conditions: not modelled
    "columnsVisibleIf",
    "hideIfRowsEmpty",
    "detailElements", // questions under each row
    "showCommentArea", // a comment on the whole matrix: no variable holds it
  ]),
  // Layout only: transposed data is shown with rows as columns, and stored the same.
  ...each("ignored", [
    "columnMinWidth",
    "showHeader",
    "verticalAlign",
    "alternateRows",
    "displayMode",
    "rowTitleWidth",
    "rowOrder",
    "transposeData",
    "detailPanelMode",
    "cellErrorLocation",
    "detailErrorLocation",
    "horizontalScroll",
    "placeholder",
    "keyDuplicationError",
    "singleInputTitleTemplate",
    "columnColCount",
    "allowAdaptiveActions",
    "totalText",
  ]),
};

/** A matrixdropdown's column: its own properties, and those of its cells' question (not in survey-core's serializer). */
export const MATRIX_COLUMN: Table = {
  visible: (v) => v === false, // a hidden column
  ...each("compiled", ["name", "cellType", "isRequired", "validators", "inputType", "maxLength", "min", "max", "choices"]),
  ...each("refused", [
    "visibleIf", // columns and cells shown under conditions: not modelled
    "enableIf",
    "requiredIf",
    "readOnly",
    "isUnique", // a value given once only down the column
    "totalType", // totals are written into the data as `<name>-total`
    "totalExpression",
    "showInMultipleColumns",
    // Cell question properties the compiler does not carry to cells.
    "showOtherItem",
    "hasOther",
    "showNoneItem",
    "hasNone",
    "showCommentArea",
    "hasComment",
    "choicesVisibleIf",
    "choicesByUrl",
    "choicesFromQuestion",
    "minValueExpression",
    "maxValueExpression",
    "maskType",
    "valueTrue",
    "valueFalse",
    "allowCustomChoices",
    "choicesMin",
    "choicesMax",
    "minSelectedChoices",
    "maxSelectedChoices",
    "expression",
  ]),
  ...each("ignored", [
    "title",
    "width",
    "minWidth",
    "colCount",
    "cellHint",
    "renderAs",
    "requiredErrorText",
    "defaultDisplayValue",
    "resetValueIf",
    "setValueIf",
    "setValueExpression",
    "totalAlignment",
    "totalCurrency",
    "totalDisplayStyle",
    "totalFormat",
    "totalMaximumFractionDigits",
    "totalMinimumFractionDigits",
  ]),
};

/**
 * repeat-columns.ts: a dynamic matrix is a repeat, each row a record of the unit it is named after,
 * each column a question of that record; survey-core pads rows (rowCount, minRowCount: repeat-schema.ts).
 */
export const MATRIX_DYNAMIC: Table = {
  ...each("compiled", ["columns", "cellType", "choices", "rowCount", "minRowCount", "maxRowCount", "keyName"]),
  ...each("refused", [
    "detailElements", // questions under each row
    "showCommentArea", // a comment on the whole matrix: no record holds it
    "defaultRowValue", // answers survey-core writes into each new row: checked, but padded rows would hold them
    "defaultValueFromLastRow",
    "copyDefaultValueFromLastEntry",
    "rowsVisibleIf", // rows and columns filtered by conditions: not modelled
    "columnsVisibleIf",
  ]),
  ...each("ignored", [
    ...Object.keys(MATRIX_DROPDOWN).filter((k) => MATRIX_DROPDOWN[k] === "ignored"),
    "confirmDelete",
    "confirmDeleteText",
    "addRowLocation",
    "addRowButtonLocation",
    "addRowText",
    "removeRowText",
    "hideColumnsIfEmpty",
    "emptyRowsText",
    "noRowsText",
    "allowAddRows",
    "allowRemoveRows",
    "allowRowReorder",
    "allowRowsDragAndDrop",
    "lockedRowCount",
    "detailPanelShowOnAdding",
    "newRowPosition",
  ]),
};

/** A dynamic matrix's column: a question of each row's record, its conditions run on the row (`{row.x}`). */
export const MATRIX_DYNAMIC_COLUMN: Table = {
  ...MATRIX_COLUMN,
  ...each("compiled", ["visibleIf", "enableIf", "requiredIf", "readOnly", "visible"]),
  // Totals are computed by survey-core into `<matrix>-total`, dropped by the server as any computed value.
  ...each("ignored", ["totalType", "totalExpression"]),
};
