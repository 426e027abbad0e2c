import { appendFile, mkdir, open, readFile } from "node:fs/promises";
import { dirname } from "node:path";
import type { AppConfig } from "../config";
import type { Logger } from "../log";
import { keyed, sameMac } from "./audit-chain";
import type { ChainHead } from "./chain-audit";

/**
 * A checkpoint of the chain kept outside the database (a file, and the log): the head's sequence number
 * and hash and how many rows the chain held, with a MAC under the anchor key. The database cannot prove
 * what it no longer holds; an anchor can: rows deleted from the tail, or the whole log truncated, leave
 * an anchor that names rows which are gone.
 */
export interface AuditAnchor {
  seq: number;
  hash: string;
  rows: number;
  at: string;
  mac: string;
}

export function makeAnchor(key: string, head: ChainHead | null, at = new Date()): AuditAnchor {
  const fields = { seq: head?.seq ?? 0, hash: head?.hash ?? "", rows: head?.n ?? 0, at: at.toISOString() };
  return { ...fields, mac: anchorMac(key, fields) };
}

function anchorMac(key: string, a: Omit<AuditAnchor, "mac">): string {
  return keyed(key, `rsu-audit-anchor\n${a.seq}\n${a.hash}\n${a.rows}\n${a.at}`);
}

/** Anchors the head: a line in the anchor file and one in the log (the MAC, never the key). */
export async function writeAnchor(audit: AppConfig["audit"], head: ChainHead | null, logger: Logger): Promise<AuditAnchor> {
  const anchor = makeAnchor(audit.anchorKey, head);
  await appendAnchor(audit.anchorFile, anchor);
  logger.info("audit_anchor", { ...anchor });
  return anchor;
}

/** One JSON line per anchor, appended: an anchor file is never rewritten. */
export async function appendAnchor(file: string, anchor: AuditAnchor): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await appendFile(file, `${JSON.stringify(anchor)}\n`, { mode: 0o600 });
}

export interface AnchorFile {
  /** Anchors whose MAC is right, in file order. */
  anchors: AuditAnchor[];
  /** Line numbers (from 1) of lines that are not an anchor with a right MAC. */
  forgedLines: number[];
  /** False when there is no file yet. */
  found: boolean;
}

export async function readAnchors(file: string, key: string): Promise<AnchorFile> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { anchors: [], forgedLines: [], found: false };
    throw error;
  }
  const result: AnchorFile = { anchors: [], forgedLines: [], found: true };
  text.split("\n").forEach((line, i) => {
    if (!line.trim()) return;
    const anchor = parseAnchor(line);
    if (anchor && sameMac(anchor.mac, anchorMac(key, anchor))) result.anchors.push(anchor);
    else result.forgedLines.push(i + 1);
  });
  return result;
}

/** How much of the file's end is read for its latest anchor: a line is about 200 bytes. */
const TAIL_BYTES = 8_192;

/**
 * The file's latest anchor with a right MAC, from its last lines only (the file grows by a line per chain
 * run, so it is never read whole for this); null when there is none. For the anchor's age (issue #23).
 */
export async function latestAnchor(file: string, key: string): Promise<AuditAnchor | null> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(file, "r");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  try {
    const { size } = await handle.stat();
    const length = Math.min(size, TAIL_BYTES);
    const { buffer } = await handle.read(Buffer.alloc(length), 0, length, size - length);
    const lines = buffer.toString("utf8").split("\n");
    for (const line of lines.reverse()) {
      const anchor = line.trim() ? parseAnchor(line) : null;
      if (anchor && sameMac(anchor.mac, anchorMac(key, anchor))) return anchor;
    }
    return null;
  } finally {
    await handle.close();
  }
}

function parseAnchor(line: string): AuditAnchor | null {
  try {
    const a = JSON.parse(line) as Partial<AuditAnchor>;
    const valid =
      Number.isSafeInteger(a.seq) &&
      Number.isSafeInteger(a.rows) &&
      typeof a.hash === "string" &&
      typeof a.at === "string" &&
      typeof a.mac === "string";
    return valid ? (a as AuditAnchor) : null;
  } catch {
    return null;
  }
}
