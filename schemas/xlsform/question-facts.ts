import { isCarried } from "./question-types";
import { readRowType } from "./row-types";
import type { XlsFormRow } from "./tables";
import type { QuestionFacts } from "./xpath";

/** Every question's name, whether its answer is a list, and its repeat: what expressions need to know. */
export function questionFacts(rows: XlsFormRow[]): Map<string, QuestionFacts> {
  const facts = new Map<string, QuestionFacts>();
  const repeats: (string | null)[] = [];
  for (const row of rows) {
    if (!row.cells.type) continue;
    const type = readRowType(row.cells.type);
    if (type.kind === "begin") {
      repeats.push(type.of === "repeat" ? (row.cells.name ?? null) : (repeats[repeats.length - 1] ?? null));
      if (type.of === "repeat" && row.cells.name)
        facts.set(row.cells.name, { multiple: false, repeat: repeats[repeats.length - 2] ?? null });
    } else if (type.kind === "end") repeats.pop();
    else if (row.cells.name && type.kind === "question" && isCarried(type.type)) {
      // Only questions the mask will hold: a condition naming a refused one is itself reported.
      facts.set(row.cells.name, {
        multiple: type.kind === "question" && type.type === "select_multiple",
        repeat: repeats[repeats.length - 1] ?? null,
      });
    }
  }
  return facts;
}
