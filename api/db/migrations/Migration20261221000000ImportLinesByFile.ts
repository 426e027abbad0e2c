import { Migration } from "@mikro-orm/migrations";

/**
 * An imported household's source lines, kept by file (issue #19): a plain list of numbers could not say
 * whether line 12 was the households file's or the individuals file's. Lists written before are rebuilt from
 * the import's staged rows, which name the file of each line, or filed under the households file (a one-file
 * import's only file) where no staged row is left.
 */
export class Migration20261221000000ImportLinesByFile extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      update "import_households" ih set "lines" = coalesce(
        (select jsonb_object_agg(f.file, f.lines) from (
           select r.file, jsonb_agg(r.line order by r.line) as lines from "import_rows" r
            where r.import_id = ih.import_id and r.household_key = ih.household_key group by r.file) f),
        jsonb_build_object('households', ih.lines))
       where jsonb_typeof(ih.lines) = 'array';`);
  }

  override async down(): Promise<void> {
    this.addSql(`
      update "import_households" set "lines" = (
        select coalesce(jsonb_agg(l::int order by l::int), '[]'::jsonb) from jsonb_each("lines") f, jsonb_array_elements_text(f.value) l)
       where jsonb_typeof("lines") = 'object';`);
  }
}
