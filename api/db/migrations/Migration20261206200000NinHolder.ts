import { Migration } from "@mikro-orm/migrations";

/**
 * One national ID names at most one current person (issue #14, DESIGN.md rule 10), enforced here whatever
 * the path that writes. Every row of individuals is a current membership (a member who leaves is deleted;
 * the past lives in household_versions), and a merge or its undo only changes person ids, never a NIN: so
 * the predicate is simply "has a NIN". Rows merged into another person are not exempted: one NIN on two
 * rows is one person in two households, the case to forbid (a move is an explicit, reviewed change).
 * A registry that already holds such rows is refused with their count: a person must resolve them.
 */
export class Migration20261206200000NinHolder extends Migration {
  override async up(): Promise<void> {
    this.addSql(`do $$ declare shared int; begin
      select count(*) into shared from (select 1 from "individuals" where "nin" is not null group by "nin" having count(*) > 1) d;
      if shared > 0 then
        raise exception 'rsu: % national ID numbers are each held by several current individuals; resolve them before upgrading (issue #14)', shared;
      end if;
    end $$;`);
    this.addSql(`create unique index "individuals_nin_unique" on "individuals" ("nin") where "nin" is not null;`);
    this.addSql(`drop index "individuals_nin_index";`);
  }

  override async down(): Promise<void> {
    this.addSql(`create index "individuals_nin_index" on "individuals" ("nin");`);
    this.addSql(`drop index "individuals_nin_unique";`);
  }
}
