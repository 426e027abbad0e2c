import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import type { Readable } from "node:stream";
import { type BackupEncryption, type BackupKeys, decryptStream, deriveKeys, sameManifestMac, WrongPassphrase } from "./backup-cipher";
import { BackupError } from "./backup-error";
import type { BackupManifest } from "./backup-manifest";

/*
 * One backup is one file (issue #16):
 *   "RSU-BACKUP/1\n"                  what the file is
 *   header JSON line                  {encryption: null | how the dump is encrypted}
 *   payload                           pg_dump's custom format, encrypted or not, as pg_dump wrote it
 *   trailer JSON                      {manifest, mac}: the manifest, and its MAC when encrypted
 *   8 bytes + "RSU-END\n"             the trailer's length (big-endian), and the end mark
 * The manifest comes last because it holds the dump's checksum and duration: the dump streams straight
 * into the file, once. The manifest stays readable without the passphrase (counts, never a person).
 */
export const BACKUP_MAGIC = "RSU-BACKUP/1\n";
export const BACKUP_END = "RSU-END\n";
export const BACKUP_EXTENSION = ".rsubackup";

export interface BackupHeader {
  encryption: BackupEncryption | null;
}

export interface BackupTrailer {
  manifest: BackupManifest;
  mac: string | null;
}

export function headerLine(header: BackupHeader): string {
  return JSON.stringify(header);
}

/** The bytes written after the payload. */
export function trailerBytes(trailer: BackupTrailer): Buffer {
  const json = Buffer.from(JSON.stringify(trailer));
  const length = Buffer.alloc(8);
  length.writeBigUInt64BE(BigInt(json.length));
  return Buffer.concat([json, length, Buffer.from(BACKUP_END)]);
}

export interface OpenedBackup {
  file: string;
  header: BackupHeader;
  /** The header line as written: bound to every encrypted chunk and to the manifest's MAC. */
  headerText: string;
  manifest: BackupManifest;
  /** The manifest as written, for its MAC. */
  manifestText: string;
  mac: string | null;
  payload: { start: number; end: number };
}

const notABackup = (file: string) =>
  new BackupError("not_a_backup", `${file} n'est pas une sauvegarde rsu complète`, `${file} is not a complete rsu backup`);

/** Reads a backup's header and manifest without reading its dump. */
export async function openBackup(file: string): Promise<OpenedBackup> {
  const handle = await open(file, "r");
  try {
    const { size } = await handle.stat();
    const read = async (position: number, length: number) => {
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await handle.read(buffer, 0, length, position);
      return buffer.subarray(0, bytesRead);
    };
    const start = (await read(0, Math.min(size, 64 * 1024))).toString("latin1");
    if (!start.startsWith(BACKUP_MAGIC) || size < 16) throw notABackup(file);
    const newline = start.indexOf("\n", BACKUP_MAGIC.length);
    if (newline < 0) throw notABackup(file);
    const headerText = Buffer.from(start.slice(BACKUP_MAGIC.length, newline), "latin1").toString("utf8");
    const footer = await read(size - 16, 16);
    if (footer.subarray(8).toString("latin1") !== BACKUP_END) throw notABackup(file);
    const trailerLength = Number(footer.readBigUInt64BE(0));
    const trailerStart = size - 16 - trailerLength;
    if (trailerStart <= newline) throw notABackup(file);
    const trailerText = (await read(trailerStart, trailerLength)).toString("utf8");
    const trailer = JSON.parse(trailerText) as BackupTrailer;
    return {
      file,
      header: JSON.parse(headerText) as BackupHeader,
      headerText,
      manifest: trailer.manifest,
      manifestText: JSON.stringify(trailer.manifest),
      mac: trailer.mac,
      payload: { start: newline + 1, end: trailerStart },
    };
  } catch (error) {
    if (error instanceof SyntaxError) throw notABackup(file);
    throw error;
  } finally {
    await handle.close();
  }
}

/** The keys of an encrypted backup, once its manifest's MAC shows the passphrase is right. */
export async function unlockBackup(backup: OpenedBackup, passphrase: string | null): Promise<BackupKeys | null> {
  const { encryption } = backup.header;
  if (!encryption) return null;
  if (!passphrase) {
    throw new BackupError(
      "passphrase_required",
      "cette sauvegarde est chiffrée : donnez sa phrase de passe",
      "this backup is encrypted: give its passphrase",
    );
  }
  const keys = await deriveKeys(passphrase, encryption);
  if (!backup.mac || !sameManifestMac(keys, backup.headerText, backup.manifestText, backup.mac)) throw new WrongPassphrase();
  return keys;
}

/** The dump as pg_dump wrote it, decrypted on the way when the backup is encrypted. */
export function readDump(backup: OpenedBackup, keys: BackupKeys | null): Readable {
  const raw = createReadStream(backup.file, { start: backup.payload.start, end: backup.payload.end - 1 });
  if (!backup.header.encryption) return raw;
  if (!keys) throw new Error("encrypted backup read without its keys");
  const plain = decryptStream(backup.header.encryption, keys, Buffer.from(backup.headerText));
  raw.on("error", (error) => plain.destroy(error));
  return raw.pipe(plain);
}
