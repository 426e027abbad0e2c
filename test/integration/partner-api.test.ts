import { Hono } from "hono";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PERMISSIONS } from "../../api/auth/permissions";
import { ROLES } from "../../api/auth/roles";
import { allow } from "../../api/middleware/authorize";
import { describeRoute } from "../../api/openapi/describe";
import { declaredRoutes, openApiPath, undescribedRoutes, type OpenApiDocument } from "../../api/openapi/document";
import { createDatabaseIfMissing, dropDatabase } from "../../api/db/create-database";
import { tokenSchema } from "../../api/services/api-tokens";
import { validHousehold } from "../helpers/demo-responses";
import { createTestContext, type TestContext } from "../helpers/test-context";

/** The API contract for partner systems (issue #17): the OpenAPI document, and the synchronisation reads. */
let ctx: TestContext;
interface Placed {
  id: string;
  island: string;
  prefecture: string;
}
const placed: Placed[] = [];

beforeAll(async () => {
  ctx = await createTestContext("partnerapi");
  ctx.startWorkers();
  const sent = [];
  for (let seed = 1; seed <= 7; seed++) sent.push((await ctx.submit(validHousehold(seed))).body.id as string);
  await ctx.drain();
  for (const id of sent) {
    const { householdId } = (await ctx.get(`/api/submissions/${id}`)).body;
    const { island, prefecture } = (await ctx.get(`/api/households/${householdId}`)).body;
    placed.push({ id: householdId, island, prefecture });
  }
}, 120_000);
afterAll(() => ctx?.close());

interface Item {
  id: string;
  version: number;
  headName: string | null;
  members: { firstName: string | null }[];
}

/**
 * Waits until every transaction of this database that began before this call has ended: the synchronisation
 * reads only behind this database's oldest running writer. PostgreSQL offers no wait on another's
 * transaction, so this polls the synchronisation's own horizon.
 */
