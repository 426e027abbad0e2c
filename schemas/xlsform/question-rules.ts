import { textsOf } from "./languages";
import type { ImportReport } from "./report";
import { type At, type Ctx, type Element, translated } from "./row-expressions";
import type { XlsFormRow } from "./tables";
import { isNo, isYes, regexConstraint } from "./xpath";

/** A question row's required, constraint, default and appearance cells on its SurveyJS element. */
export function requiredness(element: Element, row: XlsFormRow, ctx: Ctx, report: ImportReport, at: At): void {
  const cell = row.cells.required;
  if (isYes(cell)) element.isRequired = true;
  else if (!isNo(cell)) {
    const requiredIf = translated(row, "required", ctx, report, at);
    if (requiredIf) element.requiredIf = requiredIf;
  }
  const message = textsOf(row.cells, "required_message");
  if (message !== undefined && (element.isRequired || element.requiredIf)) element.requiredErrorText = message;
}

export function constraint(element: Element, row: XlsFormRow, ctx: Ctx, report: ImportReport, at: At): void {
  const expression = row.cells.constraint;
  if (!expression) return;
  const text = textsOf(row.cells, "constraint_message");
  const validators = (element.validators as Element[] | undefined) ?? [];
  const regex = regexConstraint(expression);
  if (regex !== undefined) validators.push({ type: "regex", regex, ...(text !== undefined ? { text } : {}) });
  else {
    const translatedExpression = translated(row, "constraint", ctx, report, at);
    if (!translatedExpression) return;
    // XLSForm constraints judge answers only; SurveyJS's expression validators also run on empty ones.
    const self = ctx.repeat ? `{panel.${ctx.self}}` : `{${ctx.self}}`;
    validators.push({
      type: "expression",
      expression: `${self} empty or ${translatedExpression}`,
      ...(text !== undefined ? { text } : {}),
    });
  }
  element.validators = validators;
}

export function defaultOf(element: Element, cell: string, kind: string): unknown {
  if (element.inputType === "number" && Number.isFinite(Number(cell))) return Number(cell);
  if (kind === "select_multiple") return cell.split(/\s+/);
  return cell;
}

export function appearanceNotes(appearance: string | undefined, element: Element, report: ImportReport, at: At): void {
  if (!appearance) return;
  const drawn = element.type === "signaturepad" ? ["signature", "draw", "annotate"] : [];
  const used = new Set(["minimal", "autocomplete", "search", "multiline", ...drawn].filter((a) => appearance.includes(a)));
  const rest = appearance.split(/\s+/).filter((a) => a && !used.has(a) && !(a === "field-list"));
  if (rest.length) {
    report.add(
      "approximated",
      { ...at, column: "appearance" },
      "appearance_ignored",
      `Apparence « ${rest.join(" ")} » sans équivalent : présentation standard.`,
      `Appearance "${rest.join(" ")}" has no equivalent: standard look.`,
    );
  }
}
