import { createHash, randomUUID } from "node:crypto";
import type { EntityManager } from "@mikro-orm/postgresql";
import type { FileAnswerAt } from "../../schemas/compile/file-schema";
import { leadingBytes, parseDataUrl, sniffFileType } from "../../schemas/compile/file-types";
import { pointerSegment } from "../../schemas/compile/json-pointer";
import type { FieldError } from "../../schemas/contracts/api";
import {
  type AttachmentRef,
  FILE_EXTENSIONS,
  isAttachmentRef,
  type KnownFileType,
  MAX_SUBMISSION_FILE_BYTES,
} from "../../schemas/contracts/attachments";
import { queryRows, sqlArray } from "../db/plain-sql";
import { problems } from "../problems";

/** An attachment row as the submission batch writes it, its bytes in base64 (decoded by PostgreSQL). */
export interface AttachmentRow {
  id: string;
  submissionId: string;
  variable: string;
  name: string;
  type: string;
  size: number;
  sha256: string;
  content: string;
}

/**
 * Takes the files out of a checked submission's answers (issue #20): each inline file becomes a row to
 * write with the submission, in the same statement (so a crash keeps both or neither), and its answer a
 * reference. A reference sent back (an update keeping a household's photo, a correction of one's own
 * submission) must name a file of that household or of the sender's own submissions, unchanged.
 * Over MAX_SUBMISSION_FILE_BYTES in all: 413. Changes `data` in place; call it after the content hash.
 */
export async function takeFiles(
  em: EntityManager,
  files: FileAnswerAt[],
  data: Record<string, unknown>,
  submissionId: string,
  sender: { userId: string; householdId: string | null },
): Promise<AttachmentRow[]> {
  const fresh: { row: AttachmentRow; path: FileAnswerAt["path"] }[] = [];
  const kept: { ref: AttachmentRef; pointer: string }[] = [];
  let total = 0;
  for (const file of files) {
    const pointer = file.path.map((s) => `/${pointerSegment(String(s))}`).join("");
    if (isAttachmentRef(file.value)) {
      kept.push({ ref: file.value, pointer });
      continue;
    }
    const row = attachmentRow(file, submissionId);
    total += row.size;
    fresh.push({ row, path: file.path });
  }
  if (total > MAX_SUBMISSION_FILE_BYTES) throw problems.submissionFilesTooLarge(MAX_SUBMISSION_FILE_BYTES);
  if (kept.length) await checkKept(em, kept, sender);
  // A file the runtime fetched to show it (an update, a correction) comes back as bytes: the one already
  // stored for that answer is named again, not stored twice.
  const stored = fresh.length ? await storedAlready(em, fresh, sender) : new Map<string, AttachmentRef>();
  const rows: AttachmentRow[] = [];
  for (const { row, path } of fresh) {
    const same = stored.get(`${row.variable} ${row.sha256}`);
    if (!same) rows.push(row);
    setAt(data, path, same ?? refTo(row));
  }
  return rows;
}

/** Where a stored file may be named again from: the sender's own submissions, or the household updated. */
const REACHABLE = `(s.submitted_by = ? or (?::uuid is not null and s.household_id = ?::uuid))`;

/** The stored files, of the same variable and bytes, that these new ones repeat; keyed by variable and SHA-256. */
async function storedAlready(
  em: EntityManager,
  fresh: { row: AttachmentRow }[],
  sender: { userId: string; householdId: string | null },
): Promise<Map<string, AttachmentRef>> {
  const found = await queryRows<{ id: string; variable: string; name: string; type: string; size: number; sha256: string }>(
    em,
    `select distinct on (a.variable, a.sha256) a.id, a.variable, a.name, a.type, a.size, a.sha256
       from attachments a join submissions s on s.id = a.submission_id
      where a.sha256 = any(?::text[]) and ${REACHABLE} order by a.variable, a.sha256, a.created_at`,
    [sqlArray(fresh.map(({ row }) => row.sha256)), sender.userId, sender.householdId, sender.householdId],
  );
  return new Map(found.map((row) => [`${row.variable} ${row.sha256}`, refTo(row)]));
}

/** What the answer keeps in place of a stored file's bytes. */
function refTo(row: { id: string; name: string; type: string; size: number; sha256: string }): AttachmentRef {
  return { name: row.name, type: row.type, size: row.size, sha256: row.sha256, attachment: row.id };
}

function attachmentRow(file: FileAnswerAt, submissionId: string): AttachmentRow {
  const item = file.value as { name?: unknown; content?: unknown } | string;
  const content = typeof item === "string" ? item : String(item.content);
  // The validator has checked the data URL, its size and its type: what is read here is known good.
  const parsed = parseDataUrl(content)!;
  const type = sniffFileType(leadingBytes(parsed.base64)) as KnownFileType;
  const bytes = Buffer.from(parsed.base64, "base64");
  const given = typeof item === "string" ? "" : String(item.name ?? "").trim();
  return {
    id: randomUUID(),
    submissionId,
    variable: file.code,
    name: given || `${file.code}.${FILE_EXTENSIONS[type]}`,
    type,
    size: bytes.length,
    sha256: createHash("sha256").update(bytes).digest("hex"),
    content: parsed.base64,
  };
}

/** References sent back must name a stored file, unchanged, of the household updated or of the sender's own submissions. */
async function checkKept(
  em: EntityManager,
  kept: { ref: AttachmentRef; pointer: string }[],
  sender: { userId: string; householdId: string | null },
): Promise<void> {
  const found = await queryRows<{ id: string; name: string; type: string; size: number; sha256: string }>(
    em,
    `select a.id, a.name, a.type, a.size, a.sha256 from attachments a join submissions s on s.id = a.submission_id
      where a.id = any(?::uuid[]) and ${REACHABLE}`,
    [kept.map((k) => k.ref.attachment), sender.userId, sender.householdId, sender.householdId],
  );
  const known = new Map(found.map((row) => [row.id, row]));
  const errors: FieldError[] = kept
    .filter(({ ref }) => {
      const row = known.get(ref.attachment);
      return !row || row.type !== ref.type || row.size !== ref.size || row.sha256 !== ref.sha256;
    })
    .map(({ pointer }) => ({
      pointer,
      code: "file_unknown",
      message: {
        fr: "Ce fichier n'est pas un fichier déjà enregistré pour ce ménage : joignez-le à nouveau.",
        en: "This file is not one already stored for this household: attach it again.",
      },
    }));
  if (errors.length) throw problems.submissionInvalid(errors);
}

function setAt(data: Record<string, unknown>, path: (string | number)[], value: unknown): void {
  let holder: Record<string | number, unknown> = data;
  for (const segment of path.slice(0, -1)) holder = holder[segment] as Record<string | number, unknown>;
  holder[path[path.length - 1]!] = value;
}
