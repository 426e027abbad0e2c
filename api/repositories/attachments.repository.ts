import type { EntityManager } from "@mikro-orm/postgresql";
import { queryRows } from "../db/plain-sql";

export interface StoredAttachment {
  variable: string;
  name: string;
  type: string;
  content: Buffer;
}

/**
 * A file of a household (issue #20): one that a submission about that household names in its answers,
 * as a reference object (never as text: a text answer holding the id names nothing). Kept files of an
 * update name the row written by an earlier submission, so the link is the answers, not the row's submission.
 */
export async function householdAttachment(em: EntityManager, householdId: string, id: string): Promise<StoredAttachment | null> {
  const [row] = await queryRows<StoredAttachment>(
    em,
    `select a.variable, a.name, a.type, a.content from attachments a
      where a.id = ? and exists (
        select 1 from submissions s
         where s.household_id = ? and jsonb_path_exists(s.data, ?::jsonpath, jsonb_build_object('id', a.id::text)))`,
    // The path is a binding: knex reads every `?` of the text as one.
    [id, householdId, "$.** ? (@.attachment == $id)"],
  );
  return row ?? null;
}
