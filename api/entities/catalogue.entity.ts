import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import type { CodeList, Variable as VariableDefinition } from "../../schemas/catalogue/types";

/**
 * The working catalogue. The definition is stored whole (its shape is checked by schemas/); code, level
 * type and status are also columns because the registry and the designer query on them.
 */
export const CatalogueVariable = defineEntity({
  name: "CatalogueVariable",
  tableName: "variables",
  properties: {
    code: p.string().primary(),
    level: p.string().length(20),
    type: p.string().length(30),
    status: p.string().length(20).default("active").index(),
    definition: p.json<VariableDefinition>(),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});
export type CatalogueVariable = InferEntity<typeof CatalogueVariable>;

export const CatalogueCodeList = defineEntity({
  name: "CatalogueCodeList",
  tableName: "code_lists",
  properties: {
    code: p.string().primary(),
    definition: p.json<CodeList>(),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});
export type CatalogueCodeList = InferEntity<typeof CatalogueCodeList>;
