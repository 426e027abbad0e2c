import { Validator } from "@seriousme/openapi-schema-validator";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { declaredRoutes, openApiPath, type OpenApiDocument } from "../../api/openapi/document";
import { validHousehold } from "../helpers/demo-responses";
import type { Answer } from "../helpers/test-client";
import { createTestContext, type TestContext } from "../helpers/test-context";

/**
 * The OpenAPI document is a contract only if it is valid OpenAPI 3.1 and the answers match it (issue #17):
 * every route that states a response schema is called here once, and its real answer checked against the
 * schema the served document gives it.
 */
let ctx: TestContext;
let document: OpenApiDocument;
let household: string;

beforeAll(async () => {
  ctx = await createTestContext("openapiresponses");
  const workers = ctx.startWorkers();
  for (let seed = 1; seed <= 3; seed++) await ctx.submit(validHousehold(seed));
  await ctx.drain();
  // Without workers an export stays queued, so that cancelling it below answers 200, never « already finished ».
  await workers.close();
  household = (await ctx.get("/api/households?limit=1")).body.items[0].id;
  document = (await ctx.get("/api/openapi.json", null)).body;
}, 120_000);
afterAll(() => ctx?.close());

/** One real call per route with a response schema, in an order where each may use what the ones before made. */
const samples: Record<string, () => Promise<Answer>> = {
  "GET /healthz": () => ctx.get("/healthz", null),
  "GET /readyz": () => ctx.get("/readyz", null),
  "GET /api/openapi.json": () => ctx.get("/api/openapi.json", null),
  "GET /api/households": () => ctx.get("/api/households"),
  "GET /api/households/:id": () => ctx.get(`/api/households/${household}`),
  "GET /api/households/:id/history": () => ctx.get(`/api/households/${household}/history`),
  "GET /api/sync/households": () => ctx.get("/api/sync/households?since=2020-01-01&limit=2"),
  "GET /api/dashboards": () => ctx.get("/api/dashboards?level=island&area=1"),
  "GET /api/dashboards/indicator": () => ctx.get("/api/dashboards/indicator?variable=sex&breakdown=area"),
  "POST /api/exports": () => ctx.post("/api/exports", { format: "csv", asOf: "2030-01-01" }, "analyste"),
  "GET /api/exports": () => ctx.get("/api/exports", "analyste"),
  "GET /api/exports/:id": async () => ctx.get(`/api/exports/${(await ctx.get("/api/exports", "analyste")).body[0].id}`, "analyste"),
  "POST /api/exports/:id/cancel": async () =>
    ctx.post(`/api/exports/${(await ctx.get("/api/exports", "analyste")).body[0].id}/cancel`, undefined, "analyste"),
  "GET /api/variables": () => ctx.get("/api/variables?limit=500", "analyste"),
  "GET /api/variables/units": () => ctx.get("/api/variables/units", "analyste"),
  "GET /api/code-lists": () => ctx.get("/api/code-lists", "analyste"),
  "POST /api/tokens": () => ctx.post("/api/tokens", { username: "analyste", name: "paiements" }),
  "GET /api/tokens": () => ctx.get("/api/tokens"),
  "POST /api/tokens/:id/revoke": async () => ctx.post(`/api/tokens/${(await ctx.get("/api/tokens")).body[0].id}/revoke`),
};

describe("the OpenAPI document as a contract", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const result = await new Validator().validate(document as unknown as Record<string, unknown>);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
  });

  it("samples exactly the routes that state a response schema", () => {
    const withResponse = declaredRoutes(ctx.app.routes)
      .filter((route) => route.doc?.response)
      .map((route) => `${route.method} ${route.path}`);
    expect(withResponse.sort()).toEqual(Object.keys(samples).sort());
  });

  it("answers each sampled route as its response schema says", async () => {
    const ajv = new Ajv2020({ allErrors: true });
    addFormats(ajv);
    const routes = new Map(declaredRoutes(ctx.app.routes).map((route) => [`${route.method} ${route.path}`, route]));
    for (const [key, call] of Object.entries(samples)) {
      const route = routes.get(key)!;
      const status = String(route.doc!.status ?? 200);
      const schema =
        document.paths[openApiPath(route.path)]![route.method.toLowerCase()]!.responses[status]!.content!["application/json"]!.schema;
      const res = await call();
      expect(res.status, key).toBe(Number(status));
      const valid = ajv.validate(schema, res.body);
      expect(ajv.errors ?? [], `${key}: ${JSON.stringify(res.body).slice(0, 300)}`).toEqual([]);
      expect(valid, key).toBe(true);
    }
  });

  it("gives the bulk import routes their own error codes, with their statuses", () => {
    const undo = document.paths["/api/imports/{id}/undo"]!.post!;
    expect(undo["x-rsu-errors"]).toEqual(expect.arrayContaining(["import_not_found", "import_already_undone", "import_still_integrating"]));
    expect(undo.responses["404"]!["x-rsu-codes"]).toEqual(["import_not_found"]);
    expect(undo.responses["409"]!["x-rsu-codes"]).toEqual(["import_already_undone", "import_wrong_status", "import_still_integrating"]);
    const upload = document.paths["/api/imports"]!.post!;
    expect(upload.responses["415"]!["x-rsu-codes"]).toEqual(["import_format_unknown"]);
  });

  it("refuses an answer that drifts from its schema: a field nobody documented", () => {
    const ajv = new Ajv2020();
    addFormats(ajv);
    const schema = document.paths["/healthz"]!.get!.responses["200"]!.content!["application/json"]!.schema;
    expect(ajv.validate(schema, { status: "ok" })).toBe(true);
    expect(ajv.validate(schema, { status: "ok", uptime: 3 })).toBe(false);
  });
});
