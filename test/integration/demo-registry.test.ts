import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoRegistry } from "../../api/db/seeders/seed-demo-registry";
import { createTestContext, type TestContext } from "../helpers/test-context";

/**
 * The demo registry `npm start` seeds (issue #17): generated households written to the outbox and integrated
 * by the real workers, a few misspelt copies waiting in the review queue; seeded once.
 */
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext("demo_registry");
  ctx.startWorkers();
}, 60_000);
afterAll(() => ctx?.close());

const count = async (sql: string) => Number(((await ctx.orm.em.fork().getConnection().execute(sql)) as { n: string }[])[0]!.n);

describe("demo registry", () => {
  it("integrates the generated households through the pipeline, the misspelt copies as review items, once", async () => {
    const lines: string[] = [];
    await seedDemoRegistry(ctx.orm.em.fork(), { households: 40, duplicateEvery: 10 }, (line) => lines.push(line));
    expect(lines.at(-2)).toContain("40/40");
    await ctx.drain();
    expect(await count("select count(*) as n from submissions")).toBe(44);
    expect(await count("select count(*) as n from submissions where status not in ('integrated', 'needs_review')")).toBe(0);
    expect(await count("select count(*) as n from households")).toBe(40);
    expect(await count("select count(distinct island) as n from households")).toBe(3);
    expect(await count("select count(*) as n from review_items where status = 'open'")).toBeGreaterThanOrEqual(4);

    await seedDemoRegistry(ctx.orm.em.fork(), { households: 40, duplicateEvery: 10 }, (line) => lines.push(line));
    expect(await count("select count(*) as n from submissions")).toBe(44);
  });
});
