/**
 * Shapes exchanged over HTTP between the browser apps, the API and the workers.
 * Kept here so both sides of the wire compile against one definition.
 */
import type { Variable } from "../catalogue/types";

/** A message in the two languages every screen and error carries: French first, English second. */
export interface Message {
  fr: string;
  en: string;
}

/** One problem with one answer: where (JSON pointer into `data`), what (stable code), and why in words. */
export interface FieldError {
  pointer: string;
  code: string;
  message: Message;
}

/** The single error body of the API (DESIGN.md rule 5). */
export interface ProblemBody {
  error: {
    code: string;
    message: Message;
    details?: unknown;
  };
}

export interface PublishedFormSummary {
  id: string;
  title: Message;
  /** Newest published version, the one clerks fill. */
  version: number;
  publishedAt: string;
}

export interface FormVersionBody {
  formId: string;
  version: number;
  title: Message;
  /** The SurveyJS JSON the runtime renders. */
  mask: Record<string, unknown>;
  /** JSON Schema 2020-12 the server validates submissions against. */
  schema: Record<string, unknown>;
  checksum: string;
  publishedAt: string;
}

export interface SubmissionRequest {
  /** UUID made by the client, so that a retry after a lost answer is recognised. */
  id: string;
  formId: string;
  version: number;
  data: Record<string, unknown>;
  /** Update flow (issue #6): the household this submission changes and the version it was built on. */
  householdId?: string;
  baseVersion?: number;
}

export type SubmissionStatus = "received" | "valid" | "integrated" | "invalid" | "needs_review" | "rejected";

export interface SubmissionAccepted {
  id: string;
  status: SubmissionStatus;
}

export interface SubmissionBody {
  id: string;
  formId: string;
  version: number;
  status: SubmissionStatus;
  receivedAt: string;
  integratedAt: string | null;
  householdId: string | null;
  /** Set for an update: the household version it was built on. */
  baseVersion?: number | null;
  errors: FieldError[] | null;
  /** Why it stopped, per rule (issue #6), and the supervisor's comment when it was sent back. */
  reasons?: { rule: string; message: Message }[];
  returnComment?: string | null;
}

/** One household in `GET /api/households` (codes, not labels: the reader's app turns them into words). */
export interface HouseholdListItem {
  id: string;
  island: string | null;
  prefecture: string | null;
  commune: string | null;
  village: string | null;
  headName: string | null;
  memberCount: number;
  createdAt: string;
}

/** `GET /api/households`: one page of households and how many match in all. */
export interface HouseholdPage {
  items: HouseholdListItem[];
  total: number;
}

/** A member's typed columns and other answers, as the registry stores them. */
export interface MemberColumns {
  lineNumber: number;
  firstName: string | null;
  lastName: string | null;
  sex: string | null;
  birthDate: string | null;
  nin: string | null;
  relationToHead: string | null;
  attributes: Record<string, unknown>;
}

/** One member of a household in `GET /api/households/:id`. */
export interface RegistryMember extends MemberColumns {
  id: string;
}

/** `GET /api/households/:id`: the household's current state with its members. */
export interface HouseholdDetail extends Omit<HouseholdListItem, "memberCount"> {
  attributes: Record<string, unknown>;
  sourceSubmissionId: string;
  updatedAt: string;
  /** Set once the import that created it was undone: it stays readable, out of the registry's lists and counts. */
  withdrawnAt: string | null;
  members: RegistryMember[];
}

/** An island, prefecture or commune code, as a filter names it. */
export const AREA_CODE = /^[0-9A-Za-z_-]{1,10}$/;

/** One household in `GET /api/sync/households`: its state now, with its version. */
export interface HouseholdChange extends HouseholdDetail {
  version: number;
}

/**
 * `GET /api/sync/households` (issue #17): changed households in the order they were written. `cursor`
 * resumes after the last item (keep it for the next synchronisation); `more` says another page waits now.
 */
export interface HouseholdChangePage {
  items: HouseholdChange[];
  cursor: string;
  more: boolean;
}

/** The filters of `GET /api/variables`; empty values mean "any". */
export interface VariableQuery {
  q?: string;
  theme?: string;
  level?: string;
  type?: string;
  status?: string;
  sensitivity?: string;
  limit: number;
  offset: number;
}

/** `GET /api/variables`: one page of variables and how many match in all. */
export interface VariablePage {
  total: number;
  items: Variable[];
}
