import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import type { Catalogue } from "../../schemas/catalogue/types";
import { Form } from "./form.entity";

/**
 * A published version of a form: mask, compiled schema and catalogue snapshot frozen together
 * (DESIGN.md rule 6). Rows are inserted once and never updated; corrections are new versions.
 * The only later write is retirement (retiredAt/By/Reason), which changes what is accepted, never the content.
 */
export const FormVersion = defineEntity({
  name: "FormVersion",
  tableName: "form_versions",
  uniques: [{ properties: ["form", "version"] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    form: () => p.manyToOne(Form).deleteRule("restrict"),
    version: p.integer(),
    mask: p.json<Record<string, unknown>>(),
    schema: p.json<Record<string, unknown>>(),
    snapshot: p.json<Catalogue>(),
    checksum: p.string().length(64),
    publishedAt: p.datetime().onCreate(() => new Date()),
    publishedBy: p.uuid().nullable(),
    /** Why breaking changes were confirmed, when there were any. */
    reason: p.text().nullable(),
    retiredAt: p.datetime().nullable(),
    retiredBy: p.uuid().nullable(),
    retireReason: p.text().nullable(),
  },
});
export type FormVersion = InferEntity<typeof FormVersion>;
