import { Migration } from "@mikro-orm/migrations";

/**
 * History and review (issue #6): household versions with provenance, person identity across households,
 * the review queue, merges (with what undo needs) and the submissions' new stages. Households written
 * before it get their version 1, built from their current rows with the same shape as the workers write
 * (workers/integrate/household-state.ts).
 */
export class Migration20261128050000History extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "households" add column "version" int not null default 1;`);
    this.addSql(`alter table "individuals" add column "person_id" uuid not null default gen_random_uuid();`);
    this.addSql(`create index "individuals_person_id_index" on "individuals" ("person_id");`);
    this.addSql(
      `alter table "submissions" add column "base_version" int null, add column "reasons" jsonb null, add column "return_comment" text null, add column "returned_at" timestamptz null;`,
    );

    this.addSql(
      `create table "household_versions" ("id" uuid not null, "household_id" uuid not null, "version" int not null, "state" jsonb not null, "changes" jsonb not null, "action" varchar(30) not null, "submission_id" uuid null, "form_id" varchar(100) null, "form_version" int null, "by" uuid null, "review_item_id" uuid null, "created_at" timestamptz not null, constraint "household_versions_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "household_versions" add constraint "household_versions_household_id_version_unique" unique ("household_id", "version");`,
    );
    this.addSql(`alter table "household_versions" add constraint "household_versions_submission_id_unique" unique ("submission_id");`);
    this.addSql(`create index "household_versions_created_at_index" on "household_versions" ("created_at");`);
    this.addSql(
      `alter table "household_versions" add constraint "household_versions_household_id_foreign" foreign key ("household_id") references "households" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `create table "review_items" ("id" uuid not null, "kind" varchar(30) not null, "status" varchar(10) not null, "submission_id" uuid null, "household_id" uuid null, "incoming_individual_id" uuid null, "existing_individual_id" uuid null, "incoming_line" int null, "score" jsonb null, "reasons" jsonb not null, "decision" varchar(10) null, "decided_by" uuid null, "decided_at" timestamptz null, "comment" text null, "merge_id" uuid null, "created_at" timestamptz not null, constraint "review_items_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "review_items_status_index" on "review_items" ("status");`);
    this.addSql(`create index "review_items_submission_id_index" on "review_items" ("submission_id");`);
    this.addSql(`create index "review_items_household_id_index" on "review_items" ("household_id");`);
    this.addSql(`create index "review_items_created_at_index" on "review_items" ("created_at");`);

    this.addSql(
      `create table "merges" ("id" uuid not null, "review_item_id" uuid not null, "kept_individual_id" uuid not null, "merged_individual_id" uuid not null, "before" jsonb not null, "by" uuid null, "created_at" timestamptz not null, "undone_at" timestamptz null, "undone_by" uuid null, constraint "merges_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "merges_review_item_id_index" on "merges" ("review_item_id");`);

    this.addSql(`insert into "household_versions" ("id", "household_id", "version", "state", "changes", "action", "submission_id", "form_id", "form_version", "by", "created_at")
      select gen_random_uuid(), h.id, 1,
        jsonb_build_object('island', h.island, 'prefecture', h.prefecture, 'commune', h.commune, 'village', h.village,
          'headName', h.head_name, 'attributes', h.attributes,
          'members', coalesce((select jsonb_agg(jsonb_build_object('id', i.id, 'personId', i.person_id, 'lineNumber', i.line_number,
              'firstName', i.first_name, 'lastName', i.last_name, 'sex', i.sex, 'birthDate', to_char(i.birth_date, 'YYYY-MM-DD'),
              'nin', i.nin, 'relationToHead', i.relation_to_head, 'attributes', i.attributes) order by i.line_number)
            from individuals i where i.household_id = h.id), '[]'::jsonb)),
        '[]'::jsonb, 'create', h.source_submission_id, fv.form_id, fv.version, s.submitted_by, h.created_at
      from households h left join submissions s on s.id = h.source_submission_id left join form_versions fv on fv.id = s.form_version_id;`);
  }
}
