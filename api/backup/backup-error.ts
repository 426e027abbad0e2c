/** A backup or restore that cannot go on: a stable code, and what happened in French then English. */
export class BackupError extends Error {
  constructor(
    readonly code: string,
    fr: string,
    en: string,
  ) {
    super(`${fr} / ${en}`);
  }
}
