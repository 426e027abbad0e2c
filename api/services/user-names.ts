import type { EntityManager } from "@mikro-orm/postgresql";
import { User } from "../entities";

/**
 * The display names of the users behind ids kept in history (who submitted, who decided), in one query:
 * screens show « Awa Mohamed », not a uuid; an account without a display name by its username (issue #21).
 * An id that names no user (a removed account, a system actor) is absent from the map.
 */
export async function userNames(em: EntityManager, ids: Iterable<string | null | undefined>): Promise<Map<string, string>> {
  const wanted = [...new Set([...ids].filter((id): id is string => !!id && UUID.test(id)))];
  if (!wanted.length) return new Map();
  const users = await em.find(User, { id: { $in: wanted } }, { fields: ["id", "displayName", "username"] });
  return new Map(users.map((u) => [u.id, u.displayName.trim() || u.username]));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
