/**
 * Matching quality (issue #14): a generated registry, then incoming households with planted duplicates
 * (match-quality/planted-duplicates.ts) integrated through the real function, and each member's decision
 * (linked automatically, sent to review, new person) compared with the truth: precision and recall per
 * decision, the share of duplicates caught, and review items per true duplicate. Writes its results to
 * bench/results/match-quality.json.
 *
 *   npm run bench:match                                      # 50,000 households, 3,000 incoming
 *   npx tsx bench/match-quality.ts --households 10000 --incoming 1000    # a quick look
 *
 * Its own database (rsu_bench_match_quality on DATABASE_URL's server), dropped at the end unless --keep.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import pg from "pg";
import { loadConfig } from "../api/config";
import { dropDatabase } from "../api/db/create-database";
import { openDatabase } from "../api/db/database";
import { seedDemo } from "../api/db/seeders/seed-demo";
import { integrateSubmission } from "../api/registry/integration/integrate-submission";
import { refreshNameFrequencies } from "../api/registry/matching/name-frequencies";
import { parseArgs } from "./parse-args";
import { copyRegistry, insertReceived } from "./integrate/registry-rows";
import { caughtBy, memberOutcomes, qualityOf } from "./match-quality/decisions";
import { plantedCorpus } from "./match-quality/planted-duplicates";

const config = loadConfig(process.env);
const args = parseArgs(process.argv.slice(2), {
  households: 50_000,
  incoming: 3_000,
  seed: 20261206,
  batch: config.integrationBatchSize,
  concurrency: config.workerConcurrency,
  keep: 0,
});
const url = new URL(config.databaseUrl);
url.pathname = "/rsu_bench_match_quality";
const DATABASE_URL = url.toString();
const RESULTS = new URL("./results/match-quality.json", import.meta.url);

async function main() {
  const log = (s: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${s}`);
  await dropDatabase(DATABASE_URL);
  const orm = await openDatabase(DATABASE_URL, { migrate: true });
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    await seedDemo(orm.em.fork(), "bench");
    const seeds = Array.from({ length: args.households }, (_, i) => args.seed + i);
    const registry = await copyRegistry(client, seeds);
    for (const table of ["households", "individuals"]) await client.query(`vacuum analyze ${table}`);
    await refreshNameFrequencies(orm.em.fork());
    log(`registry: ${registry.households} households, ${registry.individuals} individuals`);

    const corpus = plantedCorpus({
      registrySeeds: seeds,
      incoming: args.incoming,
      firstNewSeed: args.seed + args.households,
      seed: args.seed,
    });
    const ids = await insertReceived(
      client,
      corpus.map(({ data }) => ({ data })),
    );
    const started = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: args.concurrency }, async () => {
        while (next < ids.length) {
          await integrateSubmission(orm.em.fork(), { submissionId: ids[next++]! }, config.matchThresholds, args.batch);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    log(`integration: ${ids.length} households in ${seconds.toFixed(1)} s`);

    const outcomes = await memberOutcomes(client, corpus, ids);
    const { rows } = await client.query<{ kind: string; n: string }>(
      `select kind, count(*) as n from review_items where submission_id = any($1::uuid[]) and kind in ('duplicate_person', 'duplicate_household', 'person_move') group by kind`,
      [ids],
    );
    const items = Object.fromEntries(rows.map((r) => [r.kind, Number(r.n)]));
    const quality = qualityOf(
      outcomes,
      Object.values(items).reduce((s, n) => s + n, 0),
    );
    const results = {
      date: new Date().toISOString().slice(0, 16).replace("T", " "),
      options: args,
      thresholds: config.matchThresholds,
      registry,
      incoming: { households: corpus.length, byKind: countBy(corpus.map((c) => c.kind)), seconds },
      reviewItems: items,
      quality,
      caught: caughtBy(outcomes),
      // The automatic links the truth disowns, with what was planted, to see why.
      wrongLinks: outcomes
        .filter((o) => o.decision === "link" && o.linkedTo !== (o.truth ? `${o.truth.seed}:${o.truth.line}` : undefined))
        .map((o) => ({ ...o, kind: corpus[o.household]!.kind, seed: corpus[o.household]!.truth.find((t) => t)?.seed ?? null })),
    };
    mkdirSync(new URL("./results/", import.meta.url), { recursive: true });
    writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
    const pct = (x: number | null) => (x === null ? "—" : `${(100 * x).toFixed(2)} %`);
    const { link, review, new: fresh } = quality;
    log(
      `members ${quality.members} (${quality.duplicates} planted duplicates, ${quality.newPeople} new people; ${quality.invalid} invalid)`,
    );
    log(`linked automatically: ${link.count}, precision ${pct(link.precision)}, recall ${pct(link.recall)} (${quality.wrongLinks} wrong)`);
    log(`sent to review: ${review.count}, precision ${pct(review.precision)}, recall ${pct(review.recall)}`);
    log(`new person: ${fresh.count}, precision ${pct(fresh.precision)}, recall ${pct(fresh.recall)}`);
    log(
      `duplicates caught (linked right or reviewed): ${pct(quality.caught)}; review items ${quality.reviewItems} = ${quality.reviewItemsPerDuplicate?.toFixed(2)} per duplicate`,
    );
    log(`written to ${RESULTS.pathname}`);
  } finally {
    await client.end();
    await orm.close();
    if (!args.keep) await dropDatabase(DATABASE_URL);
  }
}

function countBy(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
