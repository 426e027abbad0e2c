import type { EntityManager } from "@mikro-orm/postgresql";
import type { SubmissionStatus } from "../../schemas/contracts/api";
import { auditRows, type AuditActor, type AuditEntry } from "../audit/record-audit";
import { entityRowsJson, preparedRows, sqlArray } from "../db/plain-sql";
import { AuditEvent } from "../entities";
import type { AttachmentRow } from "../services/submission-files";

/** A submission as the batch writes it: checked, hashed, its place known. */
export interface SubmissionRow {
  id: string;
  formVersionId: number;
  data: Record<string, unknown>;
  /** `data`'s canonical JSON when that is what is stored: written as is, not stringified again (issue #22). */
  dataJson?: string;
  contentHash: string;
  submittedBy: string | null;
  commune: string | null;
  householdId: string | null;
  baseVersion: number | null;
  /** Its files, taken out of `data` (issue #20): written only with the submission itself. */
  attachments?: AttachmentRow[];
}

/** What an earlier copy of an id says, to answer a retry (same content) or refuse other content (409). */
export interface StoredSubmission {
  data: Record<string, unknown>;
  contentHash: string;
  status: SubmissionStatus;
}

/*
 * The SQL of group commit (issue #22): each statement takes the whole batch as one bind parameter, so a
 * batch of fifty costs three statements, not a hundred and fifty.
 */

/**
 * Inserts the rows ($1, distinct ids); an id already stored, or being stored by another batch that commits,
 * is left alone. Returns the ids inserted. Rows go in id order (submissionsJson), so two batches holding the
 * same two ids lock them in the same order and never deadlock.
 */
const INSERT_SUBMISSIONS = `insert into submissions (id, form_version_id, data, content_hash, status, submitted_by, commune, household_id, base_version, received_at)
     select r.id, r.form_version_id, r.data, r.content_hash, 'received', r.submitted_by, r.commune, r.household_id, r.base_version, now()
       from json_to_recordset($1::json)
         as r(id uuid, form_version_id integer, data jsonb, content_hash text, submitted_by uuid, commune text, household_id uuid, base_version integer)
     on conflict (id) do nothing returning id`;

/** Inserts the rows with one statement, in the caller's transaction; returns the ids it inserted. */
export async function insertSubmissions(tx: EntityManager, rows: SubmissionRow[]): Promise<Set<string>> {
  const inserted = await preparedRows<{ id: string }>(tx, "rsu_insert_submission_batch", INSERT_SUBMISSIONS, [submissionsJson(rows)]);
  return new Set(inserted.map((row) => row.id));
}

/**
 * Group commit's write (issue #22): the submissions, the outbox rows of those inserted (DESIGN.md rule 1)
 * and their audit rows, in one statement: one round trip, and no BEGIN or COMMIT, since a statement alone is
 * its own transaction, durable once it returns. The four statements of a transaction cost the API more than
 * the rows they carried (each a write to the socket, and the ORM's transaction around them). An audit row
 * names its submission; those of ids left alone are dropped with them. Returns the ids inserted.
 */
export async function writeSubmissions(
  em: EntityManager,
  rows: SubmissionRow[],
  audits: { actor: AuditActor; entry: AuditEntry }[],
  nextAttemptAt: Date,
): Promise<Set<string>> {
  const inserted = await preparedRows<{ id: string }>(
    em,
    "rsu_write_submission_batch",
    `with written as (${INSERT_SUBMISSIONS}),
       queued as (insert into outbox (submission_id, created_at, next_attempt_at, attempts) select id, now(), $2, 0 from written),
       audited as (insert into audit_log select a.* from json_populate_recordset(null::audit_log, $3::json) a
                    where a.entity_id::uuid in (select id from written)),
       attached as (insert into attachments (id, submission_id, variable, name, type, size, sha256, content, created_at)
                    select f.id, f.submission_id, f.variable, f.name, f.type, f.size, f.sha256, decode(f.content, 'base64'), now()
                      from json_to_recordset($4::json)
                        as f(id uuid, submission_id uuid, variable text, name text, type text, size int, sha256 text, content text)
                     where f.submission_id in (select id from written))
     select id from written`,
    [submissionsJson(rows), nextAttemptAt, entityRowsJson(em, AuditEvent, auditRows(audits)), attachmentsJson(rows)],
  );
  return new Set(inserted.map((row) => row.id));
}

function submissionsJson(rows: SubmissionRow[]): string {
  const sorted = [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return `[${sorted.map(submissionJson).join(",")}]`;
}

/** One row's JSON, its answers' text spliced in as the request hashed it. */
function submissionJson(row: SubmissionRow): string {
  const fields = JSON.stringify({
    id: row.id,
    form_version_id: row.formVersionId,
    content_hash: row.contentHash,
    submitted_by: row.submittedBy,
    commune: row.commune,
    household_id: row.householdId,
    base_version: row.baseVersion,
  });
  return `${fields.slice(0, -1)},"data":${row.dataJson ?? JSON.stringify(row.data)}}`;
}

function attachmentsJson(rows: SubmissionRow[]): string {
  return JSON.stringify(
    rows.flatMap((row) =>
      (row.attachments ?? []).map((a) => ({
        id: a.id,
        submission_id: a.submissionId,
        variable: a.variable,
        name: a.name,
        type: a.type,
        size: a.size,
        sha256: a.sha256,
        content: a.content,
      })),
    ),
  );
}

/** The outbox rows of the inserted submissions (DESIGN.md rule 1), in the same transaction. */
export async function insertOutboxRows(tx: EntityManager, ids: string[], nextAttemptAt: Date): Promise<void> {
  if (!ids.length) return;
  await preparedRows(
    tx,
    "rsu_insert_outbox_batch",
    `insert into outbox (submission_id, created_at, next_attempt_at, attempts) select id, now(), $2, 0 from unnest($1::uuid[]) as id`,
    [sqlArray(ids), nextAttemptAt],
  );
}

/** The stored copies of ids a batch found already there (committed by an earlier request or another instance). */
export async function storedSubmissions(em: EntityManager, ids: string[]): Promise<Map<string, StoredSubmission>> {
  const rows = await preparedRows<{ id: string; data: Record<string, unknown>; content_hash: string; status: SubmissionStatus }>(
    em,
    "rsu_stored_submissions",
    `select id, data, content_hash, status from submissions where id = any($1::uuid[])`,
    [sqlArray(ids)],
  );
  return new Map(rows.map((row) => [row.id, { data: row.data, contentHash: row.content_hash, status: row.status }]));
}
