import { Migration } from "@mikro-orm/migrations";

/**
 * A reviewer's "same" merges a submission into a household value by value (issue #14):
 * - a review item records the household's version when it was opened, set by a trigger so that every
 *   path that opens items (worker, batch, decision) records it; items already there get the version
 *   recorded by their creation time;
 * - a version names the reviewer's decision and comment;
 * - a household merge is a Merge row too (undone like a person merge);
 * - a decision may apply a submission again after an undo: the uniqueness of a version's submission
 *   holds for integrations only (no review item).
 */
export class Migration20261206210000ReviewMerge extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "review_items" add column "household_version" int null;`);
    this.addSql(`update "review_items" r set "household_version" = (select max(v."version") from "household_versions" v
      where v."household_id" = r."household_id" and v."created_at" <= r."created_at") where r."household_id" is not null;`);
    this.addSql(`
      create function "review_items_household_version"() returns trigger language plpgsql as $$
      begin
        if new."household_id" is not null and new."household_version" is null then
          select "version" into new."household_version" from "households" where "id" = new."household_id";
        end if;
        return new;
      end $$;`);
    this.addSql(`create trigger "review_items_record_household_version" before insert on "review_items" for each row
      execute function "review_items_household_version"();`);
    this.addSql(`alter table "household_versions" add column "decision" varchar(10) null, add column "comment" text null;`);
    this.addSql(`alter table "household_versions" drop constraint "household_versions_submission_id_unique";`);
    this.addSql(
      `create unique index "household_versions_submission_id_unique" on "household_versions" ("submission_id") where "review_item_id" is null;`,
    );
    this.addSql(`alter table "merges" add column "kind" varchar(10) null, add column "household_id" uuid null,
      add column "household_version" int null;`);
    this.addSql(`update "merges" set "kind" = 'person';`);
    this.addSql(`alter table "merges" alter column "kind" set not null, alter column "kept_individual_id" drop not null,
      alter column "merged_individual_id" drop not null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`delete from "merges" where "kind" = 'household';`);
    this.addSql(`alter table "merges" drop column "kind", drop column "household_id", drop column "household_version",
      alter column "kept_individual_id" set not null, alter column "merged_individual_id" set not null;`);
    this.addSql(`drop index "household_versions_submission_id_unique";`);
    this.addSql(`alter table "household_versions" add constraint "household_versions_submission_id_unique" unique ("submission_id");`);
    this.addSql(`alter table "household_versions" drop column "decision", drop column "comment";`);
    this.addSql(`drop trigger "review_items_record_household_version" on "review_items";`);
    this.addSql(`drop function "review_items_household_version"();`);
    this.addSql(`alter table "review_items" drop column "household_version";`);
  }
}
