import { Migration } from "@mikro-orm/migrations";

/** The foundation: catalogue, forms and their published versions, submissions with their outbox, the registry. */
export class Migration20261128000000Foundation extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "code_lists" ("code" varchar(255) not null, "definition" jsonb not null, "updated_at" timestamptz not null, constraint "code_lists_pkey" primary key ("code"));`,
    );
    this.addSql(
      `create table "variables" ("code" varchar(255) not null, "level" varchar(20) not null, "type" varchar(30) not null, "definition" jsonb not null, "updated_at" timestamptz not null, constraint "variables_pkey" primary key ("code"));`,
    );
    this.addSql(
      `create table "forms" ("id" varchar(255) not null, "title" jsonb not null, "created_at" timestamptz not null, constraint "forms_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create table "form_versions" ("id" serial primary key, "form_id" varchar(255) not null, "version" int not null, "mask" jsonb not null, "schema" jsonb not null, "snapshot" jsonb not null, "checksum" varchar(64) not null, "published_at" timestamptz not null);`,
    );
    this.addSql(`alter table "form_versions" add constraint "form_versions_form_id_version_unique" unique ("form_id", "version");`);
    this.addSql(
      `create table "households" ("id" uuid not null, "island" varchar(10) null, "prefecture" varchar(10) null, "commune" varchar(10) null, "village" varchar(255) null, "head_name" varchar(255) null, "search_name" varchar(255) null, "attributes" jsonb not null, "source_submission_id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "households_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "households_commune_index" on "households" ("commune");`);
    this.addSql(`create index "households_search_name_index" on "households" ("search_name");`);
    this.addSql(`alter table "households" add constraint "households_source_submission_id_unique" unique ("source_submission_id");`);
    this.addSql(
      `create table "individuals" ("id" uuid not null, "household_id" uuid not null, "line_number" int not null, "first_name" varchar(255) null, "last_name" varchar(255) null, "sex" varchar(10) null, "birth_date" date null, "nin" varchar(40) null, "relation_to_head" varchar(10) null, "attributes" jsonb not null, "created_at" timestamptz not null, constraint "individuals_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "individuals_nin_index" on "individuals" ("nin");`);
    this.addSql(
      `alter table "individuals" add constraint "individuals_household_id_line_number_unique" unique ("household_id", "line_number");`,
    );
    this.addSql(
      `create table "outbox" ("submission_id" uuid not null, "created_at" timestamptz not null, "next_attempt_at" timestamptz not null, "attempts" int not null default 0, "last_error" text null, constraint "outbox_pkey" primary key ("submission_id"));`,
    );
    this.addSql(`create index "outbox_next_attempt_at_index" on "outbox" ("next_attempt_at");`);
    this.addSql(
      `create table "submissions" ("id" uuid not null, "form_version_id" int not null, "data" jsonb not null, "content_hash" varchar(64) not null, "status" varchar(20) not null, "errors" jsonb null, "household_id" uuid null, "received_at" timestamptz not null, "integrated_at" timestamptz null, constraint "submissions_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "submissions_form_version_id_index" on "submissions" ("form_version_id");`);
    this.addSql(`create index "submissions_status_index" on "submissions" ("status");`);
    this.addSql(`create index "submissions_household_id_index" on "submissions" ("household_id");`);
    this.addSql(
      `create table "users" ("id" uuid not null, "username" varchar(80) not null, "display_name" varchar(255) not null, "password_hash" varchar(255) not null, "roles" text[] not null, "areas" text[] not null, "active" boolean not null default true, "created_at" timestamptz not null, constraint "users_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "users" add constraint "users_username_unique" unique ("username");`);
    this.addSql(
      `alter table "form_versions" add constraint "form_versions_form_id_foreign" foreign key ("form_id") references "forms" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "individuals" add constraint "individuals_household_id_foreign" foreign key ("household_id") references "households" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "submissions" add constraint "submissions_form_version_id_foreign" foreign key ("form_version_id") references "form_versions" ("id") on update cascade on delete restrict;`,
    );
  }
}
