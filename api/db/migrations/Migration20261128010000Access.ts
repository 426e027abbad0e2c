import { Migration } from "@mikro-orm/migrations";

/** Access: sessions, API tokens, login throttling, the hash-chained audit log; who sent each submission. */
export class Migration20261128010000Access extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "audit_log" ("seq" bigserial primary key, "at" timestamptz not null, "actor_id" uuid null, "actor" varchar(80) not null, "action" varchar(60) not null, "entity_type" varchar(40) not null, "entity_id" varchar(100) null, "details" jsonb not null, "address" varchar(64) null, "prev_hash" varchar(64) not null, "hash" varchar(64) not null);`,
    );
    this.addSql(`create index "audit_log_at_index" on "audit_log" ("at");`);
    this.addSql(`create index "audit_log_actor_id_index" on "audit_log" ("actor_id");`);
    this.addSql(
      `create table "login_throttle" ("key" varchar(255) not null, "failures" int not null, "window_started_at" timestamptz not null, "locked_until" timestamptz null, constraint "login_throttle_pkey" primary key ("key"));`,
    );
    this.addSql(
      `create table "sessions" ("token_hash" varchar(64) not null, "user_id" uuid not null, "created_at" timestamptz not null, "last_seen_at" timestamptz not null, "expires_at" timestamptz not null, "address" varchar(64) null, constraint "sessions_pkey" primary key ("token_hash"));`,
    );
    this.addSql(`create index "sessions_user_id_index" on "sessions" ("user_id");`);
    this.addSql(
      `create table "api_tokens" ("id" uuid not null, "user_id" uuid not null, "name" varchar(255) not null, "role" varchar(20) not null, "token_hash" varchar(64) not null, "created_at" timestamptz not null, "expires_at" timestamptz null, "revoked_at" timestamptz null, "last_used_at" timestamptz null, constraint "api_tokens_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "api_tokens_user_id_index" on "api_tokens" ("user_id");`);
    this.addSql(`alter table "api_tokens" add constraint "api_tokens_token_hash_unique" unique ("token_hash");`);
    this.addSql(
      `alter table "sessions" add constraint "sessions_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "api_tokens" add constraint "api_tokens_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(`alter table "submissions" add column "submitted_by" uuid null;`);
    this.addSql(`create index "submissions_submitted_by_index" on "submissions" ("submitted_by");`);
    this.addSql(`alter table "users" add column "grants" text[] not null default '{}';`);

    // The audit log is append-only: the database itself refuses to change or remove a row. Someone able
    // to bypass this (a superuser disabling the trigger) still cannot do it unseen: the hash chain breaks.
    this.addSql(`create function audit_log_append_only() returns trigger language plpgsql as $$
      begin raise exception 'audit_log is append-only'; end $$;`);
    this.addSql(`create trigger audit_log_append_only before update or delete or truncate on "audit_log"
      for each statement execute function audit_log_append_only();`);
  }
}
