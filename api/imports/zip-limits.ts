import { inflateRawSync } from "node:zlib";

/**
 * A ZIP container (an `.xlsx`) is measured before any spreadsheet reader opens it (issue #20): a few
 * hundred kilobytes can inflate to gigabytes, and the readers inflate everything, trusting nothing and
 * bounding nothing. Sizes written in the archive can lie, so each entry is inflated here with a bound on
 * what it may produce: the archive is refused as soon as the whole would pass the limit.
 */
export interface ZipLimits {
  maxUncompressedBytes: number;
  maxEntries: number;
}

export type ZipMeasure = { ok: true; uncompressedBytes: number } | { ok: false; reason: "too_large" | "too_many_entries" | "unreadable" };

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;

export function measureZip(bytes: Uint8Array, limits: ZipLimits): ZipMeasure {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = endOfDirectory(view);
  if (end < 0) return { ok: false, reason: "unreadable" };
  const entries = view.getUint16(end + 10, true);
  if (entries > limits.maxEntries) return { ok: false, reason: "too_many_entries" };
  let at = view.getUint32(end + 16, true);
  let total = 0;
  for (let i = 0; i < entries; i++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== DIRECTORY_ENTRY) return { ok: false, reason: "unreadable" };
    const method = view.getUint16(at + 10, true);
    const compressed = view.getUint32(at + 20, true);
    const local = view.getUint32(at + 42, true);
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    // ZIP64 sizes (0xFFFFFFFF) belong to archives of gigabytes, never to a questionnaire.
    if (compressed === 0xffffffff) return { ok: false, reason: "too_large" };
    const produced = entrySize(bytes, view, local, method, compressed, limits.maxUncompressedBytes - total);
    if (produced === "too_large" || produced === "unreadable") return { ok: false, reason: produced };
    total += produced;
  }
  return { ok: true, uncompressedBytes: total };
}

/** The end-of-directory record, searched from the end past a comment of at most 64 KiB. */
function endOfDirectory(view: DataView): number {
  for (let at = view.byteLength - 22; at >= Math.max(0, view.byteLength - 22 - 0xffff); at--) {
    if (view.getUint32(at, true) === END_OF_DIRECTORY) return at;
  }
  return -1;
}

function entrySize(
  bytes: Uint8Array,
  view: DataView,
  local: number,
  method: number,
  compressed: number,
  budget: number,
): number | "too_large" | "unreadable" {
  if (local + 30 > bytes.length || view.getUint32(local, true) !== LOCAL_HEADER) return "unreadable";
  const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
  const data = bytes.subarray(start, start + compressed);
  if (method === 0) return data.length > budget ? "too_large" : data.length;
  if (method !== 8) return "unreadable";
  try {
    return inflateRawSync(data, { maxOutputLength: Math.max(1, budget) }).length;
  } catch (error) {
    return (error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE" ? "too_large" : "unreadable";
  }
}
