import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { problems } from "../problems";
import { illFormedTextAt } from "./well-formed-text";

/** Deeper than any mask or household (about 10 levels); far below what overflows the stack (#15). */
export const MAX_JSON_DEPTH = 64;
/** More items than any roster, choice list or code list; bounds the work a single array can ask for. */
export const MAX_JSON_ARRAY_LENGTH = 10_000;

const parsed = new WeakMap<Context, unknown>();

/**
 * Refuses bodies that are too large, not JSON, too deep, with too long arrays, or holding text PostgreSQL
 * refuses (NUL, lone surrogates), before a route reads them. A household with a full roster weighs a few
 * kilobytes; the limit leaves room for long texts without inviting abuse.
 */
export function jsonBody(maxBytes = 1024 * 1024): MiddlewareHandler & { jsonBody: { maxBytes: number } } {
  const limit = bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw problems.payloadTooLarge(maxBytes);
    },
  });
  const check: MiddlewareHandler = async function jsonBody(c, next) {
    // Hono's router hands a request whose path is literally a route's pattern ("/api/variables/:code") that
    // route's middleware twice; the body stream can be read once, so the second pass keeps the first's.
    if (parsed.has(c)) return next();
    const type = c.req.header("content-type") ?? "";
    if (!/^application\/(.+\+)?json\b/i.test(type)) throw problems.unsupportedMediaType();
    const length = c.req.header("content-length");
    if (length !== undefined && c.req.header("transfer-encoding") === undefined) {
      // A declared length (what every client sends) is checked here and the body read by the Node adapter
      // straight from the socket: Hono's bodyLimit builds a WHATWG Request and stream for every request,
      // about a tenth of a submission's CPU (issue #22). Node's parser never reads past the declared length.
      if (Number(length) > maxBytes) throw problems.payloadTooLarge(maxBytes);
      parsed.set(c, parseBounded(await c.req.text()));
      return next();
    }
    return limit(c, async () => {
      parsed.set(c, parseBounded(await c.req.text()));
      await next();
    });
  };
  // Marked so the OpenAPI document (api/openapi/document.ts) knows the route reads JSON and its problems.
  return Object.assign(check, { jsonBody: { maxBytes } });
}

/** The body checked by `jsonBody()`; a route that reads JSON without it is a programming error. */
export function readJson(c: Context): unknown {
  if (!parsed.has(c)) throw new Error("readJson() on a route without jsonBody()");
  return parsed.get(c);
}

/**
 * JSON text as a route may read it: bounded depth and array lengths, well-formed text. For routes that take
 * JSON among other kinds of body (the form import takes an XLSForm or a SurveyJS survey), where `jsonBody()`
 * cannot stand in front of them.
 */
export function parseBounded(text: string): unknown {
  checkShape(text);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw problems.malformedJson();
  }
  // A NUL or a lone surrogate can only come from a \u escape: the body was decoded from UTF-8 (which yields
  // neither) and JSON allows no raw control character. Without one, walking every key and string, which
  // cost as much as parsing a household (issue #22), is not needed.
  if (text.includes("\\u")) {
    const pointer = illFormedTextAt(value);
    if (pointer !== null) throw problems.malformedText("body", pointer);
  }
  return value;
}

/**
 * Depth and array lengths, read from the text in one pass without recursion: what is refused here never
 * reaches JSON.stringify, ajv or PostgreSQL, which all recurse. Malformed text is left to JSON.parse.
 */
function checkShape(text: string) {
  const counts: number[] = []; // per open container: items seen so far (-1 for objects)
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x22) {
      // A string is skipped to its closing quote by native searches, not character by character: keys and
      // answers are most of a household's text (issue #22). A quote ends it after an even run of backslashes.
      i = closingQuote(text, i + 1);
      if (i < 0) return;
    } else if (ch === 0x5b || ch === 0x7b) {
      if (counts.length >= MAX_JSON_DEPTH) throw problems.jsonTooComplex(MAX_JSON_DEPTH, MAX_JSON_ARRAY_LENGTH);
      counts.push(ch === 0x5b ? 1 : -1);
    } else if (ch === 0x2c && counts.length && counts[counts.length - 1]! > 0) {
      if (++counts[counts.length - 1]! > MAX_JSON_ARRAY_LENGTH) throw problems.jsonTooComplex(MAX_JSON_DEPTH, MAX_JSON_ARRAY_LENGTH);
    } else if (ch === 0x5d || ch === 0x7d) counts.pop();
  }
}

/** The index of the quote closing a string that starts at `from`, or -1 when it is never closed. */
function closingQuote(text: string, from: number): number {
  let quote = text.indexOf('"', from);
  while (quote >= 0) {
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === 0x5c) backslashes++;
    if (backslashes % 2 === 0) return quote;
    quote = text.indexOf('"', quote + 1);
  }
  return -1;
}
