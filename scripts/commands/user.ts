import type { MikroORM } from "@mikro-orm/postgresql";
import { systemActor } from "../../api/auth/actor";
import { User } from "../../api/entities";
import { createUser, setPassword } from "../../api/services/users";
import { parseOptions } from "./options";
import { readPassword } from "./read-password";

/** rsu user add USERNAME --role ROLE [--area CODE]… | rsu user passwd USERNAME | rsu user list */
export async function user(orm: MikroORM, args: string[], operator: string): Promise<void> {
  const [action, ...rest] = args;
  const { positional, options } = parseOptions(rest);
  const em = orm.em.fork();
  const by = systemActor(operator);
  switch (action) {
    case "add": {
      const username = required(positional[0], "USERNAME");
      const roles = options.get("role") ?? [];
      if (!roles.length) throw new Error("at least one --role is needed (admin, designer, supervisor, clerk, analyst)");
      const created = await createUser(em, by, {
        username,
        displayName: options.get("name")?.[0],
        password: await readPassword(),
        roles,
        areas: options.get("area") ?? [],
        grants: options.get("grant") ?? [],
      });
      console.log(`user ${created.username} created (${created.roles.join(", ")})`);
      return;
    }
    case "passwd": {
      const username = required(positional[0], "USERNAME");
      await setPassword(em, by, username, await readPassword("Nouveau mot de passe / New password: "));
      console.log(`password of ${username} changed; their sessions are closed`);
      return;
    }
    case "list": {
      for (const u of await em.find(User, {}, { orderBy: { username: "asc" } })) {
        console.log(
          [u.username.padEnd(20), (u.active ? "active" : "inactive").padEnd(9), u.roles.join(",").padEnd(20), u.areas.join(",")].join(" "),
        );
      }
      return;
    }
    default:
      throw new Error("usage: rsu user add USERNAME --role ROLE [--area CODE]… | rsu user passwd USERNAME | rsu user list");
  }
}

function required(value: string | undefined, name: string): string {
  if (!value) throw new Error(`${name} is missing`);
  return value;
}
