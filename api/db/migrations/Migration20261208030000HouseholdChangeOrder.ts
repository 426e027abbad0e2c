import { Migration } from "@mikro-orm/migrations";

/**
 * Partner systems synchronise households changed since their last read (issue #17). A time stamp cannot
 * order that read: a change stamped earlier can commit later, behind a reader that already went past it.
 * So each write stamps the row with its transaction id (xid8, never wraps), and a reader returns only rows
 * older than every transaction still running (pg_snapshot_xmin): none can later appear behind its cursor.
 * Every change of a household's content writes its row (a new version), so the trigger sees them all.
 */
export class Migration20261208030000HouseholdChangeOrder extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "households" add column "change_xid" xid8 not null default '0';`);
    this.addSql(`update "households" set "change_xid" = pg_current_xact_id();`);
    this.addSql(`
      create function "households_stamp_change"() returns trigger language plpgsql as $$
      begin
        new.change_xid := pg_current_xact_id();
        return new;
      end $$;`);
    this.addSql(
      `create trigger "households_stamp_change" before insert or update on "households" for each row execute function "households_stamp_change"();`,
    );
    this.addSql(`create index "households_change_order_index" on "households" ("change_xid", "id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger "households_stamp_change" on "households";`);
    this.addSql(`drop function "households_stamp_change"();`);
    this.addSql(`alter table "households" drop column "change_xid";`);
  }
}
