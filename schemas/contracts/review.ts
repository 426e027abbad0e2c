import type { AttachmentRef } from "./attachments";
/**
 * Integration's side of the wire (issue #6): why a submission stopped, the supervisors' review queue, merges,
 * household history and failed jobs. The designer's screens and the API compile against these shapes.
 */
import type { FieldError, Message, RegistryMember } from "./api";
import type { ImportSourceFile } from "./imports";

/** Why a submission stopped, per rule (per field errors stay in FieldError[]). */
export interface StageReason {
  rule: string;
  message: Message;
}

/**
 * Every kind of review item, in the queue's order; person_move: a roster names a member of another household, by
 * NIN or by names and birth date (issue #14: a person is a current member of one household).
 */
export const REVIEW_KINDS = [
  "duplicate_person",
  "duplicate_household",
  "person_move",
  "stale_update",
  "invalid_submission",
  "rejected_submission",
] as const;
export type ReviewKind = (typeof REVIEW_KINDS)[number];
export type ReviewStatus = "open" | "later" | "decided";
export type ReviewDecision = "same" | "different" | "later";

/**
 * Score of a candidate match, with its parts so a person can see why: `total` is the match probability,
 * `weight` its log-odds in bits (Fellegi–Sunter, schemas/registry/match-weights.ts), `weights` each
 * comparison's share of it; each component is a closeness in [0, 1].
 */
export interface MatchScore {
  total: number;
  weight?: number;
  weights?: { prior: number; name: number; birthDate: number; sex: number; area: number; nin?: number };
  components: { name: number; sex: number; birthDate: number; nin?: number; area?: number };
  /** The reasons in words, e.g. « Noms proches (0,86) : Mohamed ≈ Mouhamad ». */
  explanation: Message[];
}

/** A person as a reviewer compares them: the registry's key fields plus where they live. */
export interface PersonView extends Omit<RegistryMember, "attributes" | "lineNumber"> {
  householdId: string | null;
  /** The household's head as readers see households (null when redacted or not yet in the registry). */
  householdName: string | null;
  lineNumber: number | null;
  commune: string | null;
  village: string | null;
  attributes: Record<string, unknown>;
}

export interface ReviewItemSummary {
  id: string;
  kind: ReviewKind;
  status: ReviewStatus;
  createdAt: string;
  submissionId: string | null;
  householdId: string | null;
  /** Total score for duplicate kinds, null otherwise. */
  score: number | null;
  summary: Message;
}

/** `GET /api/review-items?status=&kind=&limit=&offset=`. */
export interface ReviewItemPage {
  items: ReviewItemSummary[];
  total: number;
}

/** `GET /api/review-items/:id`: both sides, their differences and the explained score. */
export interface ReviewItemDetail extends ReviewItemSummary {
  incoming: PersonView | null;
  existing: PersonView | null;
  /** Field names on which incoming and existing differ (highlighted side by side). */
  differences: string[];
  matchScore: MatchScore | null;
  /** For invalid/rejected submissions: what was wrong. */
  errors: FieldError[] | null;
  reasons: StageReason[];
  /**
   * For a duplicate household or a stale update still to decide: what "same" would merge into the
   * household as it is now (issue #14). Null for other kinds and once decided.
   */
  merge: MergePreview | null;
  /** The files the item's submission sent (issue #20), those the reviewer may read; served by the submission's route. */
  files: { variable: string; file: AttachmentRef }[];
  /** `by` is the deciding user's id, `byName` their display name (null if the account is gone). */
  decision: {
    decision: ReviewDecision;
    by: string;
    byName: string | null;
    at: string;
    comment: string | null;
    mergeId: string | null;
  } | null;
}

/**
 * A value that both the household (since the submission's base) and the submission changed, differently.
 * "same" keeps the newest (`kept`); a conflict on a key variable must be confirmed (`confirm`).
 */
export interface MergeConflict {
  /** Stable across reads: "/village", "/attributes/<code>", "/members/<individual id>/<field>", "/members/<id>" (kept or removed). */
  path: string;
  /** The catalogue variable's code ("members" for a member kept by one side and removed by the other). */
  variable: string;
  /** A key variable: place, names, sex, birth date, NIN, relation, or a member's presence. */
  key: boolean;
  /** The member's line in the household now (null for a household variable, or a member no longer there). */
  lineNumber: number | null;
  household: unknown;
  submission: unknown;
  kept: "household" | "submission";
}

/** What "same" on a duplicate household or stale update would do. */
export interface MergePreview {
  /** The household's version when the item was opened, and now. */
  itemVersion: number | null;
  currentVersion: number;
  /** The version the submission is merged from: its own base, or the one it most resembles. */
  baseVersion: number;
  conflicts: MergeConflict[];
}

/** `POST /api/review-items/:id/decision`. */
export interface ReviewDecisionRequest {
  decision: ReviewDecision;
  comment?: string;
  /** Paths of the key-variable conflicts the reviewer saw and accepts (MergeConflict.path). */
  confirm?: string[];
}

/** `POST /api/submissions/:id/return`: back to the clerk with a comment. */
export interface SubmissionReturnRequest {
  comment: string;
}

/** One change of one field between two versions of a household. */
export interface FieldChange {
  /** JSON pointer into the household state, e.g. "/members/2/firstName". */
  path: string;
  before: unknown;
  after: unknown;
}

/** One version of a household with its provenance. */
export interface HouseholdVersionEntry {
  version: number;
  at: string;
  /** The user who made the change (the clerk who submitted, the supervisor who decided), and their display name. */
  by: string | null;
  byName: string | null;
  submissionId: string | null;
  /** When that submission was received: the history calls it « Questionnaire du <date> », its id on hover (issue #21). */
  submittedAt: string | null;
  formId: string | null;
  formVersion: number | null;
  /** Set when the version came from a reviewer's decision (a merge, an undo). */
  reviewItemId: string | null;
  /** When that review item was opened: « Révision du <date> » (issue #21). */
  reviewOpenedAt: string | null;
  /** The reviewer's decision that wrote this version, and their comment (issue #14). */
  decision: ReviewDecision | null;
  comment: string | null;
  /**
   * Set when the version's submission came from a bulk import (issue #19): which import, its profile, and
   * its files (households file first) with the lines of each the household came from.
   */
  imported: { importId: string; files: ImportSourceFile[]; profileName: string | null } | null;
  action: string;
  changes: FieldChange[];
  /**
   * The people this version's changes name by id (a member's `id` or `personId`), with their name as the reader
   * may see it (null where names are redacted), so the history shows a name and keeps the id for hover (issue #21).
   */
  people: Record<string, string | null>;
}

/** `GET /api/households/:id/history` (and `GET /api/households/:id?at=<ISO date>` for the state at a date). */
export interface HouseholdHistory {
  householdId: string;
  versions: HouseholdVersionEntry[];
}
