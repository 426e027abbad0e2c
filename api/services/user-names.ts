import type { EntityManager } from "@mikro-orm/postgresql";
import { User } from "../entities";

/**
 * The display names of the users behind ids kept in history (who submitted, who decided), in one query:
 * screens show « Awa Mohamed », not a uuid. An id that names no user (a removed account, a system actor)
 * is absent from the map, and the screen falls back to the id itself.
 */
export async function userNames(em: EntityManager, ids: Iterable<string | null | undefined>): Promise<Map<string, string>> {
  const wanted = [...new Set([...ids].filter((id): id is string => !!id && UUID.test(id)))];
  if (!wanted.length) return new Map();
  const users = await em.find(User, { id: { $in: wanted } }, { fields: ["id", "displayName"] });
  return new Map(users.map((u) => [u.id, u.displayName]));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
