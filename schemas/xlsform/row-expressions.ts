import type { ImportReport } from "./report";
import type { XlsFormRow } from "./tables";
import { type QuestionFacts, Untranslatable, translateXPath } from "./xpath";

/** A row's expression cells (relevant, required, constraint, `${x}` in labels) read in the row's place. */
export type Element = Record<string, unknown>;
export type At = { sheet: string; row: number; name?: string };
export type Ctx = { self: string; repeat: string | null; questions: ReadonlyMap<string, QuestionFacts> };

export const SURVEY = "survey";

/** `${x}` in a label or hint shows an answer: SurveyJS writes it `{x}` (`{panel.x}` within the repeat, `{parentpanel.x}` from a repeat inside it). */
export function piped<T>(texts: T, ctx: Ctx): T {
  const pipe = (text: string) =>
    text.replace(/\$\{\s*([^}\s]+)\s*\}/g, (_, name: string) => {
      const repeat = ctx.questions.get(name)?.repeat;
      if (!ctx.repeat || !repeat) return `{${name}}`;
      if (repeat === ctx.repeat) return `{panel.${name}}`;
      return repeat === ctx.questions.get(ctx.repeat)?.repeat ? `{parentpanel.${name}}` : `{${name}}`;
    });
  if (typeof texts === "string") return pipe(texts) as T;
  if (texts && typeof texts === "object") return Object.fromEntries(Object.entries(texts).map(([k, v]) => [k, pipe(String(v))])) as T;
  return texts;
}

export function translated(row: XlsFormRow, column: string, ctx: Ctx, report: ImportReport, at: At): string | undefined {
  const expression = row.cells[column];
  if (!expression) return undefined;
  try {
    return translateXPath(expression, ctx);
  } catch (error) {
    if (!(error instanceof Untranslatable)) throw error;
    report.add(
      "refused",
      { ...at, column },
      "untranslated_expression",
      `${column} « ${expression} » non traduit (${error.fr}) : laissé de côté.`,
      `${column} "${expression}" not translated (${error.en}): left out.`,
    );
    return undefined;
  }
}

export function applyRelevance(element: Element, row: XlsFormRow, ctx: Ctx, report: ImportReport, at: At): void {
  const visibleIf = translated(row, "relevant", ctx, report, at);
  if (visibleIf) element.visibleIf = visibleIf;
}
