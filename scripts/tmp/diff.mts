import { MikroORM } from "@mikro-orm/postgresql";
import { ormOptions } from "../../api/db/orm-config";
import { createDatabaseIfMissing, dropDatabase } from "../../api/db/create-database";
const url = "postgres://postgres@127.0.0.1:5432/rsu_gen";
await dropDatabase(url); await createDatabaseIfMissing(url);
const orm = await MikroORM.init(ormOptions(url));
await orm.getMigrator().up();
console.log(await orm.schema.getUpdateSchemaSQL({ wrap: false }));
await orm.close(); await dropDatabase(url);
