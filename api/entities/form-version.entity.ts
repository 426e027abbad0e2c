import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import type { Catalogue } from "../../schemas/catalogue/types";
import { Form } from "./form.entity";

/**
 * A published version of a form: mask, compiled schema and catalogue snapshot frozen together
 * (DESIGN.md rule 6). Rows are inserted once and never updated; corrections are new versions.
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
  },
});
export type FormVersion = InferEntity<typeof FormVersion>;
