import { Migration } from "@mikro-orm/migrations";

/**
 * Sign-in throttling counts failures per (account, address) pair (#15): a lock per account let anyone lock
 * its owner out from elsewhere, and a lock per address locked a whole office behind one NAT. The counts
 * now run from the last failure, so a lock never outlasts its cap. Old counts are dropped: they were
 * keyed otherwise and hold nothing worth keeping.
 */
export class Migration20261206233000LoginThrottlePairs extends Migration {
  override async up(): Promise<void> {
    this.addSql(`delete from "login_throttle";`);
    this.addSql(`alter table "login_throttle" rename column "window_started_at" to "last_failure_at";`);
    this.addSql(`alter table "login_throttle" add column "username" varchar(255) not null, add column "address" varchar(255) null;`);
    this.addSql(`create index "login_throttle_username_index" on "login_throttle" ("username");`);
  }

  override async down(): Promise<void> {
    this.addSql(`delete from "login_throttle";`);
    this.addSql(`drop index "login_throttle_username_index";`);
    this.addSql(`alter table "login_throttle" drop column "username", drop column "address";`);
    this.addSql(`alter table "login_throttle" rename column "last_failure_at" to "window_started_at";`);
  }
}
