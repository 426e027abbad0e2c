import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { validHousehold } from "../helpers/demo-responses";
import { createTestContext, type DemoUsername, type TestContext } from "../helpers/test-context";

/**
 * Issue #15: malformed input to every route of the route table, as anonymous and as each demo role, must
 * never give a 5xx nor a body that reveals internals. Routes are read from Hono's own table, so a new
 * route is fuzzed without anyone adding it here. FUZZ_SEED=<n> replays a run; FUZZ_RUNS=<n> tunes its length.
 */
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const RUNS_PER_ROUTE = Number(process.env.FUZZ_RUNS ?? 25);
const ORIGIN = "http://localhost";

// Created while the file is collected: the routes to test are read from the app itself.
const ctx: TestContext = await createTestContext("fuzz_routes");
afterAll(() => ctx.close());
const submissionId = randomUUID();
beforeAll(async () => {
  // One real submission, so that its routes are fuzzed past "not found" too.
  const res = await ctx.request("/api/submissions", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ id: submissionId, formId: "menage", version: 1, data: validHousehold(3) }),
  });
  expect(res.status).toBe(202);
  console.log(`fuzz-routes: seed ${SEED}, ${RUNS_PER_ROUTE} runs per route (FUZZ_SEED=${SEED} replays this run)`);
});

// ── what an attacker or a broken client sends ────────────────────────────────────────────────────────────

/** Percent-encoding as raw bytes would give it: a lone surrogate as its three WTF-8 bytes, which are no UTF-8. */
function percentEncode(text: string): string {
  let out = "";
  for (const char of text) {
    const unit = char.charCodeAt(0);
    if (char.length > 1 || unit < 0xd800 || unit > 0xdfff) out += encodeURIComponent(char);
    else
      out += [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 63), 0x80 | (unit & 63)].map((b) => `%${b.toString(16).toUpperCase()}`).join("");
  }
  return out;
}

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((unit) => String.fromCharCode(unit));
/** Text as it should not be: NUL bytes, lone surrogates, controls, right-to-left marks, very long runs. */
const badText = fc.oneof(
  fc.string({ unit: "binary", maxLength: 40 }),
  fc
    .tuple(fc.string({ maxLength: 10 }), fc.constantFrom("\u0000", "\u202e", "\ufeff", "\u0001", "\r\n"), fc.string({ maxLength: 10 }))
    .map((p) => p.join("")),
  fc.tuple(fc.string({ maxLength: 10 }), loneSurrogate, fc.string({ maxLength: 10 })).map((p) => p.join("")),
  fc.integer({ min: 1_000, max: 5_000 }).map((n) => "é".repeat(n)),
);
/** A path segment: real ids and codes, numbers at their limits, traversal, and bad text percent-encoded. */
const segment = fc.oneof(
  fc.constantFrom(
    "menage",
    "first_name",
    "nin",
    "sex",
    "1",
    "0",
    "-1",
    "2147483648",
    "1e3",
    "NaN",
    "..",
    "%2e%2e",
    "%2F",
    "%00",
    "%ED%A0%80",
    "%E0%A4%A",
    "%FF",
  ),
  fc.uuid().map(String),
  fc.constant("<submission>"),
  badText.map(percentEncode),
);
const QUERY_KEYS = [
  "limit",
  "offset",
  "stage",
  "mine",
  "commune",
  "q",
  "at",
  "from",
  "to",
  "all",
  "mode",
  "format",
  "role",
  "lang",
  "since",
];
const query = fc.array(fc.tuple(fc.oneof(fc.constantFrom(...QUERY_KEYS), badText), fc.oneof(segment, badText)), { maxLength: 4 });

/** JSON text of every wrong kind: wrong types, deep, wide, escaped NULs and lone surrogates, not JSON at all. */
const jsonText = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
  fc
    .dictionary(
      fc.constantFrom("id", "username", "password", "formId", "version", "data", "name", "code", "roles", "areas", "decision", "reason"),
      fc.anything({ maxDepth: 3 }),
    )
    .map((v) => JSON.stringify(v)),
  fc
    .tuple(
      fc.constantFrom('{"username":"', '{"id":"', '{"data":{"village":"', '"'),
      fc.constantFrom("\\u0000", "\\ud800", "\\udfff", "\\ud800\\u0041"),
      fc.constantFrom('","password":"x"}', '"}', '"}}', '"'),
    )
    .map((p) => p.join("")),
  fc.integer({ min: 60, max: 12_000 }).map((n) => `${"[".repeat(n)}${"]".repeat(n)}`),
  fc.integer({ min: 60, max: 12_000 }).map((n) => `{"data":${'{"a":'.repeat(n)}1${"}".repeat(n + 1)}`),
  fc.integer({ min: 9_000, max: 30_000 }).map((n) => `{"items":[${"0,".repeat(n)}0]}`),
  fc.string({ maxLength: 60 }),
  fc.constantFrom(
    "",
    "null",
    "[]",
    "{",
    '{"a":1}}',
    "1e999999",
    "-0",
    '"\\x"',
    '{"__proto__":{"admin":true}}',
    '{"constructor":{"prototype":{}}}',
  ),
);
/** Bytes that are not UTF-8 at all. */
const rawBytes = fc.uint8Array({ minLength: 1, maxLength: 64 }).map((bytes) => new Uint8Array([0xff, 0xfe, 0xed, 0xa0, 0x80, ...bytes]));

