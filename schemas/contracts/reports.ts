/**
 * The administrator's monthly and quarterly report (issue #23): its period and its figures, aggregates
 * only (counts, ages, codes, user names of staff), never a household's name, NIN or answer.
 */
import type { Message } from "./api";
import { monthStart } from "./local-time";

export type ReportKind = "monthly" | "quarterly";

export interface ReportPeriod {
  kind: ReportKind;
  /** `2026-11` or `2026-Q4`. */
  label: string;
  /** First instant of the period: local midnight in `timeZone`, written in UTC, inclusive (ISO 8601). */
  from: string;
  /** First instant after the period, exclusive. */
  to: string;
  /** The registry's local time the period is counted in (TIME_ZONE), e.g. `Indian/Comoro`. */
  timeZone: string;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const QUARTER = /^(\d{4})-Q([1-4])$/;

/**
 * `2026-11` (monthly) or `2026-Q4` (quarterly), counted in `timeZone`'s local time; null when the text is
 * neither, or not of that kind.
 */
export function parseReportPeriod(text: string, kind?: ReportKind, timeZone = "UTC"): ReportPeriod | null {
  const month = MONTH.exec(text);
  const quarter = QUARTER.exec(text);
  const period = (kind: ReportKind, year: number, firstMonth: number, months: number): ReportPeriod => ({
    kind,
    label: text,
    from: monthStart(year, firstMonth, timeZone).toISOString(),
    to: monthStart(year, firstMonth + months, timeZone).toISOString(),
    timeZone,
  });
  if (month && kind !== "quarterly") return period("monthly", Number(month[1]), Number(month[2]) - 1, 1);
  if (quarter && kind !== "monthly") return period("quarterly", Number(quarter[1]), (Number(quarter[2]) - 1) * 3, 3);
  return null;
}

/** Submissions received in the period, by where they end up. `valid`: passed validation (integrated or in review). */
export interface SubmissionCounts {
  received: number;
  valid: number;
  invalid: number;
  rejected: number;
  /** Not integrated yet (still in the outbox or the queue). */
  waiting: number;
}

export interface ActivityReport {
  period: ReportPeriod;
  generatedAt: string;
  submissions: {
    total: SubmissionCounts;
    byIsland: (SubmissionCounts & { island: string | null })[];
    byCommune: (SubmissionCounts & { commune: string | null })[];
    /** Clerks are staff: their username and display name, never a household's. */
    byClerk: (SubmissionCounts & { username: string | null; displayName: string | null })[];
    byDay: { day: string; received: number; invalid: number }[];
  };
  /** Seconds from reception to integration, for submissions integrated in the period. */
  integrationLag: { count: number; p50: number | null; p90: number | null; p95: number | null; p99: number | null; max: number | null };
  duplicates: {
    /** Review items of a probable duplicate opened in the period, per kind. */
    found: { kind: string; n: number }[];
    /** Merges (and moves) made in the period, per review kind; undone: merges of any date undone in the period. */
    merged: { kind: string; n: number }[];
    undone: { kind: string; n: number }[];
  };
  /** Review items still open or postponed at the period's end (or now, for a period not over), aged then. */
  reviewBacklog: {
    kind: string;
    n: number;
    under1d: number;
    under7d: number;
    under30d: number;
    over30d: number;
    oldestDays: number | null;
  }[];
  quality: {
    /** Validation errors of the submissions received in the period, per variable and error code, most frequent first. */
    errors: { variable: string; code: string; n: number }[];
    /** Key variables missing in the current registry. */
    missing: { variable: string; unit: "household" | "individual"; missing: number; total: number }[];
  };
  registry: {
    byIsland: { island: string | null; households: number; individuals: number; newHouseholds: number }[];
    byCommune: { commune: string | null; households: number; individuals: number; newHouseholds: number }[];
  };
  users: {
    username: string;
    displayName: string;
    roles: string[];
    signIns: number;
    submissions: number;
    decisions: number;
    actions: number;
  }[];
  incidents: {
    number: number;
    severity: string;
    title: string;
    alarm: string | null;
    status: string;
    openedAt: string;
    closedAt: string | null;
    rootCause: string | null;
    preventiveMeasure: string | null;
  }[];
  backups: {
    made: number;
    verified: number;
    failed: number;
    bytes: number;
    lastVerifiedAt: string | null;
    errors: { code: string; n: number }[];
  };
  audit: {
    /** Audit rows written in the period. */
    rows: number;
    /** null: not checked (no connection to check with). */
    intact: boolean | null;
    checkedRows: number;
    findings: number;
    anchor: { seq: number; rows: number; hash: string; at: string } | null;
  };
  /** Code → label of islands and communes, from the catalogue's code lists. */
  places: Record<string, Message>;
}

/**
 * The variable a validation error is about, from its JSON pointer: the last name in it, row numbers left
 * out (`/members/2/birth_date` → `birth_date`); the pointer's root (an error about the whole) → `(racine)`.
 */
export function errorVariable(pointer: string): string {
  const names = pointer.split("/").filter((part) => part !== "" && !/^\d+$/.test(part));
  return names[names.length - 1] ?? "(racine)";
}
