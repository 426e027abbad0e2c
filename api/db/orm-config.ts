import { defineConfig, type Options } from "@mikro-orm/postgresql";
import { Migrator } from "@mikro-orm/migrations";
import { entities } from "../entities";
import { migrationsList } from "./migrations";

/**
 * MikroORM options for a database URL. Migrations are listed statically (STACK.md trap 7); migration
 * overrides are merged (tests pass `{ migrations: { silent: true } }` to keep their output short).
 */
export function ormOptions(databaseUrl: string, { migrations, ...overrides }: Partial<Options> = {}): Options {
  return defineConfig({
    clientUrl: databaseUrl,
    entities,
    extensions: [Migrator],
    migrations: {
      migrationsList,
      path: "api/db/migrations",
      snapshot: false,
      snapshotName: ".snapshot-rsu",
      transactional: true,
      allOrNothing: true,
      ...migrations,
    },
    // Entities are plain objects from defineEntity: nothing to discover, no reflection.
    discovery: { warnWhenNoEntities: true },
    pool: { min: 0, max: 10 },
    debug: false,
    ...overrides,
  });
}