const CONTENT_TYPES = [
  "application/json",
  "application/json",
  "application/json; charset=latin1",
  "application/merge-patch+json",
  "text/plain",
  "text/csv",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
];
const ODD_HEADERS: Record<string, string>[] = [
  {},
  { "content-encoding": "gzip" },
  { "accept-language": "\u00ff".repeat(50) },
  { "x-forwarded-for": "not an address, 999.1.1.1", "x-forwarded-host": "evil.example", "x-forwarded-proto": "gopher" },
  { cookie: "rsu_session=\u00e9\u00ff; rsu_session=x" },
  { origin: "null" },
  { origin: "http://evil.example", "sec-fetch-site": "cross-site" },
  { range: "bytes=999999999-" },
  { "if-none-match": "*", "if-modified-since": "yesterday" },
];
/** Only for anonymous callers: an authenticated one carries its token. */
const ODD_AUTHORIZATION = ["Bearer ", "Bearer \u00ff\u00fe", "Basic Zm9vOmJhcg==", "Bearer a b c", "bearer rsu_0000", "Negotiate x"];
const ODD_METHODS = ["PROPFIND", "OPTIONS", "HEAD", "DELETE", "PUT", "PATCH", "GET", "POST"];

interface Route {
  method: string;
  path: string;
}

/** Every (method, path) that a handler answers, without the middleware registered with `use()`. */
function routeTable(): Route[] {
  const seen = new Map<string, Route>();
  for (const { method, path } of ctx.app.routes) if (method !== "ALL") seen.set(`${method} ${path}`, { method, path });
  return [...seen.values()];
}

function requestFor(route: Route) {
  const params = route.path.match(/:\w+|\*/g) ?? [];
  return fc.record({
    as: fc.constantFrom<DemoUsername | null>(null, ...(Object.keys(ctx.tokens) as DemoUsername[])),
    method: fc.oneof({ weight: 4, arbitrary: fc.constant(route.method) }, { weight: 1, arbitrary: fc.constantFrom(...ODD_METHODS) }),
    params: fc.tuple(...params.map(() => segment)),
    query,
    body: fc.oneof(
      { weight: 5, arbitrary: jsonText },
      { weight: 1, arbitrary: rawBytes },
      { weight: 1, arbitrary: fc.constant(undefined) },
    ),
    contentType: fc.option(fc.constantFrom(...CONTENT_TYPES), { nil: undefined, freq: 6 }),
    headers: fc.constantFrom(...ODD_HEADERS),
    authorization: fc.option(fc.constantFrom(...ODD_AUTHORIZATION), { nil: undefined, freq: 3 }),
  });
}

type Sent = ReturnType<typeof requestFor> extends fc.Arbitrary<infer T> ? T : never;

function send(route: Route, sent: Sent) {
  let i = 0;
  const path = route.path.replace(/:\w+|\*/g, () => {
    const value = sent.params[i++]!;
    return value === "<submission>" ? submissionId : value;
  });
  const search = sent.query.map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`).join("&");
  const headers = new Headers({ origin: ORIGIN, ...sent.headers });
  if (sent.contentType) headers.set("content-type", sent.contentType);
  if (sent.authorization && !sent.as) headers.set("authorization", sent.authorization);
  const hasBody = sent.body !== undefined && sent.method !== "GET" && sent.method !== "HEAD";
  const init: RequestInit = { method: sent.method, headers, body: hasBody ? sent.body : undefined };
  return ctx.request(`${ORIGIN}${path}${search ? `?${search}` : ""}`, init, sent.as);
}

/** Stack frames, source paths, SQL: what a body must never show. */
const INTERNALS = [
  /\n\s+at \S/,
  /\.(ts|js|mjs|cjs):\d+/,
  /node_modules|\/work\/|file:\/\//,
  /\b(insert into|delete from|select .{0,200} from)\b/i,
  /SQLSTATE|ECONN|Knex|MikroORM|DriverException/,
];

describe("every route under malformed input", () => {
  it("has a route table to fuzz", () => {
    expect(routeTable().length).toBeGreaterThan(40);
  });

  it.each(routeTable().map((r) => [`${r.method} ${r.path}`, r] as const))(
    "%s: never a 5xx, never internals",
    async (_, route) => {
      await fc.assert(
        fc.asyncProperty(requestFor(route), async (sent) => {
          const res = await send(route, sent);
          const text = await res.text();
          expect(res.status, text.slice(0, 300)).toBeLessThan(500);
          for (const pattern of INTERNALS) expect(text).not.toMatch(pattern);
        }),
        { seed: SEED, numRuns: RUNS_PER_ROUTE, interruptAfterTimeLimit: 40_000 },
      );
    },
    60_000,
  );
});
