import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv } from "../app-env";
import type { AppConfig } from "../config";
import { problems } from "../problems";

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Cross-site request protection for browsers: a state-changing request that carries the session cookie
 * must come from our own origin (Origin header, or Sec-Fetch-Site where Origin is absent). SameSite=Strict
 * cookies already stop most forgeries; this also covers old browsers and same-site subdomains.
 * Requests with a bearer token carry no ambient credential and are not concerned.
 */
export function sameOrigin({ trustProxy }: Pick<AppConfig, "trustProxy">): MiddlewareHandler<AppEnv> {
  return async function sameOrigin(c, next) {
    if (SAFE.has(c.req.method) || c.req.header("authorization")) return next();
    const origin = c.req.header("origin");
    const site = c.req.header("sec-fetch-site");
    const expected = new URL(c.req.url).origin;
    const crossSite = origin
      ? origin !== expected && (!trustProxy || origin !== forwardedOrigin(c))
      : site !== undefined && site !== "same-origin" && site !== "none";
    if (crossSite) throw problems.crossSiteRefused();
    return next();
  };
}

/**
 * Behind a TLS-terminating proxy the request URL says http while the browser says https. Only a proxy we
 * trust (TRUST_PROXY) sets these headers; without one, anyone can, so they say nothing (#15).
 */
function forwardedOrigin(c: Context): string | null {
  const proto = c.req.header("x-forwarded-proto");
  const host = c.req.header("x-forwarded-host") ?? c.req.header("host");
  return proto && host ? `${proto}://${host}` : null;
}
