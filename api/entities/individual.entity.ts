import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { Household } from "./household.entity";

/** A member of a household, current state; keys the registry matches on are typed columns. */
export const Individual = defineEntity({
  name: "Individual",
  tableName: "individuals",
  uniques: [{ properties: ["household", "lineNumber"] }],
  properties: {
    id: p.uuid().primary(),
    household: () => p.manyToOne(Household).deleteRule("cascade"),
    /** Position in the household roster, from 1. */
    lineNumber: p.integer(),
    firstName: p.string().nullable(),
    lastName: p.string().nullable(),
    sex: p.string().length(10).nullable(),
    birthDate: p.string().columnType("date").nullable(),
    nin: p.string().length(40).nullable().index(),
    relationToHead: p.string().length(10).nullable(),
    attributes: p.json<Record<string, unknown>>(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type Individual = InferEntity<typeof Individual>;
