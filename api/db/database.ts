import { MikroORM, type Options } from "@mikro-orm/postgresql";
import { createDatabaseIfMissing } from "./create-database";
import { ormOptions } from "./orm-config";

/**
 * Opens the database named in the URL, creating it first when it does not exist, and applies pending
 * migrations when asked (npm start and `rsu migrate` do; a worker on another machine need not).
 */
export async function openDatabase(
  databaseUrl: string,
  { migrate = false, overrides = {} }: { migrate?: boolean; overrides?: Partial<Options> } = {},
): Promise<MikroORM> {
  await createDatabaseIfMissing(databaseUrl);
  const orm = await MikroORM.init(ormOptions(databaseUrl, overrides));
  if (migrate) await orm.getMigrator().up();
  return orm;
}
