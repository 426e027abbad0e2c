import { Migration } from "@mikro-orm/migrations";

/**
 * The commune a submission is about, kept with it at acceptance (issue #6): an integration batch takes
 * received submissions of one commune, so that batches of different communes, which lock different
 * communes, run side by side instead of queueing on each other's locks. Submissions received before are
 * given theirs from their answers.
 */
export class Migration20261129010000SubmissionCommune extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "submissions" add column "commune" varchar(10) null;`);
    this.addSql(`update "submissions" set "commune" = left("data"->>'commune', 10) where jsonb_typeof("data"->'commune') = 'string';`);
    this.addSql(
      `create index "submissions_received_commune_index" on "submissions" ("commune", "received_at") where "status" = 'received';`,
    );
    this.addSql(`create index "submissions_received_index" on "submissions" ("received_at") where "status" = 'received';`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "submissions_received_index";`);
    this.addSql(`drop index "submissions_received_commune_index";`);
    this.addSql(`alter table "submissions" drop column "commune";`);
  }
}
