import { Migration } from "@mikro-orm/migrations";

/**
 * Backups record their runs (issue #16): the alarm on the age of the last proven backup, and /metrics,
 * read them. The application role gets its rights from the schema's default privileges.
 */
export class Migration20261207040000BackupRuns extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "backup_runs" ("id" uuid not null, "file" text not null, "started_at" timestamptz not null,
      "finished_at" timestamptz not null, "bytes" bigint null, "verified_at" timestamptz null, "outcome" varchar(10) not null,
      "error_code" varchar(60) null, constraint "backup_runs_pkey" primary key ("id"));`);
    this.addSql(`create index "backup_runs_verified_at_index" on "backup_runs" ("verified_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table "backup_runs";`);
  }
}
