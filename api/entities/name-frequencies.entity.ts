import { defineEntity, p, type InferEntity } from "@mikro-orm/core";

/**
 * How common each normalised first name, last name and birth date is in the registry (issue #14): the
 * match model weighs an exact agreement by it (schemas/registry/match-weights.ts). One row, recomputed
 * from the individuals now and then (api/registry/matching/name-frequencies.ts) rather than counted on
 * every insert, where concurrent batches would queue on the counters of « Mohamed » and « Said ».
 */
export const NameFrequencies = defineEntity({
  name: "NameFrequencies",
  tableName: "name_frequencies",
  properties: {
    scope: p.string().primary(),
    refreshedAt: p.datetime(),
    people: p.integer(),
    firstNames: p.json<Record<string, number>>(),
    lastNames: p.json<Record<string, number>>(),
    birthDates: p.json<Record<string, number>>(),
  },
});
export type NameFrequencies = InferEntity<typeof NameFrequencies>;
