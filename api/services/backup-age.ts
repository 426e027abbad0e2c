import type { EntityManager } from "@mikro-orm/postgresql";

/**
 * Seconds since the latest backup that was made and verified (restored into a scratch database and found
 * identical, issue #16); null while there has been none.
 */
export async function secondsSinceLastGoodBackup(em: EntityManager): Promise<number | null> {
  const [row] = await em
    .getConnection()
    .execute<{ age: number | null }[]>(`select extract(epoch from now() - max(verified_at))::float8 as age from backup_runs`);
  return row?.age ?? null;
}

/** ok, late (the last proven backup is older than BACKUP_MAX_AGE_HOURS) or never: what /readyz shows. */
export async function backupAlarm(em: EntityManager, maxAgeMs: number): Promise<"ok" | "late" | "never"> {
  const age = await secondsSinceLastGoodBackup(em);
  if (age === null) return "never";
  return age * 1000 > maxAgeMs ? "late" : "ok";
}
