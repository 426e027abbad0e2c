import { Migration } from "@mikro-orm/migrations";

/**
 * The incident register (issue #23): what went wrong, which systems it touched, what was done, its root
 * cause and the measure that keeps it from happening again. `alarm` names the alarm that opened it
 * (backup_failed, queue_stuck, audit_verification_failed); one open incident per alarm at a time.
 * The application role may read and write both tables (default privileges, Migration20261206220000).
 */
export class Migration20261207050000Incidents extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "incidents" (
      "id" uuid not null primary key,
      "number" serial not null,
      "severity" varchar(10) not null,
      "title" varchar(200) not null,
      "description" text not null,
      "systems" text[] not null,
      "status" varchar(10) not null,
      "alarm" varchar(40) null,
      "opened_at" timestamptz not null,
      "opened_by" uuid null,
      "root_cause" text null,
      "preventive_measure" text null,
      "closed_at" timestamptz null,
      "closed_by" uuid null);`);
    this.addSql(`alter table "incidents" add constraint "incidents_number_unique" unique ("number");`);
    this.addSql(`create index "incidents_opened_at_index" on "incidents" ("opened_at");`);
    this.addSql(
      `create unique index "incidents_open_alarm_unique" on "incidents" ("alarm") where "status" = 'open' and "alarm" is not null;`,
    );
    this.addSql(`create table "incident_actions" (
      "id" uuid not null primary key,
      "incident_id" uuid not null,
      "at" timestamptz not null,
      "by" uuid null,
      "text" text not null);`);
    this.addSql(`create index "incident_actions_incident_id_index" on "incident_actions" ("incident_id", "at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table "incident_actions";`);
    this.addSql(`drop table "incidents";`);
  }
}
