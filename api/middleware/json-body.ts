import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { problems } from "../problems";

/**
 * Refuses bodies that are too large or not JSON before a route reads them. A household with a full
 * roster weighs a few kilobytes; the limit leaves room for long texts without inviting abuse.
 */
export function jsonBody(maxBytes = 1024 * 1024): MiddlewareHandler {
  const limit = bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw problems.payloadTooLarge(maxBytes);
    },
  });
  return async function jsonBody(c, next) {
    const type = c.req.header("content-type") ?? "";
    if (!/^application\/(.+\+)?json\b/i.test(type)) throw problems.unsupportedMediaType();
    return limit(c, next);
  };
}

/** The parsed body; a 400 with a stable code when it is not JSON. */
export async function readJson(c: Context): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    throw problems.malformedJson();
  }
}
