import { problem, typeOf, type MaskElement, type MaskQuestion } from "./mask-walker";
import { validatorsOf } from "./question-schema";
import type { CompileProblem } from "./types";

/**
 * Questions that answer several variables at once, survey-core storing an object under the question's
 * name: a multiple text (`multipletext`, `{ item: text }`), a single-choice matrix (`matrix`,
 * `{ row: column }`) and a matrix of dropdowns (`matrixdropdown`, `{ row: { column: cell } }`). Each part
 * is bound to a catalogue variable like a question (item name, row value, or `<row>_<column>` for a
 * cell: cellVariable) and the registry keeps the parts' answers as its own, the question being only how
 * they were asked (schemas/registry/registry-answers.ts).
 */
export function isComposite(question: MaskElement): boolean {
  const type = typeOf(question);
  return type === "multipletext" || type === "matrix" || type === "matrixdropdown";
}

/** A part, and where its answer stands inside the question's object: `[item]`, or `[row, column]`. */
export interface CompositePart extends MaskQuestion {
  at: string[];
}

/** The variable a matrixdropdown's cell is bound to: rows are things (cattle, goats), columns what is asked of each. */
export function cellVariable(row: string, column: string): string {
  return `${row}_${column}`;
}

/**
 * The parts as the questions survey-core makes of them: a multiple text's items are text questions
 * (MultipleTextItemModel wraps a QuestionTextModel); a matrix's rows are each a choice among its columns;
 * a matrixdropdown's cells are questions of the column's cell type (the matrix's `cellType`, dropdown by
 * default), with the column's choices or else the matrix's.
 */
export function compositeParts(entry: MaskQuestion): CompositePart[] {
  const q = entry.question;
  const type = typeOf(q);
  const part = (question: MaskElement, path: string, at: string[]): CompositePart => ({
    question,
    path,
    scope: entry.scope,
    chain: entry.chain,
    at,
  });
  if (type === "matrix") {
    const choices = Array.isArray(q.columns) ? q.columns : [];
    return listOf(q.rows).map((row, i) =>
      part({ type: "dropdown", name: itemValue(row), choices }, `${entry.path}/rows/${i}`, [itemValue(row)]),
    );
  }
  if (type === "matrixdropdown") {
    return listOf(q.rows).flatMap((row) =>
      columnsOf(q).map(({ column, index }) => {
        const [r, c] = [itemValue(row), String(column.name)];
        return part(cellQuestion(q, column, cellVariable(r, c)), `${entry.path}/columns/${index}`, [r, c]);
      }),
    );
  }
  return listOf(q.items).flatMap((item, i) => {
    if (!item || typeof item !== "object") return [];
    const it = item as MaskElement;
    const question: MaskElement = { type: "text", name: it.name };
    for (const key of ["inputType", "validators", "maxLength"]) if (it[key] !== undefined) question[key] = it[key];
    return [part(question, `${entry.path}/items/${i}`, [String(it.name)])];
  });
}

/** Parts survey-core checks as required while the question is shown and enabled, answered or not, by where they stand. */
export function requiredParts(question: MaskElement): string[][] {
  const type = typeOf(question);
  if (type === "matrix")
    return question.eachRowRequired === true || question.isAllRowRequired === true ? listOf(question.rows).map((r) => [itemValue(r)]) : [];
  // A required column wants a cell in every row, empty rows included (survey-core checks every cell).
  if (type === "matrixdropdown") {
    const required = columnsOf(question).filter(({ column }) => column.isRequired === true);
    return listOf(question.rows).flatMap((row) => required.map(({ column }) => [itemValue(row), String(column.name)]));
  }
  const items = listOf(question.items) as MaskElement[];
  return items.filter((i) => i && i.isRequired === true && typeof i.name === "string").map((i) => [String(i.name)]);
}

/**
 * Part validators run in the part's own context (an expression reading the item or `{row.…}`) and number
 * patterns need a rule per part: neither is compiled for parts yet, so they are refused, named.
 */
export function checkPart(part: CompositePart, owner: MaskElement): CompileProblem[] {
  const name = part.at.join(" / ");
  const of =
    typeOf(owner) === "multipletext" ? { fr: "d'un texte multiple", en: "of a multiple text" } : { fr: "d'une matrice", en: "of a matrix" };
  return validatorsOf(part.question).flatMap((v) => {
    const type = String(v.type ?? "").toLowerCase();
    const onNumber = type === "regex" && part.question.inputType === "number";
    if (type !== "expression" && !onNumber) return [];
    return [
      problem(
        part.path,
        owner,
        "unsupported_validator",
        `Le validateur « ${type} » de l'élément « ${name} » ${of.fr} « ${String(owner.name)} » n'est pas pris en charge par rsu.`,
        `Validator "${type}" of item "${name}" ${of.en} "${String(owner.name)}" is not supported by rsu.`,
      ),
    ];
  });
}

/** Keys of a matrixdropdown column that are its cells' question properties (the others are the column's own). */
const CELL_KEYS = ["inputType", "validators", "maxLength", "min", "max"];
const SELECT_CELLS = new Set(["dropdown", "radiogroup", "checkbox", "tagbox"]);

/** The question survey-core makes of a column's cells, named `name`. */
export function cellQuestion(matrix: MaskElement, column: MaskElement, name: string): MaskElement {
  const own = column.cellType === undefined || column.cellType === "default" ? undefined : column.cellType;
  const question: MaskElement = { type: String(own ?? matrix.cellType ?? "dropdown"), name };
  for (const key of CELL_KEYS) if (column[key] !== undefined) question[key] = column[key];
  // Only choice cells have choices: the matrix's own are a default for those of its columns that list none.
  if (SELECT_CELLS.has(typeOf(question))) question.choices = listOf(column.choices).length ? column.choices : listOf(matrix.choices);
  return question;
}

export function columnsOf(matrix: MaskElement): { column: MaskElement; index: number }[] {
  return listOf(matrix.columns).flatMap((column, index) =>
    column && typeof column === "object" && typeof (column as MaskElement).name === "string"
      ? [{ column: column as MaskElement, index }]
      : [],
  );
}

function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** A row or column is a bare value or an object with a `value`; survey-core keys answers by its text. */
function itemValue(item: unknown): string {
  return String(item && typeof item === "object" ? (item as { value?: unknown }).value : item);
}
