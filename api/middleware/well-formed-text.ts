import type { MiddlewareHandler } from "hono";
import { problems } from "../problems";

/**
 * A NUL or an unpaired UTF-16 surrogate. PostgreSQL refuses both in text and jsonb, and the driver reports
 * them as a broken connection (SQLSTATE 08P01) or a JSON syntax error: refused here, they stay a 400 (#15).
 */
const ILL_FORMED = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function isWellFormedText(text: string): boolean {
  return !ILL_FORMED.test(text);
}

/** The JSON pointer of the first key or string that is not well-formed text, or null. For values of bounded depth. */
export function illFormedTextAt(value: unknown, pointer = ""): string | null {
  if (typeof value === "string") return isWellFormedText(value) ? null : pointer;
  if (value === null || typeof value !== "object") return null;
  for (const [key, item] of Object.entries(value)) {
    const at = `${pointer}/${isWellFormedText(key) ? key.replaceAll("~", "~0").replaceAll("/", "~1") : "?"}`;
    if (!isWellFormedText(key)) return at;
    const found = illFormedTextAt(item, at);
    if (found !== null) return found;
  }
  return null;
}

/**
 * Path and query string must decode to well-formed text before any route reads them: percent-escapes
 * that are not UTF-8 (a lone surrogate is encoded %ED%A0%80), and NUL bytes, answer 400 `malformed_text`.
 * JSON bodies get the same check where they are parsed (json-body.ts).
 */
export const wellFormedText: MiddlewareHandler = async function wellFormedText(c, next) {
  const url = c.req.url;
  const start = url.indexOf("/", url.indexOf("//") + 2);
  const queryAt = url.indexOf("?", start);
  const path = queryAt < 0 ? url.slice(start) : url.slice(start, queryAt);
  if (!decodesWell(path.split("/"))) throw problems.malformedText("path");
  if (queryAt >= 0 && !decodesWell(url.slice(queryAt + 1).split(/[&=]/), true)) throw problems.malformedText("query");
  await next();
};

function decodesWell(parts: string[], form = false): boolean {
  for (const part of parts) {
    try {
      if (!isWellFormedText(decodeURIComponent(form ? part.replaceAll("+", " ") : part))) return false;
    } catch {
      return false;
    }
  }
  return true;
}
