import type { Queue } from "bullmq";
import type { BackupConfig } from "../config";
import { JOB_SCHEDULED_BACKUP } from "../../schemas/contracts/jobs";

const SCHEDULER = "scheduled-backup";

/**
 * Makes the backup queue's one repeatable job match the configuration (issue #16): every BACKUP_EVERY_SECONDS,
 * else daily at BACKUP_TIME (the server's time zone), else none. Upserting is idempotent: every workers
 * process may do it at start, and BullMQ still adds one job per tick, which one worker takes.
 */
export async function scheduleBackups(queue: Queue, backup: BackupConfig): Promise<void> {
  const template = {
    name: JOB_SCHEDULED_BACKUP,
    data: {},
    // A failed backup is not retried in a loop: the next tick makes a new one, and the alarm tells.
    opts: { attempts: 1, removeOnComplete: { count: 100 }, removeOnFail: { age: 30 * 24 * 3600 } },
  };
  if (backup.everyMs) await queue.upsertJobScheduler(SCHEDULER, { every: backup.everyMs }, template);
  else if (backup.timeOfDay) {
    const { hour, minute } = backup.timeOfDay;
    await queue.upsertJobScheduler(SCHEDULER, { pattern: `${minute} ${hour} * * *` }, template);
  } else await queue.removeJobScheduler(SCHEDULER);
}
