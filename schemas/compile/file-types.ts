import { KNOWN_FILE_TYPES, type KnownFileType } from "../contracts/attachments";

/**
 * What a file is, read from its bytes rather than from the name or type the browser declared (issue #20):
 * a file is stored and served only as one of the types rsu recognises, so a page or a script renamed
 * `photo.png` is refused, never served back to a reader.
 */

/** A data URL with base64 content, as survey-core's FileReader and signature pad write them. */
const DATA_URL = /^data:([^;,]*)(?:;[^;,]*)*;base64,([A-Za-z0-9+/]*={0,2})$/;

export interface DataUrl {
  declaredType: string;
  base64: string;
  /** Bytes once decoded. */
  size: number;
}

export function parseDataUrl(value: string): DataUrl | undefined {
  const match = DATA_URL.exec(value);
  if (!match || match[2]!.length % 4 !== 0) return undefined;
  const base64 = match[2]!;
  const padding = base64.endsWith("==") ? 2 : base64.endsWith("=") ? 1 : 0;
  return { declaredType: match[1]!.toLowerCase(), base64, size: (base64.length / 4) * 3 - padding };
}

/** The first bytes of base64 content (atob exists in browsers and Node alike). */
export function leadingBytes(base64: string, count = 16): Uint8Array {
  const chunk = base64.slice(0, Math.ceil(count / 3) * 4);
  const text = atob(chunk);
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}

const ascii = (bytes: Uint8Array, at: number, text: string) => [...text].every((c, i) => bytes[at + i] === c.charCodeAt(0));

/** The type the bytes say, among those rsu knows; undefined for anything else. */
export function sniffFileType(bytes: Uint8Array): KnownFileType | undefined {
  if ([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((b, i) => bytes[i] === b)) return "image/png";
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "image/jpeg";
  if (ascii(bytes, 0, "GIF87a") || ascii(bytes, 0, "GIF89a")) return "image/gif";
  if (ascii(bytes, 0, "RIFF") && ascii(bytes, 8, "WEBP")) return "image/webp";
  if (ascii(bytes, 0, "RIFF") && ascii(bytes, 8, "WAVE")) return "audio/wav";
  if (ascii(bytes, 0, "%PDF-")) return "application/pdf";
  if (ascii(bytes, 0, "OggS")) return "audio/ogg";
  if (ascii(bytes, 0, "ID3") || (bytes[0] === 0xff && ((bytes[1] ?? 0) & 0xe6) === 0xe2)) return "audio/mpeg";
  if (ascii(bytes, 4, "ftypM4A")) return "audio/mp4";
  return undefined;
}

const EXTENSIONS: Record<string, KnownFileType> = {
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".pdf": "application/pdf",
  ".mp3": "audio/mpeg",
  ".ogg": "audio/ogg",
  ".oga": "audio/ogg",
  ".wav": "audio/wav",
  ".m4a": "audio/mp4",
};
const ALIASES: Record<string, KnownFileType> = { "image/jpg": "image/jpeg", "audio/mp3": "audio/mpeg", "audio/x-wav": "audio/wav" };

/**
 * A file question's `acceptedTypes` (the file input's `accept`: MIME types, `image/*`, extensions) as the
 * types rsu knows; `unknown` lists what it cannot check (a video, a spreadsheet), which is refused at publish.
 * None stated: every known type.
 */
export function acceptedFileTypes(acceptedTypes: unknown): { types: KnownFileType[]; unknown: string[] } {
  const tokens =
    typeof acceptedTypes === "string"
      ? acceptedTypes
          .split(",")
          .map((t) => t.trim().toLowerCase())
          .filter(Boolean)
      : [];
  if (!tokens.length) return { types: [...KNOWN_FILE_TYPES], unknown: [] };
  const types = new Set<KnownFileType>();
  const unknown: string[] = [];
  for (const token of tokens) {
    const found = token.endsWith("/*")
      ? KNOWN_FILE_TYPES.filter((t) => t.startsWith(token.slice(0, -1)))
      : [EXTENSIONS[token] ?? ALIASES[token] ?? KNOWN_FILE_TYPES.find((t) => t === token)].filter((t) => t !== undefined);
    if (!found.length) unknown.push(token);
    for (const t of found) types.add(t);
  }
  return { types: KNOWN_FILE_TYPES.filter((t) => types.has(t)), unknown };
}

/** A signature pad's `dataFormat` as the type of what it draws; SVG is refused (a drawing served back could carry a script). */
export function signatureFileType(dataFormat: unknown): KnownFileType | undefined {
  if (dataFormat === undefined || dataFormat === "png") return "image/png";
  if (dataFormat === "jpeg" || dataFormat === "jpg") return "image/jpeg";
  return undefined;
}
