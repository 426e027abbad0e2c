import { Migration } from "@mikro-orm/migrations";

/**
 * The « Sauvegardes » page (issue #16) shows each backup's checksum and who asked for it: the schedule,
 * an administrator's button, or `rsu backup`. Runs recorded before this were all scheduled.
 */
export class Migration20261208020000BackupRunDetails extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "backup_runs" add column "sha256" varchar(64) null, add column "origin" varchar(10) not null default 'scheduled';`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "backup_runs" drop column "sha256", drop column "origin";`);
  }
}
