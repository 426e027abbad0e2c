import { Migration } from "@mikro-orm/migrations";

/**
 * Submissions the API refused for their answers (422 submission_invalid), for the administrator's report
 * (issue #23): who sent it, where, with which mask, and each error as variable and code only, never a
 * value. One row per submission id, so a client sending the same refused submission again counts once.
 */
export class Migration20261208010000SubmissionRefusals extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "submission_refusals" (
      "submission_id" uuid not null primary key,
      "refused_at" timestamptz not null,
      "submitted_by" uuid null,
      "island" varchar(10) null,
      "commune" varchar(10) null,
      "form_id" varchar(100) not null,
      "form_version" integer not null,
      "errors" jsonb not null);`);
    this.addSql(`create index "submission_refusals_refused_at_index" on "submission_refusals" ("refused_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table "submission_refusals";`);
  }
}
