import { readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import type { BackupConfig } from "../config";
import { backupTakenAt } from "./backup-names";

/**
 * Which backups to keep (issue #16), as restic's --keep-daily/--keep-weekly/--keep-monthly: the newest of
 * each of the last `daily` days that have one, of the last `weekly` ISO weeks, and of the last `monthly`
 * months (UTC). A backup kept by one rule counts for the others too. Returns the times kept.
 */
export function backupsToKeep(taken: readonly Date[], keep: BackupConfig["keep"]): Set<number> {
  const newestFirst = [...taken].map((d) => d.getTime()).sort((a, b) => b - a);
  const kept = new Set<number>();
  const rule = (count: number, period: (t: Date) => string) => {
    const seen = new Set<string>();
    for (const time of newestFirst) {
      if (seen.size >= count) break;
      const key = period(new Date(time));
      if (seen.has(key)) continue;
      seen.add(key);
      kept.add(time);
    }
  };
  rule(keep.daily, (t) => t.toISOString().slice(0, 10));
  rule(keep.weekly, isoWeek);
  rule(keep.monthly, (t) => t.toISOString().slice(0, 7));
  return kept;
}

/** "2026-W49": the ISO 8601 week (Monday first) a moment falls in, in UTC. */
function isoWeek(t: Date): string {
  const day = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate()));
  const weekday = day.getUTCDay() || 7;
  day.setUTCDate(day.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1);
  return `${day.getUTCFullYear()}-W${Math.ceil(((day.getTime() - yearStart) / 86_400_000 + 1) / 7)}`;
}

/** Deletes the backups of `dir` the policy does not keep; files not named as backups are left alone. */
export async function applyRetention(dir: string, keep: BackupConfig["keep"]): Promise<{ kept: number; deleted: string[] }> {
  const backups = (await readdir(dir)).flatMap((name) => {
    const at = backupTakenAt(name);
    return at ? [{ name, at }] : [];
  });
  const kept = backupsToKeep(
    backups.map((b) => b.at),
    keep,
  );
  const deleted = backups.filter((b) => !kept.has(b.at.getTime())).map((b) => b.name);
  for (const name of deleted) await rm(join(dir, name), { force: true });
  return { kept: backups.length - deleted.length, deleted };
}
