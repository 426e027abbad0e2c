/**
 * The XLSForm import's side of the wire (issue #20): what `POST /api/forms/import` answers, and what the
 * back-office screen shows. Every row of the form that was not carried over exactly is named here.
 */
import type { Message } from "./api";
import type { DraftCheck } from "./forms";

/** `mapped`: carried over as the form means it; `approximated`: carried over with a difference the
 *  message names; `refused`: left out of the mask, with the reason. */
export type ImportOutcome = "mapped" | "approximated" | "refused";

export interface ImportReportEntry {
  outcome: ImportOutcome;
  /** Sheet and 1-based row of the form where the thing stands (row 0: the sheet or the file as a whole). */
  sheet: string;
  row: number;
  /** The question or group name, when the row has one. */
  name?: string;
  /** The column concerned (`relevant`, `constraint`, `type`…), when it is one column of the row. */
  column?: string;
  /** Stable code, e.g. `bound_to_variable`, `untranslated_expression`, `unsupported_type`. */
  code: string;
  message: Message;
}

/** `POST /api/forms/import?mode=preview|create`. */
export interface XlsFormImportResult {
  /** The form id proposed (settings `form_id`, made lowercase snake case) or created. */
  formId: string;
  title: Message;
  mask: Record<string, unknown>;
  report: ImportReportEntry[];
  /** Counts per outcome, for a summary line. */
  counts: Record<ImportOutcome, number>;
  /** The draft's check against the catalogue, as the designer shows it. */
  check: DraftCheck;
  created: boolean;
}
