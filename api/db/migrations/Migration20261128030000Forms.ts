import { Migration } from "@mikro-orm/migrations";

/**
 * Mask designer (issue #5): each form holds one editable draft; published versions record who published
 * them and why, and may be retired (submissions for a retired version are refused with 410).
 * Existing forms get their latest published mask as draft, so designers start from what runs today.
 */
export class Migration20261128030000Forms extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "forms" add column "draft_mask" jsonb null, add column "draft_updated_at" timestamptz null, add column "draft_updated_by" uuid null;`,
    );
    this.addSql(
      `alter table "form_versions" add column "published_by" uuid null, add column "reason" text null, add column "retired_at" timestamptz null, add column "retired_by" uuid null, add column "retire_reason" text null;`,
    );
    this.addSql(`update "forms" f set "draft_mask" = v."mask", "draft_updated_at" = v."published_at"
      from (select distinct on ("form_id") "form_id", "mask", "published_at" from "form_versions" order by "form_id", "version" desc) v
      where v."form_id" = f."id";`);
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table "form_versions" drop column "published_by", drop column "reason", drop column "retired_at", drop column "retired_by", drop column "retire_reason";`,
    );
    this.addSql(`alter table "forms" drop column "draft_mask", drop column "draft_updated_at", drop column "draft_updated_by";`);
  }
}
