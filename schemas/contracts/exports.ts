/**
 * Registry exports (issue #17): what an analyst asks for, and what the API says about it. The job carries
 * the export's id only; filters live on the export's row, never in Redis (DESIGN.md rule 3).
 */
export const EXPORT_QUEUE = "exports";

export const JOB_EXPORT_REGISTRY = "export-registry";

export interface ExportRegistryPayload {
  exportId: string;
}

export const EXPORT_FORMATS = ["csv", "xlsx", "dta", "sav", "parquet"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_STATUSES = ["queued", "running", "done", "failed", "cancelled", "expired"] as const;
export type ExportStatus = (typeof EXPORT_STATUSES)[number];

export interface ExportRequest {
  format: ExportFormat;
  /** CSV only: `;` is what a French Excel expects. */
  delimiter?: "," | ";";
  /** Language of labels (variable and value labels, codebook); French when absent. */
  language?: string;
  /** The state of the registry at the end of this day or at this instant; the time of the request when absent. */
  asOf?: string;
  /** Island, prefecture or commune code. */
  area?: string;
  /** Households whose state (as of the date) came from this form, and this version of it when given. */
  formId?: string;
  formVersion?: number;
  /** Households changed on or after this date or instant (as of the date). */
  changedSince?: string;
}

const DATE_OR_INSTANT = "^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,6})?)?(Z|[+-]\\d{2}:\\d{2}))?$";

/** The body of POST /api/exports. */
export const exportRequestSchema = {
  type: "object",
  required: ["format"],
  additionalProperties: false,
  properties: {
    format: { enum: [...EXPORT_FORMATS] },
    delimiter: { enum: [",", ";"] },
    language: { type: "string", pattern: "^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$" },
    asOf: { type: "string", pattern: DATE_OR_INSTANT },
    area: { type: "string", pattern: "^[0-9A-Za-z]{1,10}$" },
    formId: { type: "string", minLength: 1, maxLength: 100 },
    formVersion: { type: "integer", minimum: 1 },
    changedSince: { type: "string", pattern: DATE_OR_INSTANT },
  },
} as const;

/** An export as its requester sees it (GET /api/exports/:id). */
export interface ExportView {
  id: string;
  status: ExportStatus;
  format: ExportFormat;
  filters: Omit<ExportRequest, "format"> & { asOf: string };
  requestedAt: string;
  /** Households written so far, and how many the export will hold (known once it runs). */
  progress: { done: number; total: number | null };
  households: number | null;
  individuals: number | null;
  /** SHA-256 of the file (hex), once done. */
  checksum: string | null;
  bytes: number | null;
  finishedAt: string | null;
  /** After this the file is deleted. */
  expiresAt: string | null;
  /** A stable code when it failed. */
  error: string | null;
}
