import { Migration } from "@mikro-orm/migrations";

/**
 * Registry exports (issue #17): one row per request, its progress and its file's checksum. rsu_app gets its
 * rights from the default privileges of Migration20261206220000AuditSequencer.
 */
export class Migration20261207070000RegistryExports extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "registry_exports" ("id" uuid not null, "requested_by" uuid not null, "roles" text[] not null, "format" varchar(10) not null, "filters" jsonb not null, "status" varchar(12) not null, "requested_at" timestamptz not null, "started_at" timestamptz null, "finished_at" timestamptz null, "expires_at" timestamptz null, "done" int not null default 0, "total" int null, "households" int null, "individuals" int null, "checksum" varchar(64) null, "bytes" bigint null, "error" varchar(60) null, constraint "registry_exports_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "registry_exports_requested_by_index" on "registry_exports" ("requested_by");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table "registry_exports";`);
  }
}
