import { Migration } from "@mikro-orm/migrations";

/**
 * Undoing an import (issue #19): a household the import created leaves the registry as a last version of its
 * own ("withdraw"), its row kept so that its history stays whole; the import records who undid it and when.
 */
export class Migration20261209030000ImportUndo extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "households" add column "withdrawn_at" timestamptz null;`);
    this.addSql(`alter table "imports" add column "undone_by" uuid null, add column "undone_at" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "households" drop column "withdrawn_at";`);
    this.addSql(`alter table "imports" drop column "undone_by", drop column "undone_at";`);
  }
}
