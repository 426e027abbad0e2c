import { Migration } from "@mikro-orm/migrations";
import { APP_ROLE } from "../app-role";

/**
 * The audit log without a global lock (issues #15 and #22). Writers only append rows; each row takes its
 * writer's transaction id, then its sequence number, in that order (a trigger), which lets the sequencer
 * know when every lower number is final (api/audit/chain-audit.ts). The hash chain moves to `audit_chain`,
 * which the sequencer alone appends to. The application acts as `rsu_app`, which may insert into both
 * tables but never update, delete or truncate them: only the owner (migrations) could, and the triggers
 * refuse it too.
 */
export class Migration20261206220000AuditSequencer extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "audit_chain" ("seq" bigint not null, "n" bigint not null, "prev_hash" varchar(64) not null, "hash" varchar(64) not null, "mac" varchar(64) null, "chained_at" timestamptz not null, constraint "audit_chain_pkey" primary key ("seq"));`,
    );
    // Rows chained before this migration keep their links, without a MAC: the first anchor vouches for them.
    this.addSql(`insert into "audit_chain" ("seq", "n", "prev_hash", "hash", "mac", "chained_at")
      select "seq", row_number() over (order by "seq"), "prev_hash", "hash", null, now() from "audit_log";`);
    this.addSql(`alter table "audit_log" drop column "prev_hash", drop column "hash", add column "xid" xid8 null;`);
    this.addSql(`alter table "audit_log" alter column "seq" drop default;`);
    this.addSql(`create function audit_log_sequence() returns trigger language plpgsql as $$
      begin
        new."xid" := pg_current_xact_id();
        new."seq" := nextval('audit_log_seq_seq');
        return new;
      end $$;`);
    this.addSql(`create trigger audit_log_sequence before insert on "audit_log" for each row execute function audit_log_sequence();`);
    this.addSql(`create function audit_chain_append_only() returns trigger language plpgsql as $$
      begin raise exception 'audit_chain is append-only'; end $$;`);
    this.addSql(`create trigger audit_chain_append_only before update or delete or truncate on "audit_chain"
      for each statement execute function audit_chain_append_only();`);

    this.addSql(`do $$ begin
      if not exists (select from pg_roles where rolname = '${APP_ROLE}') then create role ${APP_ROLE} nologin; end if;
    exception when duplicate_object or unique_violation then null; -- created at the same moment by another database's migration
    end $$;`);
    this.addSql(`grant usage on schema public to ${APP_ROLE};`);
    this.addSql(`grant select, insert, update, delete on all tables in schema public to ${APP_ROLE};`);
    this.addSql(`grant usage, select on all sequences in schema public to ${APP_ROLE};`);
    this.addSql(`revoke update, delete, truncate on "audit_log", "audit_chain", "mikro_orm_migrations" from ${APP_ROLE};`);
    this.addSql(`revoke insert on "mikro_orm_migrations" from ${APP_ROLE};`);
    // Tables and sequences later migrations create are the application's too, unless they say otherwise.
    this.addSql(`alter default privileges in schema public grant select, insert, update, delete on tables to ${APP_ROLE};`);
    this.addSql(`alter default privileges in schema public grant usage, select on sequences to ${APP_ROLE};`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter default privileges in schema public revoke all on tables from ${APP_ROLE};`);
    this.addSql(`alter default privileges in schema public revoke all on sequences from ${APP_ROLE};`);
    this.addSql(`revoke all on all tables in schema public from ${APP_ROLE};`);
    this.addSql(`revoke all on all sequences in schema public from ${APP_ROLE};`);
    this.addSql(`revoke usage on schema public from ${APP_ROLE};`);
    this.addSql(`drop trigger audit_log_sequence on "audit_log";`);
    this.addSql(`drop function audit_log_sequence();`);
    this.addSql(`alter table "audit_log" alter column "seq" set default nextval('audit_log_seq_seq');`);
    this.addSql(`alter table "audit_log" disable trigger audit_log_append_only;`);
    this.addSql(`alter table "audit_log" drop column "xid", add column "prev_hash" varchar(64) null, add column "hash" varchar(64) null;`);
    this.addSql(`update "audit_log" l set "prev_hash" = c."prev_hash", "hash" = c."hash" from "audit_chain" c where c."seq" = l."seq";`);
    this.addSql(`alter table "audit_log" enable trigger audit_log_append_only;`);
    this.addSql(`drop table "audit_chain";`);
    this.addSql(`drop function audit_chain_append_only();`);
  }
}
