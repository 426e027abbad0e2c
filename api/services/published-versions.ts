import type { EntityManager } from "@mikro-orm/postgresql";
import type { FieldError } from "../../schemas/contracts/api";
import { queryRows } from "../db/plain-sql";
import { fileAnswersIn, type FileAnswerAt } from "../../schemas/compile/file-schema";
import { FILE_KEYWORD } from "../../schemas/compile/types";
import { validatorFor } from "./form-validators";

export interface PublishedVersion {
  id: number;
  checksum: string;
  validate: (data: unknown) => FieldError[];
  /** The files of checked answers (issue #20); absent when the version asks for none. */
  files?: (data: Record<string, unknown>) => FileAnswerAt[];
  retired: boolean;
}

/** How long a "not retired" answer is trusted on another instance than the one that retired the version. */
const RETIRED_TTL_MS = 2_000;

interface Known {
  version: Omit<PublishedVersion, "retired">;
  retired: boolean;
  checkedAt: number;
}

/**
 * The hot path's view of a published version (DESIGN.md rule 6: its content never changes): its id,
 * checksum and compiled validator are loaded once per process, its mask and schema never again. Only
 * retirement can change; it is read again after a couple of seconds, and at once here on retiring.
 */
const known = new Map<string, Known>();

/** `entityManager` is called only when the database must be read (issue #22: most submissions need none). */
export async function publishedVersion(
  entityManager: () => EntityManager,
  formId: string,
  version: number,
): Promise<PublishedVersion | null> {
  const key = `${formId}@${version}`;
  const entry = known.get(key);
  const now = Date.now();
  if (entry && (entry.retired || now - entry.checkedAt < RETIRED_TTL_MS)) return { ...entry.version, retired: entry.retired };
  if (entry) {
    const [row] = await queryRows<{ checksum: string; retired: boolean }>(
      entityManager(),
      `select checksum, retired_at is not null as retired from form_versions where id = ?`,
      [entry.version.id],
    );
    // A checksum that changed means the id was reused (a restored database): load it all again.
    if (row && row.checksum === entry.version.checksum) {
      Object.assign(entry, { retired: row.retired, checkedAt: now });
      return { ...entry.version, retired: row.retired };
    }
  }
  const [row] = await queryRows<{ id: number; checksum: string; schema: Record<string, unknown>; retired: boolean }>(
    entityManager(),
    `select id, checksum, schema, retired_at is not null as retired from form_versions where form_id = ? and version = ?`,
    [formId, version],
  );
  if (!row) {
    known.delete(key);
    return null;
  }
  const asksForFiles = JSON.stringify(row.schema).includes(`"${FILE_KEYWORD}"`);
  const loaded = {
    id: row.id,
    checksum: row.checksum,
    validate: validatorFor(row),
    ...(asksForFiles ? { files: (data: Record<string, unknown>) => fileAnswersIn(row.schema, data) } : {}),
  };
  known.set(key, { version: loaded, retired: row.retired, checkedAt: now });
  return { ...loaded, retired: row.retired };
}

/** Called on retiring: this instance refuses the version at once, the others within RETIRED_TTL_MS. */
export function forgetPublishedVersion(formId: string, version: number): void {
  known.delete(`${formId}@${version}`);
}
