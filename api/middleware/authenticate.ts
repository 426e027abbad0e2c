import { getConnInfo } from "@hono/node-server/conninfo";
import type { MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import type { AppConfig } from "../config";
import type { AppEnv } from "../app-env";
import { actorFromToken } from "../auth/api-tokens";
import { actorFromSession } from "../auth/sessions";
import { problems } from "../problems";
import { requestEm } from "./entity-manager";

export const SESSION_COOKIE = "rsu_session";

/**
 * Finds who is asking: a bearer token (machines) or the session cookie (browsers). It only identifies;
 * `allow()` on each route decides. A bearer token that is present but invalid is a 401 straight away,
 * so a misconfigured tablet fleet fails loudly instead of acting anonymously.
 */
export function authenticate(config: AppConfig): MiddlewareHandler<AppEnv> {
  const policy = { idleMs: config.sessionIdleMs, maxAgeMs: config.sessionMaxAgeMs };
  return async function authenticate(c, next) {
    c.set("address", clientAddress(c, config.trustProxy));
    const authorization = c.req.header("authorization");
    if (authorization) {
      const [scheme, secret] = authorization.split(" ");
      const actor = scheme?.toLowerCase() === "bearer" && secret ? await actorFromToken(() => requestEm(c), secret) : null;
      if (!actor) throw problems.unauthenticated();
      c.set("actor", actor);
    } else {
      const secret = getCookie(c, SESSION_COOKIE);
      c.set("actor", secret ? await actorFromSession(() => requestEm(c), secret, policy) : null);
    }
    await next();
  };
}

function clientAddress(c: Parameters<MiddlewareHandler>[0], trustProxy: boolean): string | null {
  if (trustProxy) {
    const forwarded = c.req.header("x-forwarded-for")?.split(",")[0]?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? null;
  } catch {
    // app.request() in tests has no socket.
    return null;
  }
}
