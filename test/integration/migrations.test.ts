import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MikroORM } from "@mikro-orm/postgresql";
import { dropDatabase } from "../../api/db/create-database";
import { openDatabase } from "../../api/db/database";
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
});
