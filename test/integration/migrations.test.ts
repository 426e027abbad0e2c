import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MikroORM } from "@mikro-orm/postgresql";
import { dropDatabase } from "../../api/db/create-database";
import { openDatabase, openDatabaseAsOwner } from "../../api/db/database";
import { testEnv } from "../helpers/test-env";

const databaseUrl = testEnv("migrations").DATABASE_URL!;
let orm: MikroORM;
beforeAll(async () => {
  await dropDatabase(databaseUrl);
  orm = await openDatabase(databaseUrl, { migrate: true });
});
afterAll(async () => {
  await orm?.close();
  await dropDatabase(databaseUrl);
});

describe("migrations", () => {
  it("create the database when it does not exist and leave the schema exactly as the entities describe it", async () => {
    const diff = await orm.schema.getUpdateSchemaSQL({ wrap: false });
    expect(diff.trim()).toBe("");
  });

  it("are applied once: running them again applies nothing", async () => {
    expect(await orm.getMigrator().up()).toEqual([]);
  });

  it("refuse a second current individual with the same NIN (issue #14), and not individuals without one", async () => {
    const sql = (text: string) => orm.em.fork().getConnection().execute(text);
    await sql(`insert into households (id, attributes, source_submission_id, created_at, updated_at) values
      ('00000000-0000-4000-8000-000000000001', '{}', gen_random_uuid(), now(), now()),
      ('00000000-0000-4000-8000-000000000002', '{}', gen_random_uuid(), now(), now())`);
    const member = (household: number, nin: string | null) =>
      sql(`insert into individuals (id, household_id, line_number, nin, attributes, created_at)
        values (gen_random_uuid(), '00000000-0000-4000-8000-00000000000${household}',
          (select count(*) + 1 from individuals where household_id = '00000000-0000-4000-8000-00000000000${household}'),
          ${nin === null ? "null" : `'${nin}'`}, '{}', now())`);
    await member(1, "222000000");
    await member(1, null);
    await member(2, null);
    await expect(member(2, "222000000")).rejects.toMatchObject({ code: "23505", constraint: "individuals_nin_unique" });
    await expect(member(1, "222000000")).rejects.toMatchObject({ code: "23505", constraint: "individuals_nin_unique" });
  });

  it("split a person who is a current member of two households (issue #14): the later record waits for a supervisor as a move", async () => {
    const url = testEnv("migrations_person_shared").DATABASE_URL!;
    await dropDatabase(url);
    const older = await openDatabaseAsOwner(url);
    try {
      await older.getMigrator().up({ to: "Migration20261206233000LoginThrottlePairs" });
      const sql = <T>(text: string) => older.em.fork().getConnection().execute<T[]>(text);
      await sql(`insert into households (id, attributes, source_submission_id, created_at, updated_at)
        select ('00000000-0000-4000-8000-00000000000' || n)::uuid, '{}', gen_random_uuid(), now(), now() from generate_series(1, 3) n`);
      // One person linked into households 1 and 2 (1 first), another person alone in household 3.
      await sql(`insert into individuals (id, household_id, line_number, person_id, attributes, created_at) values
        ('00000000-0000-4000-8000-0000000000a1', '00000000-0000-4000-8000-000000000001', 1, '00000000-0000-4000-8000-0000000000f1', '{}', now() - interval '1 day'),
        ('00000000-0000-4000-8000-0000000000a2', '00000000-0000-4000-8000-000000000002', 3, '00000000-0000-4000-8000-0000000000f1', '{}', now()),
        ('00000000-0000-4000-8000-0000000000a3', '00000000-0000-4000-8000-000000000003', 1, '00000000-0000-4000-8000-0000000000f3', '{}', now())`);
      await older.getMigrator().up();
      const people = await sql<{ id: string; person_id: string }>(`select id, person_id from individuals order by id`);
      expect(people.map((p) => p.person_id === "00000000-0000-4000-8000-0000000000f1")).toEqual([true, false, false]);
      expect(people[2]!.person_id).toBe("00000000-0000-4000-8000-0000000000f3");
      expect(
        await sql(`select kind, status, household_id, incoming_individual_id, existing_individual_id, incoming_line,
          reasons->0->>'rule' as rule, household_version from review_items`),
      ).toEqual([
        {
          kind: "person_move",
          status: "open",
          household_id: "00000000-0000-4000-8000-000000000002",
          incoming_individual_id: "00000000-0000-4000-8000-0000000000a2",
          existing_individual_id: "00000000-0000-4000-8000-0000000000a1",
          incoming_line: 3,
          rule: "person_elsewhere",
          household_version: 1,
        },
      ]);
      await expect(
        sql(`update individuals set person_id = '00000000-0000-4000-8000-0000000000f1' where id = '00000000-0000-4000-8000-0000000000a3'`),
      ).rejects.toMatchObject({ code: "23505", constraint: "individuals_person_unique" });
    } finally {
      await older.close();
      await dropDatabase(url);
    }
  });

  it("refuse to add the NIN index over a registry where one NIN names two individuals, and say how many, not which", async () => {
    const url = testEnv("migrations_nin_shared").DATABASE_URL!;
    await dropDatabase(url);
    const older = await openDatabaseAsOwner(url);
    try {
      await older.getMigrator().up({ to: "Migration20261129020000IndividualPlace" });
      const sql = (text: string) => older.em.fork().getConnection().execute(text);
      await sql(`insert into households (id, attributes, source_submission_id, created_at, updated_at)
        select ('00000000-0000-4000-8000-00000000000' || n)::uuid, '{}', gen_random_uuid(), now(), now() from generate_series(1, 2) n`);
      await sql(`insert into individuals (id, household_id, line_number, nin, attributes, created_at)
        select gen_random_uuid(), ('00000000-0000-4000-8000-00000000000' || n)::uuid, 1, '222000000', '{}', now() from generate_series(1, 2) n`);
      const refused = older.getMigrator().up();
      await expect(refused).rejects.toThrow(/1 national ID numbers are each held by several current individuals/);
      await expect(refused).rejects.not.toThrow(/222000000/);
    } finally {
      await older.close();
      await dropDatabase(url);
    }
  });
});
