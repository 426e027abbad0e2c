import { Migration } from "@mikro-orm/migrations";

/**
 * Bulk import of partner databases (issue #19): saved mapping profiles, each delivery's import, its
 * source rows as uploaded (read back in household order by the dry run) and, per source household, what
 * the dry run found and the submission that carries it through the integration pipeline.
 */
export class Migration20261207060000Imports extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "imports" ("id" uuid not null, "status" varchar(20) not null, "delivery" varchar(64) not null, "files" jsonb not null, "profile_id" uuid null, "profile" jsonb null, "summary" jsonb null, "created_by" uuid null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "imports_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create table "import_households" ("import_id" uuid not null, "household_key" text not null, "submission_id" uuid not null, "outcome" varchar(20) not null, "lines" jsonb not null, "data" jsonb null, "errors" jsonb null, "household_id" uuid null, "base_version" int null, constraint "import_households_pkey" primary key ("import_id", "household_key"));`,
    );
    this.addSql(`create index "import_households_submission_id_index" on "import_households" ("submission_id");`);
    this.addSql(
      `create table "import_profiles" ("id" uuid not null, "name" varchar(200) not null, "source" varchar(64) not null, "body" jsonb not null, "created_by" uuid null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "import_profiles_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "import_profiles" add constraint "import_profiles_name_unique" unique ("name");`);
    this.addSql(
      `create table "import_rows" ("import_id" uuid not null, "file" varchar(12) not null, "line" int not null, "household_key" text null, "cells" jsonb not null, constraint "import_rows_pkey" primary key ("import_id", "file", "line"));`,
    );
    this.addSql(`create index "import_rows_import_id_household_key_index" on "import_rows" ("import_id", "household_key");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table "import_rows";`);
    this.addSql(`drop table "import_profiles";`);
    this.addSql(`drop table "import_households";`);
    this.addSql(`drop table "imports";`);
  }
}
