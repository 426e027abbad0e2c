import { Migration } from "@mikro-orm/migrations";

/** What a match candidate is read with (workers/integrate/match-person.ts), island and commune included. */
const CANDIDATE = `"id", "household_id", "person_id", "first_name", "last_name", "sex", "nin", "name_key", "commune"`;

/**
 * Individuals carry their household's island and commune (issue #6). The match lookup keeps candidates of
 * the incoming person's island: it had to read each one's household to know it, and it computed the name
 * similarity of people from the other islands only to drop them. Now the island is in the lookup's index
 * keys, and a candidate is read from one index entry. In the block's index the island comes after the
 * birth date: before it, PostgreSQL no longer looked the plausible days up one by one (`= any(days)`)
 * but filtered the island's whole block with them (1,000 entries a person, the lookup 4× slower).
 * Writers give the place with every member they insert (workers/integrate/apply-household.ts); when a
 * household's place changes, a trigger moves its members with it, whoever changed it.
 * households_place_index, which served the per-candidate household read, goes.
 */
export class Migration20261129020000IndividualPlace extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "individuals" add column "island" varchar(10) null, add column "commune" varchar(10) null;`);
    this.addSql(
      `update "individuals" i set "island" = h."island", "commune" = h."commune" from "households" h where h."id" = i."household_id";`,
    );
    this.addSql(`drop index "individuals_block_candidates_index";`);
    this.addSql(
      `create index "individuals_block_candidates_index" on "individuals" ("block_key", "birth_date", "island") include (${CANDIDATE});`,
    );
    this.addSql(`drop index "individuals_birth_date_index";`);
    this.addSql(`create index "individuals_birth_day_candidates_index" on "individuals" ("birth_date", "island") include (${CANDIDATE});`);
    this.addSql(`drop index "households_place_index";`);
    this.addSql(`
      create function "individuals_follow_household_place"() returns trigger language plpgsql as $$
      begin
        update "individuals" set "island" = new."island", "commune" = new."commune" where "household_id" = new."id";
        return null;
      end $$;`);
    this.addSql(`
      create trigger "households_place_moves_members" after update of "island", "commune" on "households" for each row
        when (old."island" is distinct from new."island" or old."commune" is distinct from new."commune")
        execute function "individuals_follow_household_place"();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger "households_place_moves_members" on "households";`);
    this.addSql(`drop function "individuals_follow_household_place"();`);
    this.addSql(`create unique index "households_place_index" on "households" ("id") include ("island", "commune", "village");`);
    this.addSql(`drop index "individuals_birth_day_candidates_index";`);
    this.addSql(`create index "individuals_birth_date_index" on "individuals" ("birth_date");`);
    this.addSql(`drop index "individuals_block_candidates_index";`);
    this.addSql(
      `create index "individuals_block_candidates_index" on "individuals" ("block_key", "birth_date") include ("id", "household_id", "person_id", "first_name", "last_name", "sex", "nin", "name_key");`,
    );
    this.addSql(`alter table "individuals" drop column "island", drop column "commune";`);
  }
}
