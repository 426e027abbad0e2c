import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { Household } from "./household.entity";

const CANDIDATE = `"id", "household_id", "person_id", "first_name", "last_name", "sex", "nin", "name_key", "commune"`;

/** A member of a household, current state; keys the registry matches on are typed columns. */
export const Individual = defineEntity({
  name: "Individual",
  tableName: "individuals",
  uniques: [
    { properties: ["household", "lineNumber"] },
    // One NIN, one current person (issue #14, Migration20261206200000NinHolder); also the NIN lookup's index.
    {
      name: "individuals_nin_unique",
      expression: 'create unique index "individuals_nin_unique" on "individuals" ("nin") where "nin" is not null',
    },
    // A person is a current member of one household (issue #14, Migration20261207010000PersonOneHousehold).
    { name: "individuals_person_unique", expression: 'create unique index "individuals_person_unique" on "individuals" ("person_id")' },
  ],
  // Matching (issue #6, workers/integrate/match-person.ts): a block's candidates, or people born the same day,
  // on one island, read from the index alone (migrations Migration20261129000000LookupCover and
  // Migration20261129020000IndividualPlace).
  indexes: [
    {
      name: "individuals_block_candidates_index",
      expression: `create index "individuals_block_candidates_index" on "individuals" ("block_key", "birth_date", "island") include (${CANDIDATE})`,
    },
    {
      name: "individuals_birth_day_candidates_index",
      expression: `create index "individuals_birth_day_candidates_index" on "individuals" ("birth_date", "island") include (${CANDIDATE})`,
    },
    {
      name: "individuals_name_key_trgm_index",
      expression: 'create index "individuals_name_key_trgm_index" on "individuals" using gin ("name_key" gin_trgm_ops)',
    },
  ],
  properties: {
    id: p.uuid().primary(),
    household: () => p.manyToOne(Household).deleteRule("cascade"),
    /** Position in the household roster, from 1. */
    lineNumber: p.integer(),
    firstName: p.string().nullable(),
    lastName: p.string().nullable(),
    sex: p.string().length(10).nullable(),
    birthDate: p.string().columnType("date").nullable(),
    nin: p.string().length(40).nullable(),
    relationToHead: p.string().length(10).nullable(),
    /**
     * Identity across households (issue #6): a member linked to a registered person, or moved in by a
     * supervisor, takes their id; one row per person (individuals_person_unique).
     */
    personId: p.uuid().defaultRaw("gen_random_uuid()"),
    /** Matching keys (schemas/registry/person-keys.ts), written with every individual. */
    nameKey: p.text().nullable(),
    blockKey: p.string().length(80).nullable(),
    birthYear: p.integer().nullable(),
    /**
     * Where the member lives: the household's island and commune, carried for the match lookup. Whoever
     * inserts a member gives them; a trigger moves the members when the household's place changes.
     */
    island: p.string().length(10).nullable(),
    commune: p.string().length(10).nullable(),
    attributes: p.json<Record<string, unknown>>(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type Individual = InferEntity<typeof Individual>;
