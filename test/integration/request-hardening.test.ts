import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Submission } from "../../api/entities";
import { MAX_JSON_ARRAY_LENGTH } from "../../api/middleware/json-body";
import { validHousehold } from "../helpers/demo-responses";
import { createTestContext, type TestContext } from "../helpers/test-context";

/** Issue #15, findings 3, 4, 7 and 12: what malformed requests, forged headers and caches get. */
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext("request_hardening");
});
afterAll(() => ctx?.close());

const ORIGIN = "http://localhost";
const send = (method: string, path: string, body: string, as: "admin" | null = "admin", headers: Record<string, string> = {}) =>
  ctx.request(`${ORIGIN}${path}`, { method, headers: { "content-type": "application/json", origin: ORIGIN, ...headers }, body }, as);
const codeOf = async (res: Response) => ((await res.json()) as { error: { code: string } }).error.code;
const submissionCount = () => ctx.orm.em.fork().count(Submission, {});
const deep = (levels: number, inner = "1") => `${'{"a":'.repeat(levels)}${inner}${"}".repeat(levels)}`;

describe("NUL bytes and lone surrogates (finding 3)", () => {
  it("answers 400 malformed_text on the anonymous login route, for a NUL and for a lone surrogate", async () => {
    for (const body of ['{"username":"a\\u0000b","password":"x"}', '{"username":"\\ud800","password":"x"}']) {
      const res = await send("POST", "/api/auth/login", body, null);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: "malformed_text", details: { where: "body", pointer: "/username" } } });
    }
  });

  it("answers 400, not a 503 'postgres unreachable', for a NUL or a lone surrogate in a path segment", async () => {
    for (const path of ["/api/variables/a%00b", "/api/forms/a%00b", "/api/code-lists/%ED%A0%80", "/api/forms/%E0%A4%A"]) {
      const res = await ctx.request(`${ORIGIN}${path}`);
      expect(res.status, path).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: "malformed_text", details: { where: "path" } } });
    }
  });

  it("answers 400 for a NUL in a query parameter that reaches a database filter", async () => {
    const res = await ctx.request(`${ORIGIN}/api/households?commune=a%00b`);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: "malformed_text", details: { where: "query" } } });
  });

  it("refuses a submission whose answers hold a NUL, and writes nothing", async () => {
    const before = await submissionCount();
    const data = { ...validHousehold(11), village: "Mb\u0000eni" };
    const res = await send("POST", "/api/submissions", JSON.stringify({ id: randomUUID(), formId: "menage", version: 1, data }));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: "malformed_text", details: { pointer: "/data/village" } } });
    expect(await submissionCount()).toBe(before);
  });

  it("refuses a catalogue file with a NUL in a cell at the preview already, not only when applying it", async () => {
    const csv = await (await ctx.request(`${ORIGIN}/api/catalogue/export?format=csv&sheet=variables`)).text();
    const withNul = csv.replace("Adresse ou point de repère", "Adr\u0000esse ou point de repère");
    for (const mode of ["preview", "apply"]) {
      const res = await send("POST", `/api/catalogue/import?mode=${mode}`, withNul, "admin", { "content-type": "text/csv" });
      expect(res.status, mode).toBe(400);
      expect(await res.json()).toMatchObject({
        error: { code: "malformed_text", details: { where: "body", pointer: "/catalogue/variables/0/label/fr" } },
      });
    }
  });
});

describe("deep and wide JSON (finding 4)", () => {
  it("answers 400 json_too_complex to 10,000 levels on the routes that take large bodies", async () => {
    const submission = `{"id":"${randomUUID()}","formId":"menage","version":1,"data":${deep(10_000)}}`;
    const cases: [string, string, string][] = [
      ["PUT", "/api/forms/menage/draft", deep(10_000)],
      ["POST", "/api/submissions", submission],
      ["POST", "/api/variables", `[${"[".repeat(10_000)}${"]".repeat(10_000)}]`],
    ];
    for (const [method, path, body] of cases) {
      const res = await send(method, path, body);
      expect(res.status, path).toBe(400);
      expect(await codeOf(res)).toBe("json_too_complex");
    }
  });

  it("accepts 64 levels of nesting and refuses 65", async () => {
    expect(await codeOf(await send("POST", "/api/variables", deep(63, "[]")))).toBe("body_invalid");
    expect(await codeOf(await send("POST", "/api/variables", deep(64, "[]")))).toBe("json_too_complex");
  });

  it("refuses an array longer than the limit, even flat", async () => {
    const items = (n: number) => `{"members":[${Array.from({ length: n }, () => "0").join(",")}]}`;
    expect(await codeOf(await send("POST", "/api/variables", items(MAX_JSON_ARRAY_LENGTH)))).toBe("body_invalid");
    expect(await codeOf(await send("POST", "/api/variables", items(MAX_JSON_ARRAY_LENGTH + 1)))).toBe("json_too_complex");
  });

  it("answers 413 to a body over the route's size limit, before parsing it", async () => {
    const res = await send("POST", "/api/auth/login", `{"username":"${"x".repeat(20_000)}","password":"x"}`, null);
    expect(res.status).toBe(413);
    expect(await codeOf(res)).toBe("payload_too_large");
  });

  // Over a socket the body is read by the Node adapter when its length is declared (issue #22), by Hono's
  // bodyLimit when it comes in chunks: both keep the limit.
  it("over a socket, keeps the limit for a declared length and for a chunked body, and reads a body within it", async () => {
    const { url } = await ctx.listen();
    const login = (body: BodyInit, init: RequestInit = {}) =>
      fetch(`${url}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json", origin: url }, body, ...init });
    const large = `{"username":"${"x".repeat(20_000)}","password":"x"}`;
    const declared = await login(large);
    expect([declared.status, await codeOf(declared)]).toEqual([413, "payload_too_large"]);
    const chunks = new ReadableStream({
      start(controller) {
        for (let i = 0; i < large.length; i += 5_000) controller.enqueue(new TextEncoder().encode(large.slice(i, i + 5_000)));
        controller.close();
      },
    });
    const chunked = await login(chunks, { duplex: "half" } as RequestInit);
    expect([chunked.status, await codeOf(chunked)]).toEqual([413, "payload_too_large"]);
    const within = await login(JSON.stringify({ username: "agent", password: "agent-demo-2026" }));
    expect(within.status).toBe(200);
  });
});

describe("forwarded headers without a trusted proxy (finding 7)", () => {
  it("refuses a login from another origin even when X-Forwarded-Host and -Proto name that origin", async () => {
    const res = await send("POST", "/api/auth/login", JSON.stringify({ username: "agent", password: "agent-demo-2026" }), null, {
      origin: "http://evil.example",
      "x-forwarded-host": "evil.example",
      "x-forwarded-proto": "http",
    });
    expect(res.status).toBe(403);
    expect(await codeOf(res)).toBe("cross_site_refused");
    expect(res.headers.get("set-cookie")).toBeNull();
  });
});

describe("caching of API answers (finding 12)", () => {
  it("sends Cache-Control: no-store on API answers, errors included", async () => {
    for (const path of ["/api/households", "/api/auth/me", "/api/households/not-a-uuid", "/api/nowhere"]) {
      expect((await ctx.request(`${ORIGIN}${path}`)).headers.get("cache-control"), path).toBe("no-store");
    }
    expect((await ctx.request(`${ORIGIN}/api/households`, {}, null)).headers.get("cache-control")).toBe("no-store");
  });
});
