import { BACKUP_EXTENSION } from "./backup-file";

/** `rsu-<database>-20261207T023000Z.rsubackup`: sorts by time, and says when it was taken. */
export function backupFileName(database: string, at: Date): string {
  return `rsu-${database}-${at
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z")}${BACKUP_EXTENSION}`;
}
