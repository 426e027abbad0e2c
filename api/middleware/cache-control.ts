import type { MiddlewareHandler } from "hono";

/**
 * API answers carry personal data: no browser, proxy or shared cache keeps them (DESIGN.md rule 3), unless a
 * route chose its own policy. Set after the route ran, so error answers are covered too.
 */
export const noStore: MiddlewareHandler = async function noStore(c, next) {
  await next();
  if (!c.res.headers.has("cache-control")) c.res.headers.set("Cache-Control", "no-store");
};

/**
 * Vite names each built asset after its content hash (`/assets/index-B1x_9aQz.js`), and Workbox its runtime
 * (`/runtime/workbox-b6ef9ad5.js`): either never changes under that name. The service worker's update check
 * asks for the Workbox runtime with sw.js; kept, it costs a clerk's link nothing (#18).
 */
const HASHED_ASSET = /^\/(assets\/[^/]+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+|runtime\/workbox-[0-9a-f]{8}\.js)$/;

/** Built pages and unhashed files are revalidated on each load, so a deployment is picked up at once. */
export const staticCaching: MiddlewareHandler = async function staticCaching(c, next) {
  await next();
  if (c.res.status !== 200 && c.res.status !== 206 && c.res.status !== 304) return;
  c.res.headers.set("Cache-Control", HASHED_ASSET.test(c.req.path) ? "public, max-age=31536000, immutable" : "no-cache");
};
