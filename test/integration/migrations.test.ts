import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MikroORM } from "@mikro-orm/postgresql";
import { dropDatabase } from "../../api/db/create-database";
import { openDatabase, openDatabaseAsOwner } from "../../api/db/database";
import { testEnv } from "../helpers/test-context";

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
