import { BACKUP_EXTENSION } from "./backup-file";

/** `rsu-<database>-20261207T023000Z.rsubackup`: sorts by time, and says when it was taken. */
export function backupFileName(database: string, at: Date): string {
  return `rsu-${database}-${at
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z")}${BACKUP_EXTENSION}`;
}

/** When a backup named by backupFileName was taken (null: not such a name). */
export function backupTakenAt(name: string): Date | null {
  const match = /-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z\.rsubackup$/.exec(name);
  if (!match) return null;
  const [, y, mo, d, h, mi, s] = match;
  return new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}Z`);
}
