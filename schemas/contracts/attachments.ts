/**
 * Files, photos and signatures (issue #20). The runtime works offline: an attachment travels inside its
 * submission, as survey-core stores it by default (`storeDataAsText`): a file question's answer is a list
 * of `{name, type, content}` (`content` a base64 data URL), a signature pad's a data URL. On accept the API moves each content into the
 * `attachments` table and the answer keeps an {@link AttachmentRef} in its place: one shape for both.
 */

/** What an answer holds once its file is stored: `attachment` is the row's id, `type` the type read from the bytes. */
export interface AttachmentRef {
  name: string;
  type: string;
  size: number;
  sha256: string;
  attachment: string;
}

/** Bytes of one file, decoded: a photo from a tablet's camera fits. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;
/** Bytes of all the files of one submission, decoded. */
export const MAX_SUBMISSION_FILE_BYTES = 20 * 1024 * 1024;
/** A submission's JSON body: its files in base64 (4/3 of their bytes) and room for the answers. */
export const MAX_SUBMISSION_BODY_BYTES = 28 * 1024 * 1024;

/** The types rsu can recognise from their first bytes, so the only ones it stores and serves. */
export const KNOWN_FILE_TYPES = [
  "image/png",
  "image/jpeg",
  "image/gif",
  "image/webp",
  "application/pdf",
  "audio/mpeg",
  "audio/ogg",
  "audio/wav",
  "audio/mp4",
] as const;
export type KnownFileType = (typeof KNOWN_FILE_TYPES)[number];

/** The name a file of this type is saved under when the answer gives none (a signature). */
export const FILE_EXTENSIONS: Record<KnownFileType, string> = {
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/gif": "gif",
  "image/webp": "webp",
  "application/pdf": "pdf",
  "audio/mpeg": "mp3",
  "audio/ogg": "ogg",
  "audio/wav": "wav",
  "audio/mp4": "m4a",
};

export function isAttachmentRef(value: unknown): value is AttachmentRef {
  if (!value || typeof value !== "object" || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  return (
    Object.keys(v).length === 5 &&
    typeof v.name === "string" &&
    typeof v.type === "string" &&
    typeof v.size === "number" &&
    typeof v.sha256 === "string" &&
    /^[0-9a-f]{64}$/.test(v.sha256) &&
    typeof v.attachment === "string" &&
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(v.attachment)
  );
}

/**
 * The stored files anywhere in answers, each with the variable it answers (the key holding it or its list),
 * in the answers' order: a household's, a member's or a record's.
 */
export function attachmentsIn(value: unknown, variable = ""): { variable: string; file: AttachmentRef }[] {
  if (isAttachmentRef(value)) return [{ variable, file: value }];
  if (Array.isArray(value)) return value.flatMap((item) => attachmentsIn(item, variable));
  if (value && typeof value === "object") return Object.entries(value).flatMap(([key, item]) => attachmentsIn(item, key));
  return [];
}
