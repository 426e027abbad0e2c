import { Migration } from "@mikro-orm/migrations";

/**
 * An import's run is a worker job (issue #19): who asked for it (the job writes submissions and audit rows
 * in their name, with nothing personal in Redis), and when it started and finished, for the summary.
 */
export class Migration20261208050000ImportRunJob extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "imports" add column "run_by" uuid null, add column "run_started_at" timestamptz null, add column "run_finished_at" timestamptz null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "imports" drop column "run_by", drop column "run_started_at", drop column "run_finished_at";`);
  }
}
