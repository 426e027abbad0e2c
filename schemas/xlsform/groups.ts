import { textsOf } from "./languages";
import type { ImportReport } from "./report";
import { type At, type Ctx, type Element, SURVEY, applyRelevance, piped } from "./row-expressions";
import type { RowType } from "./row-types";
import type { XlsFormRow } from "./tables";

type Frame = { kind: "page" | "group" | "repeat" | "loop"; element: Element; items: Element[]; repeat: string | null; row: XlsFormRow };
type Bracket = Extract<RowType, { kind: "begin" | "end" }>;

/**
 * The survey sheet's groups, repeats and loops as the mask's pages and panels: top-level groups become
 * pages, nested groups panels, repeats dynamic panels; questions outside any group go on pages of their own.
 */
export class MaskLayout {
  readonly pages: Element[] = [];
  private loose: Frame | undefined;
  private readonly stack: Frame[] = [];

  constructor(
    private readonly report: ImportReport,
    private readonly questions: Ctx["questions"],
  ) {}

  /** Where the next element goes. */
  top(): Frame {
    const inner = this.stack[this.stack.length - 1];
    if (inner) return inner;
    if (!this.loose) {
      const page: Element = { name: `page${this.pages.length + 1}`, elements: [] };
      this.pages.push(page);
      this.loose = { kind: "page", element: page, items: page.elements as Element[], repeat: null, row: { row: 0, cells: {} } };
    }
    return this.loose;
  }

  /** The innermost repeat the next element is in. */
  repeatOf(): string | undefined {
    return [...this.stack].reverse().find((f) => f.kind === "repeat")?.element.name as string | undefined;
  }

  /** Within a loop, whose rows are reported once, on the loop. */
  inLoop(): boolean {
    return this.stack.some((f) => f.kind === "loop");
  }

  end(type: Bracket, typeCell: string, at: At): void {
    const frame = this.stack.pop();
    if (!frame || (frame.kind === "page" ? "group" : frame.kind) !== type.of) {
      if (frame) this.stack.push(frame);
      this.report.add("refused", at, "unbalanced_end", `« ${typeCell} » sans début correspondant.`, `"${typeCell}" without its beginning.`);
    }
  }

  /** A loop's inner bracket: kept on the stack so that its end closes it, not the loop. */
  beginInLoop(row: XlsFormRow): void {
    this.stack.push({ kind: "loop", element: {}, items: [], repeat: null, row });
  }

  begin(type: Bracket, row: XlsFormRow, at: At): void {
    const { report, stack } = this;
    const name = row.cells.name ?? `${type.of}_${row.row}`;
    if (type.of === "loop") {
      report.add(
        "refused",
        at,
        "unsupported_loop",
        "« begin loop » (une série par choix) n'a pas d'équivalent : la boucle et son contenu sont laissés de côté.",
        `"begin loop" (one set per choice) has no equivalent: the loop and its contents are left out.`,
      );
      stack.push({ kind: "loop", element: {}, items: [], repeat: null, row });
      return;
    }
    const element: Element = { ...(type.of === "repeat" ? { type: "paneldynamic" } : {}), name };
    const repeat = type.of === "repeat" ? name : (this.repeatOf() ?? null);
    // A repeat's title and condition are read where the repeat stands: in its enclosing record, if any.
    const outer: Ctx = { self: name, repeat: stack.length ? (this.repeatOf() ?? null) : null, questions: this.questions };
    const title = piped(textsOf(row.cells, "label"), type.of === "repeat" ? outer : { self: name, repeat, questions: this.questions });
    if (title !== undefined) element.title = title;
    applyRelevance(element, row, outer, report, at);
    if (type.of === "repeat") {
      element.templateElements = [];
      element.panelCount = 0;
      repeatNotes(row, report, at);
      this.top().items.push(element);
      stack.push({ kind: "repeat", element, items: element.templateElements as Element[], repeat, row });
      report.add("mapped", at, "repeat", "Répétition → panneau dynamique.", "Repeat → dynamic panel.");
    } else if (stack.length === 0) {
      // A top-level group is a page, as ODK tools show a field-list group on one screen.
      this.loose = undefined;
      element.elements = [];
      this.pages.push(element);
      stack.push({ kind: "page", element, items: element.elements as Element[], repeat: null, row });
      report.add("mapped", at, "group_page", "Groupe de premier niveau → page.", "Top-level group → page.");
    } else {
      element.type = "panel";
      element.elements = [];
      this.top().items.push(element);
      stack.push({ kind: "group", element, items: element.elements as Element[], repeat, row });
      report.add("mapped", at, "group_panel", "Groupe → panneau.", "Group → panel.");
    }
    const description = textsOf(row.cells, "hint");
    if (description !== undefined) element.description = description;
  }

  /** Groups and repeats still open at the end of the sheet are closed there, and said so. */
  closeAll(): void {
    for (const frame of this.stack.reverse()) {
      this.report.add(
        "approximated",
        { sheet: SURVEY, row: frame.row.row, name: frame.row.cells.name },
        "unclosed",
        "Groupe ou répétition jamais fermé : fermé en fin de feuille.",
        "Group or repeat never closed: closed at the end of the sheet.",
      );
    }
  }
}

function repeatNotes(row: XlsFormRow, report: ImportReport, at: At): void {
  if (row.cells.repeat_count) {
    report.add(
      "approximated",
      { ...at, column: "repeat_count" },
      "repeat_count",
      `Nombre de répétitions « ${row.cells.repeat_count} » non imposé : l'enquêteur ajoute les entrées.`,
      `Repeat count "${row.cells.repeat_count}" not enforced: the interviewer adds the entries.`,
    );
  }
}
