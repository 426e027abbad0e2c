import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../app-env";
import { roleMay, type Permission } from "../auth/permissions";
import { problems } from "../problems";

/** A middleware that carries the permission it checks, so tests can list every route's rule. */
export type PermissionCheck = MiddlewareHandler<AppEnv> & { permission: Permission };

/**
 * Declares and checks who may call a route: `.get("/x", allow("households:read"), handler)`.
 * Anonymous callers get 401, callers whose roles lack the permission 403.
 */
export function allow(permission: Permission): PermissionCheck {
  const check: MiddlewareHandler<AppEnv> = async function allow(c, next) {
    const actor = c.get("actor");
    if (permission !== "public" && !actor) throw problems.unauthenticated();
    if (actor && !roleMay(actor.roles, permission)) throw problems.forbidden();
    c.set("permission", permission);
    await next();
  };
  return Object.assign(check, { permission });
}

/**
 * Deny by default: an API route that declared no permission never answers with its own response.
 * The authorization-matrix test catches such a route before it ships; this catches it in production.
 */
export const denyUndeclared: MiddlewareHandler<AppEnv> = async function denyUndeclared(c, next) {
  await next();
  if (!c.get("permission") && c.res.status < 400) {
    throw problems.forbidden();
  }
};