async function writersBeforeEnded() {
  const sql = async (text: string, values: unknown[] = []) => (await ctx.orm.em.getConnection().execute(text, values))[0]!;
  const { next } = await sql("select pg_snapshot_xmax(pg_current_snapshot())::text as next");
  const deadline = Date.now() + 30_000;
  while (!(await sql("select households_change_horizon() >= ?::xid8 as ended", [next])).ended) {
    if (Date.now() > deadline) throw new Error("a transaction of this database stayed open for 30 s");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Follows cursors until no page waits, as a partner's loop does; every page's items in order. */
async function syncPages(as: string, first: string, from?: string, settle = true): Promise<{ pages: Item[][]; cursor: string }> {
  if (settle) await writersBeforeEnded();
  const pages: Item[][] = [];
  let query = from ? `cursor=${from}&limit=2` : `${first}&limit=2`;
  for (;;) {
    const res = await ctx.get(`/api/sync/households?${query}`, as);
    expect(res.status).toBe(200);
    pages.push(res.body.items);
    if (!res.body.more) return { pages, cursor: res.body.cursor };
    query = `cursor=${res.body.cursor}&limit=2`;
  }
}
const idsOf = (pages: Item[][]) => pages.flat().map((item) => item.id);

describe("the OpenAPI document", () => {
  let document: OpenApiDocument;
  beforeAll(async () => {
    const res = await ctx.get("/api/openapi.json", null);
    expect(res.status).toBe(200);
    document = res.body;
  });

  it("describes every route of the route table: a route added without describeRoute() is named here", () => {
    expect(
      undescribedRoutes(ctx.app.routes),
      "add describeRoute(fr, en, { errors }) next to these routes (api/openapi/describe.ts)",
    ).toEqual([]);
  });

  it("gives each route its roles, from the one permission table, and its error codes", () => {
    for (const route of declaredRoutes(ctx.app.routes)) {
      const op = document.paths[openApiPath(route.path)]?.[route.method.toLowerCase()];
      expect(op, `${route.method} ${route.path}`).toBeDefined();
      const rule = PERMISSIONS[route.permission!];
      expect(op!["x-rsu-permission"]).toBe(route.permission);
      expect(op!["x-rsu-roles"]).toEqual(rule === "anyone" ? "anyone" : rule === "signed-in" ? ROLES : rule);
      if (route.permission !== "public") expect(op!["x-rsu-errors"]).toEqual(expect.arrayContaining(["unauthenticated", "forbidden"]));
    }
    const tokens = document.paths["/api/tokens"]!.post!;
    expect(tokens["x-rsu-errors"]).toEqual([
      "user_not_found",
      "role_not_held",
      "malformed_text",
      "unauthenticated",
      "forbidden",
      "cross_site_refused",
      "malformed_json",
      "json_too_complex",
      "payload_too_large",
      "unsupported_media_type",
      "body_invalid",
    ]);
    expect(tokens.requestBody!.content["application/json"]!.schema).toEqual(tokenSchema);
  });

  it("names a route added without describeRoute()", () => {
    const probe = new Hono()
      .get("/api/new", allow("public"), (c) => c.text("x"))
      .post("/api/ok", allow("public"), describeRoute("a", "b"), (c) => c.text("x"));
    expect(undescribedRoutes(probe.routes)).toEqual(["GET /api/new"]);
  });

  it("describes the synchronisation route with its roles and error codes", () => {
    expect(document.openapi).toBe("3.1.0");
    const sync = document.paths["/api/sync/households"]!.get!;
    expect(sync["x-rsu-roles"]).toEqual(["admin", "supervisor", "clerk", "analyst"]);
    expect(sync["x-rsu-errors"]).toEqual([
      "invalid_cursor",
      "cursor_with_filters",
      "invalid_parameter",
      "malformed_text",
      "unauthenticated",
      "forbidden",
    ]);
    expect(sync.responses["400"]!["x-rsu-codes"]).toEqual(["invalid_cursor", "cursor_with_filters", "invalid_parameter", "malformed_text"]);
    expect(sync.parameters!.map((p) => p.name)).toEqual(["since", "area", "cursor", "limit"]);
  });

  it("is readable in a browser, French first, without a script from elsewhere", async () => {
    const res = await ctx.get("/api/reference", null);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(res.body).toContain('<html lang="fr">');
    expect(res.body).toContain("<code>/api/sync/households</code>");
    expect(res.body).toContain("<code>invalid_cursor</code>");
    expect(res.body).not.toMatch(/<script/);
  });
});

describe("households changed since a date, for partner systems", () => {
  const expected: Record<string, (h: Placed) => boolean> = {
    admin: () => true,
    analyste: () => true,
    superviseur: (h) => h.island === "1", // areas ["1"]
    agent: (h) => h.prefecture === "101", // areas ["101"]
  };

  it("the registry has households inside and outside the supervisor's and the clerk's areas", () => {
    expect(placed.some((h) => h.prefecture === "101")).toBe(true);
    expect(placed.some((h) => h.island === "1" && h.prefecture !== "101")).toBe(true);
    expect(placed.some((h) => h.island !== "1")).toBe(true);
  });

  for (const [user, reaches] of Object.entries(expected)) {
    it(`${user}: every household of their areas once, each as GET /api/households/:id shows it to them`, async () => {
      const { pages } = await syncPages(user, "since=2020-01-01");
      const ids = idsOf(pages);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.sort()).toEqual(
        placed
          .filter(reaches)
          .map((h) => h.id)
          .sort(),
      );
      for (const item of pages.flat()) expect(item).toEqual((await ctx.get(`/api/households/${item.id}`, user)).body);
    });
  }

  it("an analyst without grants reads no names", async () => {
    const items = (await syncPages("analyste", "")).pages.flat();
    expect(items.length).toBe(placed.length);
    expect(items.every((h) => h.headName === null && h.members.every((m) => m.firstName === null))).toBe(true);
  });

  it("refuses the designer (403) and anonymous callers (401)", async () => {
    expect((await ctx.get("/api/sync/households", "concepteur")).body.error.code).toBe("forbidden");
    expect((await ctx.get("/api/sync/households", null)).status).toBe(401);
  });

  it("filters by area and by date", async () => {
    const in101 = idsOf((await syncPages("admin", "area=101")).pages);
    expect(in101.sort()).toEqual(
      placed
        .filter((h) => h.prefecture === "101")
        .map((h) => h.id)
        .sort(),
    );
    expect(idsOf((await syncPages("admin", "since=2999-01-01")).pages)).toEqual([]);
  });

  it("refuses a cursor it did not write with 400 invalid_cursor, in French and English", async () => {
    const forged = Buffer.from(JSON.stringify(["1; drop table households", "x", null, null])).toString("base64url");
    for (const cursor of ["pas-un-curseur", forged, Buffer.from("{}").toString("base64url")]) {
      const res = await ctx.get(`/api/sync/households?cursor=${cursor}`);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe("invalid_cursor");
      expect(res.body.error.message.fr).toMatch(/curseur/);
      expect(res.body.error.message.en).toMatch(/cursor/);
      expect(res.body.error.details).toEqual([expect.objectContaining({ pointer: "/cursor" })]);
    }
    const { cursor } = (await ctx.get("/api/sync/households?limit=1")).body;
    expect((await ctx.get(`/api/sync/households?cursor=${cursor}&since=2020-01-01`)).body.error.code).toBe("cursor_with_filters");
    expect((await ctx.get("/api/sync/households?since=hier")).body.error.details[0].pointer).toBe("/since");
    expect((await ctx.get("/api/sync/households?limit=0")).body.error.details[0].pointer).toBe("/limit");
    expect((await ctx.get("/api/sync/households?area=1%3B2")).body.error.details[0].pointer).toBe("/area");
  });

  it("while others write: no change skipped, none read twice, a change committed late is read after it commits", async () => {
    const { pages, cursor } = await syncPages("admin", "");
    expect(idsOf(pages).sort()).toEqual(placed.map((h) => h.id).sort());
    // A writer that began earlier (its transaction id is older) touches one household and has not committed…
    const writer = new pg.Client({ connectionString: ctx.config.databaseUrl });
    await writer.connect();
    const [early, late] = [placed[0]!.id, placed[1]!.id];
    try {
      await writer.query("begin");
      await writer.query("update households set village = village where id = $1", [early]);
      // …while a later change of another household, through the registry's own pipeline, commits first.
      const answers = (await ctx.get(`/api/households/${late}/answers`)).body;
      const update = await ctx.submitAndDrain({ ...answers.data, number_of_rooms: 17 }, { householdId: late, baseVersion: 1 });
      expect(update.status).toBe("integrated");
      // Reading past the later change now would leave the earlier one behind the cursor: it waits.
      const meanwhile = await syncPages("admin", "", cursor, false);
      expect(idsOf(meanwhile.pages)).toEqual([]);
      expect(meanwhile.cursor).toBe(cursor);
      await writer.query("commit");
    } finally {
      await writer.end();
    }
    const after = await syncPages("admin", "", cursor);
    expect(idsOf(after.pages)).toEqual([early, late]);
    expect(after.pages.flat().find((h) => h.id === late)!.version).toBe(2);
    expect(idsOf((await syncPages("admin", "", after.cursor)).pages)).toEqual([]);
  });

  it("a long transaction in another database of the server does not hold the synchronisation back", async () => {
    const { cursor } = await syncPages("admin", "");
    const url = new URL(ctx.config.databaseUrl);
    url.pathname = `${url.pathname}_elsewhere`;
    await createDatabaseIfMissing(url.toString());
    const elsewhere = new pg.Client({ connectionString: url.toString() });
    await elsewhere.connect();
    const changed = placed[2]!.id;
    try {
      // Another application's transaction on the same server began first, wrote, and stays open…
      await elsewhere.query("begin");
      await elsewhere.query("create table other_application (x int)");
      await elsewhere.query("insert into other_application values (1)");
      // …while a household of this registry changes and commits.
      const answers = (await ctx.get(`/api/households/${changed}/answers`)).body;
      const update = await ctx.submitAndDrain({ ...answers.data, number_of_rooms: 9 }, { householdId: changed, baseVersion: 1 });
      expect(update.status).toBe("integrated");
      const { pages } = await syncPages("admin", "", cursor);
      expect(idsOf(pages)).toEqual([changed]);
      expect(pages.flat()[0]!.version).toBe(2);
    } finally {
      await elsewhere.end();
      await dropDatabase(url.toString());
    }
  });
});
