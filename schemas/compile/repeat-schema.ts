import type { AnswerObject } from "./answer-object";
import { nonEmpty, type Repeat } from "./mask-walker";
import type { JsonSchema } from "./types";

/**
 * Adds a repeat to the household's answers: a list of records, each checked by `records`' schema.
 * A dynamic panel's minPanelCount is a minimum of panels whenever it is shown (survey-core adds the
 * missing ones, whose questions are then checked). A dynamic matrix pads its rows the same way: with
 * no answer, it shows `rowCount` rows (2 by default), and never fewer than `minRowCount`; survey-core
 * checks those empty rows' cells, so the rule keeps what an empty row must satisfy (`rows`).
 */
export function repeatSchema(household: AnswerObject, repeat: Repeat, records: AnswerObject): void {
  const q = repeat.question;
  const name = String(q.name);
  const panels = repeat.record === "panel";
  const min = Number((panels ? q.minPanelCount : q.minRowCount) ?? 0);
  const max = Number((panels ? q.maxPanelCount : q.maxRowCount) ?? 0);
  const items = records.schema();
  const list: JsonSchema = {
    type: "array",
    ...(panels && min > 0 ? { minItems: min } : {}),
    ...(max > 0 ? { maxItems: max } : {}),
    items,
  };
  // A household is its members: at least minPanelCount of them whenever the roster is shown.
  const rule = household.add(name, list, q, repeat.chain, q.isRequired === true || (panels && min > 0));
  rule.panels = true;
  const keyName = nonEmpty(q.keyName);
  if (keyName) rule.keyName = keyName;
  if (panels) return;
  const rowCount = typeof q.rowCount === "number" ? q.rowCount : 2;
  const empty = records.emptyRecordRules();
  if ((rowCount > 0 || min > 0) && empty) rule.rows = { whenAbsent: Math.max(rowCount, min), min, empty };
  if (min > 0 && q.isRequired === true) rule.minRows = min;
}
