import { Migration } from "@mikro-orm/migrations";

/**
 * How common names and birth dates are in the registry (issue #14), for the match model's term-frequency
 * weights: one row, filled on first use and recomputed now and then (api/registry/matching/name-frequencies.ts).
 */
export class Migration20261206230000NameFrequencies extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "name_frequencies" ("scope" varchar(255) not null, "refreshed_at" timestamptz not null, "people" int not null, "first_names" jsonb not null, "last_names" jsonb not null, "birth_dates" jsonb not null, constraint "name_frequencies_pkey" primary key ("scope"));`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table "name_frequencies";`);
  }
}
