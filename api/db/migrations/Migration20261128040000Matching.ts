import { Migration } from "@mikro-orm/migrations";
import { personKeys } from "../../../schemas/registry/person-keys";

/**
 * Matching (issue #6): each individual's normalised name, phonetic block key and birth year, indexed for
 * the lookups of workers/integrate/match-person.ts. Rows written before it are filled here with the same
 * function as new ones (schemas/registry/person-keys.ts): the spelling rules are not expressible in SQL.
 */
export class Migration20261128040000Matching extends Migration {
  override async up(): Promise<void> {
    // Run in order now (not queued with addSql) because the backfill below needs the new columns.
    await this.execute(`create extension if not exists pg_trgm;`);
    await this.execute(
      `alter table "individuals" add column "name_key" text null, add column "block_key" varchar(80) null, add column "birth_year" int null;`,
    );
    await this.backfill();
    await this.execute(`create index "individuals_block_key_birth_date_index" on "individuals" ("block_key", "birth_date");`);
    await this.execute(`create index "individuals_birth_date_index" on "individuals" ("birth_date");`);
    await this.execute(`create index "individuals_name_key_trgm_index" on "individuals" using gin ("name_key" gin_trgm_ops);`);
  }

  /** Fills the keys of existing individuals, 1,000 at a time in id order. */
  private async backfill(): Promise<void> {
    let after = "00000000-0000-0000-0000-000000000000";
    for (;;) {
      const rows = (await this.execute(
        `select id, first_name, last_name, to_char(birth_date, 'YYYY-MM-DD') as birth_date from individuals where id > ? order by id limit 1000`,
        [after],
      )) as { id: string; first_name: string | null; last_name: string | null; birth_date: string | null }[];
      if (rows.length === 0) return;
      const keys = rows.map((row) => ({
        id: row.id,
        ...personKeys({ firstName: row.first_name, lastName: row.last_name, birthDate: row.birth_date }),
      }));
      await this.execute(
        `update individuals i set name_key = v."nameKey", block_key = v."blockKey", birth_year = v."birthYear"
           from jsonb_to_recordset(?::jsonb) as v(id uuid, "nameKey" text, "blockKey" text, "birthYear" int) where i.id = v.id`,
        [JSON.stringify(keys)],
      );
      after = rows[rows.length - 1]!.id;
    }
  }
}
