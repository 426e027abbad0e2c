import { Migration } from "@mikro-orm/migrations";

/**
 * A person is a current member of at most one household (issue #14, DESIGN.md rule 10), enforced here
 * whatever the path that writes: every row of individuals is a current membership (a member who leaves is
 * deleted, the past lives in household_versions), so one person id per row.
 * Until now a link or a supervisor's merge gave one person id to members of several households. Those
 * are not refused (every registry has them) nor decided here: the earliest record keeps the person, each
 * later one becomes a person of their own with a person_move item (« person_elsewhere »), so that a
 * supervisor moves the person or keeps two people, as for a new roster. Nothing is deleted.
 */
export class Migration20261207010000PersonOneHousehold extends Migration {
  override async up(): Promise<void> {
    // One statement: the items are written from the same snapshot as the person ids they split.
    this.addSql(`with "shared" as (
        select i.id, i.household_id, i.line_number, first_value(i.id) over w as kept, row_number() over w as n
        from "individuals" i where i.person_id in (select person_id from "individuals" group by person_id having count(*) > 1)
        window w as (partition by i.person_id order by i.created_at, i.id)
      ), "items" as (
        insert into "review_items" ("id", "kind", "status", "household_id", "incoming_individual_id", "existing_individual_id",
          "incoming_line", "reasons", "created_at")
        select gen_random_uuid(), 'person_move', 'open', s.household_id, s.id, s.kept, s.line_number,
          jsonb_build_array(jsonb_build_object('rule', 'person_elsewhere', 'message', jsonb_build_object(
            'fr', format('La personne de la ligne %s est déjà membre d''un autre ménage : la déplacer dans celui-ci ?', s.line_number),
            'en', format('The person on line %s is already a member of another household: move them into this one?', s.line_number)))),
          now()
        from "shared" s where s.n > 1
      )
      update "individuals" i set "person_id" = gen_random_uuid() from "shared" s where s.id = i.id and s.n > 1;`);
    this.addSql(`create unique index "individuals_person_unique" on "individuals" ("person_id");`);
    this.addSql(`drop index "individuals_person_id_index";`);
  }

  override async down(): Promise<void> {
    this.addSql(`create index "individuals_person_id_index" on "individuals" ("person_id");`);
    this.addSql(`drop index "individuals_person_unique";`);
  }
}
