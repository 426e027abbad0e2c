import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { integrateSubmission } from "../../api/registry/integration/integrate-submission";
import { refreshNameFrequencies } from "../../api/registry/matching/name-frequencies";
import { copyRegistry, insertReceived } from "../../bench/integrate/registry-rows";
import { memberOutcomes, type MemberOutcome } from "../../bench/match-quality/decisions";
import { plantedCorpus } from "../../bench/match-quality/planted-duplicates";
import { createTestContext, type TestContext } from "../helpers/test-context";

/**
 * One rule set (issue #14): the same corpus integrated one submission at a time (each household matched
 * against the database by the lookup's statement) and in batches of 50 (each household matched against the
 * database and, in memory, against the households created earlier in its batch) must reach the same decision
 * for every member. Two databases hold the same registry of 400 generated households (enough people for the
 * names' frequencies to count); the 160 incoming households include re-registrations, movers and
 * households sent twice, so duplicates meet both in the registry and within a batch. Submissions are
 * received commune by commune, so that batches (one commune each) take them in the order received.
 */
const REGISTRY = Array.from({ length: 400 }, (_, i) => 30_000 + i);
const corpus = plantedCorpus({
  registrySeeds: REGISTRY,
  incoming: 160,
  firstNewSeed: 40_000,
  seed: 14,
  shares: { reregistered: 0.25, mover: 0.15, repeated: 0.2 },
})
  .map((household, order) => ({ household, order }))
  .sort((a, b) => String(a.household.data.commune).localeCompare(String(b.household.data.commune)) || a.order - b.order)
  .map(({ household }) => household);

let contexts: TestContext[] = [];
let clients: pg.Client[] = [];
beforeAll(async () => {
  contexts = await Promise.all([createTestContext("matching_diff_single"), createTestContext("matching_diff_batch")]);
  clients = contexts.map((ctx) => new pg.Client({ connectionString: ctx.config.databaseUrl }));
  for (const [i, ctx] of contexts.entries()) {
    await clients[i]!.connect();
    await copyRegistry(clients[i]!, REGISTRY);
    await refreshNameFrequencies(ctx.orm.em.fork());
  }
}, 120_000);
afterAll(async () => {
  await Promise.all(clients.map((c) => c.end()));
  await Promise.all(contexts.map((ctx) => ctx.close()));
});

/** Integrates the corpus with jobs of `batchSize`, one job at a time in the order received; returns each member's decision. */
async function integrate(k: number, batchSize: number): Promise<MemberOutcome[]> {
  const ctx = contexts[k]!;
  const ids = await insertReceived(
    clients[k]!,
    corpus.map(({ data }) => ({ data })),
  );
  for (const submissionId of ids) await integrateSubmission(ctx.orm.em.fork(), { submissionId }, ctx.config.matchThresholds, batchSize);
  return memberOutcomes(clients[k]!, corpus, ids);
}

describe("the batch path and the single path", () => {
  it("reach the same decision for every member of the corpus", async () => {
    const single = await integrate(0, 1);
    const batched = await integrate(1, 50);
    const decision = ({ household, line, decision, linkedTo, status }: MemberOutcome) => ({ household, line, decision, linkedTo, status });
    expect(batched.map(decision)).toEqual(single.map(decision));

    // The corpus exercises every decision, and duplicates met within a batch (households sent twice).
    const count = (d: string) => single.filter((o) => o.decision === d).length;
    expect(count("link")).toBeGreaterThan(10);
    expect(count("review")).toBeGreaterThan(10);
    expect(count("new")).toBeGreaterThan(100);
    const repeated = corpus.flatMap((h, i) => (h.kind === "repeated" ? [i] : []));
    const caughtWithinBatch = single.filter((o) => repeated.includes(o.household) && o.decision !== "new");
    expect(caughtWithinBatch.length).toBeGreaterThan(10);
    expect(single.filter((o) => o.status === "invalid")).toEqual([]);
  }, 180_000);
});
