/**
 * The mask designer's side of the wire (issue #5): forms with one editable draft each and immutable
 * published versions. The designer (SurveyJS Creator) and the API compile against these shapes.
 */
import type { Message } from "./api";

/** One problem of a draft's binding to the catalogue, shown as an error on the question in the designer. */
export interface BindingError {
  /** Question name as in the mask (the variable code when bound). */
  question: string;
  /** JSON pointer into the mask where the question sits, e.g. "/pages/0/elements/3". */
  pointer: string;
  /** Stable code: unknown_variable, type_mismatch, level_mismatch, bound_twice, choice_not_in_code_list,
   *  deprecated_variable, unsupported_question_type, … (the compiler's codes included). */
  code: string;
  message: Message;
}

/** A warning does not block publishing: e.g. `unbound_question` (its answer would not reach the registry). */
export interface BindingWarning extends BindingError {}

/** `GET /api/forms/:id/check`. */
export interface DraftCheck {
  publishable: boolean;
  errors: BindingError[];
  warnings: BindingWarning[];
}

/** `POST /api/forms` body. */
export interface FormCreateRequest {
  /** Lowercase snake case, unique, e.g. "menage". */
  id: string;
  title: Message;
}

export interface VersionSummary {
  version: number;
  checksum: string;
  publishedAt: string;
  publishedBy: string | null;
  /** The publisher's display name (null for the system, or an account since removed). */
  publishedByName: string | null;
  retiredAt: string | null;
  /** Reason given when breaking changes were confirmed, if any. */
  reason: string | null;
}

/** `GET /api/forms/:id`, and one item of `GET /api/forms?all=1` for designers. */
export interface FormSummary {
  id: string;
  title: Message;
  /** When the draft was last saved (null when there is none yet). */
  draftUpdatedAt: string | null;
  draftUpdatedBy: string | null;
  versions: VersionSummary[];
}

/** `GET|PUT /api/forms/:id/draft`: the SurveyJS JSON being designed. PUT answers with the saved draft + its check. */
export interface DraftBody {
  formId: string;
  mask: Record<string, unknown>;
  updatedAt: string;
  check: DraftCheck;
}

export type ChangeKind =
  | "added"
  | "removed"
  | "type_changed"
  | "code_list_narrowed"
  | "code_list_widened"
  | "range_narrowed"
  | "range_widened"
  | "made_required"
  | "made_optional"
  | "label_changed";

export type ChangeClass = "breaking" | "compatible" | "cosmetic";

export interface VariableChange {
  variable: string;
  kind: ChangeKind;
  class: ChangeClass;
  /** What it was and what it becomes, in words a designer reads (values, ranges, codes). */
  before?: unknown;
  after?: unknown;
}

/** `GET /api/forms/:id/diff?from=&to=` (`to` may be "draft"; `from` defaults to the latest published version). */
export interface VersionDiff {
  formId: string;
  from: number | null;
  to: number | "draft";
  /** The worst class among the changes; "cosmetic" when nothing changed. */
  class: ChangeClass;
  changes: VariableChange[];
}

/** `POST /api/forms/:id/publish` body: breaking changes need `confirmBreaking: true` and a reason. */
export interface PublishRequest {
  confirmBreaking?: boolean;
  reason?: string;
}

/** `POST /api/forms/:id/versions/:version/retire` body. */
export interface RetireRequest {
  reason: string;
}
