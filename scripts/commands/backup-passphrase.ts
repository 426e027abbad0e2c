import { readFile } from "node:fs/promises";
import { readPassword } from "./read-password";

/**
 * A backup's passphrase: from `--passphrase-file`, else the configured BACKUP_PASSPHRASE_FILE, else typed
 * (or piped) on standard input. Never from the command line, where it would land in shell history.
 */
export async function backupPassphrase(options: Map<string, string[]>, configured: string | null): Promise<string> {
  const file = options.get("passphrase-file")?.[0] ?? configured;
  const passphrase = file
    ? (await readFile(file, "utf8")).replace(/\r?\n$/, "")
    : await readPassword("Phrase de passe de la sauvegarde / Backup passphrase: ");
  if (passphrase.length < 12)
    throw new Error("the passphrase must have at least 12 characters / la phrase de passe doit avoir au moins 12 caractères");
  return passphrase;
}
