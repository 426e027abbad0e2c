import { Migration } from "@mikro-orm/migrations";

/**
 * Files, photos and signatures answered in submissions (issue #20), out of the submissions' JSON: bytes in
 * their own table, so that pg_dump (rsu backup) keeps them, and the submission's answer names the row.
 */
export class Migration20261220100000Attachments extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "attachments" (
      "id" uuid not null primary key,
      "submission_id" uuid not null,
      "variable" varchar(100) not null,
      "name" text not null,
      "type" varchar(100) not null,
      "size" int not null,
      "sha256" varchar(64) not null,
      "content" bytea not null,
      "created_at" timestamptz not null);`);
    this.addSql(`create index "attachments_submission_id_index" on "attachments" ("submission_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table "attachments";`);
  }
}
