import type { EntityManager } from "@mikro-orm/postgresql";
import type { FieldError, SubmissionStatus } from "../../../schemas/contracts/api";
import type { Catalogue } from "../../../schemas/catalogue/types";
import type { StageReason } from "../../../schemas/contracts/review";
import { preparedRows, queryRows, sqlArray } from "../../db/plain-sql";

/**
 * The submissions of an integration batch, read and settled with plain statements (issue #6): one select
 * for the batch, one update of their stages. Through MikroORM, loading 50 submissions with their answers
 * and flushing their new stages compared every answer document twice (a snapshot on load, a changeset on
 * flush): a quarter of the worker's time per household.
 */

/** A published form version as the integration needs it: immutable (DESIGN.md rule 6). */
export interface PublishedVersion {
  id: number;
  version: number;
  checksum: string;
  schema: Record<string, unknown>;
  snapshot: Catalogue;
  form: { id: string };
}

/** A received submission being integrated; the pipeline sets its stage, writeStages saves it. */
export interface IncomingSubmission {
  id: string;
  data: Record<string, unknown>;
  formVersion: PublishedVersion;
  /** An update names the household and the version it was built on. */
  householdId: string | null;
  baseVersion: number | null;
  submittedBy: string | null;
  status: SubmissionStatus;
  errors: FieldError[] | null;
  reasons: StageReason[] | null;
  integratedAt: Date | null;
}

/**
 * Schemas and snapshots of the published versions this process has read, by id and checksum (the
 * checksum covers both, so a reused id in another database is not mistaken for this one).
 */
const contents = new Map<string, Pick<PublishedVersion, "schema" | "snapshot">>();

type SubmissionRow = Omit<IncomingSubmission, "formVersion" | "integratedAt"> &
  Omit<PublishedVersion, "schema" | "snapshot" | "form" | "id"> & {
    formVersionId: number;
    formId: string;
  };

/** The submissions `ids`, oldest first, with their form versions (whose contents are read once per process). */
export async function readSubmissions(em: EntityManager, ids: string[]): Promise<IncomingSubmission[]> {
  if (!ids.length) return [];
  const rows = await preparedRows<SubmissionRow>(
    em,
    "rsu_read_submissions",
    `select s.id, s.data, s.household_id as "householdId", s.base_version as "baseVersion", s.submitted_by as "submittedBy",
            s.status, s.errors, s.reasons, fv.id as "formVersionId", fv.version, fv.checksum, fv.form_id as "formId"
       from submissions s join form_versions fv on fv.id = s.form_version_id
      where s.id = any($1::uuid[]) order by s.received_at, s.id`,
    [sqlArray(ids)],
  );
  const key = (id: number, checksum: string) => `${id}:${checksum}`;
  const missing = [...new Set(rows.filter((r) => !contents.has(key(r.formVersionId, r.checksum))).map((r) => r.formVersionId))];
  if (missing.length) {
    const versions = await queryRows<{ id: number; checksum: string; schema: PublishedVersion["schema"]; snapshot: Catalogue }>(
      em,
      `select id, checksum, schema, snapshot from form_versions where id = any(?::int[])`,
      [sqlArray(missing)],
    );
    for (const v of versions) contents.set(key(v.id, v.checksum), { schema: v.schema, snapshot: v.snapshot });
  }
  return rows.map(({ formVersionId, version, checksum, formId, ...submission }) => ({
    ...submission,
    formVersion: { id: formVersionId, version, checksum, form: { id: formId }, ...contents.get(key(formVersionId, checksum))! },
    integratedAt: null,
  }));
}

/** Saves the stage the batch gave each submission (status, errors, reasons, household), in one statement. */
export async function writeStages(em: EntityManager, submissions: IncomingSubmission[]): Promise<void> {
  if (!submissions.length) return;
  const stages = submissions.map(({ id, status, errors, reasons, householdId, integratedAt }) => ({
    id,
    status,
    errors,
    reasons,
    householdId,
    integratedAt,
  }));
  await preparedRows(
    em,
    "rsu_write_stages",
    `update submissions s set status = v.status, errors = v.errors, reasons = v.reasons, household_id = v."householdId", integrated_at = v."integratedAt"
       from json_to_recordset($1::json) as v(id uuid, status text, errors jsonb, reasons jsonb, "householdId" uuid, "integratedAt" timestamptz)
      where s.id = v.id`,
    [JSON.stringify(stages)],
  );
}

/**
 * Removes the outbox rows of the submissions a batch settles, in its transaction: their relay has nothing
 * left to send (DESIGN.md rule 1). A plain statement: MikroORM built this one delete for longer than
 * PostgreSQL ran it.
 */
export async function removeFromOutbox(em: EntityManager, submissionIds: string[]): Promise<void> {
  if (!submissionIds.length) return;
  await preparedRows(em, "rsu_remove_from_outbox", `delete from outbox where submission_id = any($1::uuid[])`, [sqlArray(submissionIds)]);
}
