import { Migration } from "@mikro-orm/migrations";

/** Catalogue (issue 4): variable status, revision history of variables and code lists, frozen releases. */
export class Migration20261128020000Catalogue extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "catalogue_releases" ("id" serial primary key, "name" varchar(200) not null, "notes" text null, "catalogue" jsonb not null, "checksum" varchar(64) not null, "created_by" uuid null, "created_by_name" varchar(80) not null, "created_at" timestamptz not null);`,
    );
    this.addSql(`alter table "catalogue_releases" add constraint "catalogue_releases_name_unique" unique ("name");`);
    this.addSql(
      `create table "code_list_revisions" ("id" serial primary key, "code" varchar(63) not null, "revision" int not null, "changed_by" uuid null, "changed_by_name" varchar(80) not null, "changed_at" timestamptz not null, "change" varchar(20) not null, "definition" jsonb not null);`,
    );
    this.addSql(`alter table "code_list_revisions" add constraint "code_list_revisions_code_revision_unique" unique ("code", "revision");`);
    this.addSql(
      `create table "variable_revisions" ("id" serial primary key, "code" varchar(63) not null, "revision" int not null, "changed_by" uuid null, "changed_by_name" varchar(80) not null, "changed_at" timestamptz not null, "change" varchar(20) not null, "definition" jsonb not null);`,
    );
    this.addSql(`alter table "variable_revisions" add constraint "variable_revisions_code_revision_unique" unique ("code", "revision");`);
    this.addSql(`alter table "variables" add column "status" varchar(20) not null default 'active';`);
    this.addSql(`create index "variables_status_index" on "variables" ("status");`);

    // History and releases are append-only, like the audit log: the database refuses to rewrite them.
    this.addSql(`create function catalogue_history_append_only() returns trigger language plpgsql as $$
      begin raise exception '% is append-only', TG_TABLE_NAME; end $$;`);
    for (const table of ["catalogue_releases", "variable_revisions", "code_list_revisions"]) {
      this.addSql(`create trigger ${table}_append_only before update or delete or truncate on "${table}"
        for each statement execute function catalogue_history_append_only();`);
    }
  }
}
