import type { Message } from "../../schemas/contracts/api";
import {
  IMPORT_OUTCOMES,
  type ImportFileRole,
  type ImportLines,
  type ImportOutcome,
  type ImportSample,
  type ImportSummary,
} from "../../schemas/contracts/imports";
import type { RowError } from "../../schemas/imports/household-answers";

const SAMPLES = 5;

/** Counts a dry run's households by outcome and error code, keeping the first few of each outcome to show. */
export class SummaryCounter {
  private readonly counts = Object.fromEntries(IMPORT_OUTCOMES.map((o) => [o, 0])) as Record<ImportOutcome, number>;
  private readonly samples = Object.fromEntries(IMPORT_OUTCOMES.map((o) => [o, [] as ImportSample[]])) as Record<
    ImportOutcome,
    ImportSample[]
  >;
  private readonly errorCodes: Record<string, number> = {};
  private readonly refused: Record<ImportFileRole, number[]> = { households: [], individuals: [] };

  add(household: { key: string; lines: ImportLines; outcome: ImportOutcome; errors: RowError[]; reason?: Message }): void {
    this.counts[household.outcome]++;
    if (household.outcome === "error")
      for (const [file, lines] of Object.entries(household.lines)) this.refused[file as ImportFileRole].push(...lines);
    for (const error of household.errors) this.errorCodes[error.code] = (this.errorCodes[error.code] ?? 0) + 1;
    if (this.samples[household.outcome].length < SAMPLES) {
      const reason = household.reason ?? household.errors[0]?.message;
      this.samples[household.outcome].push({ key: household.key, lines: household.lines, ...(reason ? { reason } : {}) });
    }
  }

  summary(): ImportSummary {
    const households = Object.values(this.counts).reduce((a, b) => a + b, 0);
    // Households come in key order, not line order.
    const refused: ImportLines = {};
    for (const [file, lines] of Object.entries(this.refused))
      if (lines.length) refused[file as ImportFileRole] = lines.sort((a, b) => a - b);
    return {
      households,
      counts: this.counts,
      errorCodes: this.errorCodes,
      samples: this.samples,
      refused,
      checkedAt: new Date().toISOString(),
    };
  }
}
