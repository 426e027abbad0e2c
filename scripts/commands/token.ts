import type { MikroORM } from "@mikro-orm/postgresql";
import { systemActor } from "../../api/auth/actor";
import { createApiToken } from "../../api/services/api-tokens";
import { parseOptions } from "./options";

/** rsu token create USERNAME [--role ROLE] [--name NAME] [--days N]: prints the token, once. */
export async function token(orm: MikroORM, args: string[], operator: string): Promise<void> {
  const [action, ...rest] = args;
  const { positional, options } = parseOptions(rest);
  const username = positional[0];
  if (action !== "create" || !username) throw new Error("usage: rsu token create USERNAME [--role ROLE] [--name NAME] [--days N]");
  const days = options.get("days")?.[0];
  const { token: created, secret } = await createApiToken(orm.em.fork(), systemActor(operator), {
    username,
    role: options.get("role")?.[0],
    name: options.get("name")?.[0] ?? `cli ${new Date().toISOString().slice(0, 10)}`,
    expiresAt: days ? new Date(Date.now() + Number(days) * 86_400_000) : null,
  });
  console.error(`token ${created.id} for ${username} (${created.role}); it is shown only now:`);
  console.log(secret);
}
