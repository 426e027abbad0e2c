import type { EntityManager } from "@mikro-orm/postgresql";
import type { HouseholdVersionEntry } from "../../../schemas/contracts/review";
import { queryRows, sqlArray } from "../../db/plain-sql";
import { IMPORT_SOURCE_FILES } from "../../imports/run-import";
import type { ImportSourceFile } from "../../../schemas/contracts/imports";

/** What the history says of a version's submission: when it came, and the bulk import that wrote it, if one did. */
export interface SubmissionSource {
  receivedAt: string;
  imported: HouseholdVersionEntry["imported"];
}

/**
 * When these submissions were received and which bulk import wrote each (issue #19), with the import's file
 * names and the household's lines in each: the history names them by what a reader recognises, not by a cut
 * id (issue #21).
 */
export async function submissionSources(em: EntityManager, ids: string[]): Promise<Map<string, SubmissionSource>> {
  if (!ids.length) return new Map();
  const rows = await queryRows<{
    id: string;
    received_at: Date;
    import_id: string | null;
    files: ImportSourceFile[] | null;
    profile_name: string | null;
  }>(
    em,
    `select s.id, s.received_at, ih.import_id, ${IMPORT_SOURCE_FILES} as files, i.profile->>'name' as profile_name
       from submissions s
       left join import_households ih on ih.submission_id = s.id
       left join imports i on i.id = ih.import_id
      where s.id = any(?::uuid[])`,
    [sqlArray(ids)],
  );
  return new Map(
    rows.map((r) => [
      r.id,
      {
        receivedAt: new Date(r.received_at).toISOString(),
        imported: r.import_id ? { importId: r.import_id, files: r.files ?? [], profileName: r.profile_name } : null,
      },
    ]),
  );
}

/** When each of these review items was opened: « Révision du 3 mars » rather than its id (issue #21). */
export async function reviewOpenedAt(em: EntityManager, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await queryRows<{ id: string; created_at: Date }>(em, "select id, created_at from review_items where id = any(?::uuid[])", [
    sqlArray(ids),
  ]);
  return new Map(rows.map((r) => [r.id, new Date(r.created_at).toISOString()]));
}
