/**
 * Bulk import's side of the wire (issue #19): what an upload learnt of the files, what a dry run found.
 * The back office's import screen and the API compile against these shapes.
 */
import type { Message } from "./api";

/** The run of a checked import is a worker job (one at a time per process): its payload is the import's id only. */
export const IMPORT_QUEUE = "imports";
export const JOB_RUN_IMPORT = "run-import";

export interface RunImportPayload {
  importId: string;
}

export const IMPORT_FILE_ROLES = ["households", "individuals"] as const;
export type ImportFileRole = (typeof IMPORT_FILE_ROLES)[number];

/** uploaded → checked (dry run done) → running ⇄ paused → done, or cancelled. */
export type ImportStatus = "uploaded" | "checked" | "running" | "paused" | "done" | "cancelled" | "undone";

/** An import in these statuses can be undone once its run has started (POST /api/imports/:id/undo). */
export const UNDOABLE_IMPORT_STATUSES: readonly ImportStatus[] = ["done", "paused", "cancelled"];

export interface ImportFileInfo {
  name: string;
  format: string;
  /** The encoding assumed for a text file (a Windows-1252 guess is said, not hidden). */
  encoding: string | null;
  delimiter: string | null;
  columns: string[];
  labels: Record<string, string>;
  /** Header cells renamed because blank (merged) or repeated. */
  renamed: { column: string; reason: "blank" | "repeated" }[];
  rows: number;
  emptyRows: number;
  /** Some distinct values per column (at most 20), for value mapping suggestions. */
  values: Record<string, string[]>;
  sha256: string;
}

/** households: the one file, or the households file; individuals: the second file of two. */
export type ImportFiles = Partial<Record<ImportFileRole, ImportFileInfo>>;

/** What the dry run says one source household would become. */
export const IMPORT_OUTCOMES = ["new", "update", "duplicate", "unchanged", "error"] as const;
export type ImportOutcome = (typeof IMPORT_OUTCOMES)[number];

/** Source line numbers by file (the header is line 1): a household's rows may sit in both files. */
export type ImportLines = Partial<Record<ImportFileRole, number[]>>;

/** One file of an import, by its name, and the lines of it a household came from: provenance (issue #19). */
export interface ImportSourceFile {
  role: ImportFileRole;
  name: string;
  lines: number[];
}

export interface ImportSample {
  key: string;
  lines: ImportLines;
  reason?: Message;
}

export interface ImportSummary {
  households: number;
  counts: Record<ImportOutcome, number>;
  /** Errors by code, over all rows. */
  errorCodes: Record<string, number>;
  /** A few households of each outcome, to look at before running. */
  samples: Record<ImportOutcome, ImportSample[]>;
  /** Every line of every refused household, by file, in order: what to correct at the source. */
  refused: ImportLines;
  checkedAt: string;
}

export interface ImportView {
  id: string;
  status: ImportStatus;
  delivery: string;
  profileId: string | null;
  files: ImportFiles;
  summary: ImportSummary | null;
  createdAt: string;
}

/** How far a run has gone: households written as submissions out of those planned, and where they are in integration. */
export interface ImportProgress {
  status: ImportStatus;
  planned: number;
  submitted: number;
  /** Submissions by integration stage (received, integrated, needs_review, rejected…). */
  stages: Record<string, number>;
  startedAt: string | null;
  finishedAt: string | null;
}

/** `POST /api/imports/:id/undo`: households withdrawn (created by the import), restored (updated by it), review items closed. */
export interface UndoneImport {
  withdrawn: number;
  restored: number;
  closedReviews: number;
  /** Supervisors' « same » decisions on its review items that moved registry people into its households, undone: they are back where they were. */
  movesUndone: number;
}
