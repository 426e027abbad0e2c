import type { EntityManager } from "@mikro-orm/postgresql";
import { queryRows } from "../db/plain-sql";

export interface StoredAttachment {
  variable: string;
  name: string;
  type: string;
  content: Buffer;
}

/** A reference object naming the attachment, anywhere in a document (never text: a text answer holding the id names nothing). */
const NAMES_IT = "$.** ? (@.attachment == $id)";

/**
 * A file of a household (issue #20): one that a version of that household names in its answers, as a
 * reference object. The versions, not the submissions: a file kept by an update names the row an earlier
 * submission wrote, and a file merged in by a reviewer's « same » came with a submission about another
 * household (or none) yet is this household's answer now.
 */
export async function householdAttachment(em: EntityManager, householdId: string, id: string): Promise<StoredAttachment | null> {
  const [row] = await queryRows<StoredAttachment>(
    em,
    `select a.variable, a.name, a.type, a.content from attachments a
      where a.id = ? and exists (
        select 1 from household_versions v
         where v.household_id = ? and jsonb_path_exists(v.state, ?::jsonpath, jsonb_build_object('id', a.id::text)))`,
    // The path is a binding: knex reads every `?` of the text as one.
    [id, householdId, NAMES_IT],
  );
  return row ?? null;
}

/** A file that a submission names in its answers (issue #20): what a reviewer reads before the submission is integrated. */
export async function submissionAttachment(em: EntityManager, submissionId: string, id: string): Promise<StoredAttachment | null> {
  const [row] = await queryRows<StoredAttachment>(
    em,
    `select a.variable, a.name, a.type, a.content from attachments a
      where a.id = ? and exists (
        select 1 from submissions s where s.id = ? and jsonb_path_exists(s.data, ?::jsonpath, jsonb_build_object('id', a.id::text)))`,
    [id, submissionId, NAMES_IT],
  );
  return row ?? null;
}
