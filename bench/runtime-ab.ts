/**
 * The runtime's repeat visits, another checkout's pages against this one's, in alternating rounds (issue #18).
 * A repeat visit is a second or so of the tablet's CPU: on a shared machine one run of each says little, so
 * each round opens both builds, in turn first, each in a fresh browser profile (first visit, then the
 * second and third visits timed, as bench/runtime.ts does on its unthrottled link).
 *
 *   (cd /work/old && npx vite build)
 *   RSU_BENCH_BASELINE=/work/old npx tsx bench/runtime-ab.ts [--rounds 8]
 *
 * The baseline's pages are its dist/, built beforehand; this checkout's are built first. Both are served by
 * this checkout's API (the pages are what differs), on the runtime bench's database (rsu_bench_runtime,
 * dropped at the end). Results: bench/results/runtime-ab-<date>.json.
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser } from "playwright-core";
import { dropDatabase } from "../api/db/create-database";
import { createLogger } from "../api/log";
import { startApi } from "../api/runtime";
import { launchChromium } from "../test/helpers/browser";
import { parseArgs } from "./parse-args";
import { writeResults } from "./results-file";
import { openQuestionnaire, runtimeBenchSetup, signInAndOpen, untilReadyOffline } from "./runtime-visit";

const args = parseArgs(process.argv.slice(2), { rounds: 8 });
const baseline = process.env.RSU_BENCH_BASELINE;
if (!baseline) throw new Error("RSU_BENCH_BASELINE: the checkout to compare with (its dist/ built)");
const log = (message: string) => console.log(`[runtime-ab] ${message}`);

interface Times {
  /** From the address typed to the first question shown. */
  toFirstQuestionMs: number;
  /** From « Remplir » to the first question shown. */
  afterFillMs: number;
}

/** A fresh profile's first visit, then its second (repeat) and third (routine) visits, timed. */
async function visits(browser: Browser, url: string): Promise<{ repeat: Times; routine: Times }> {
  const context = await browser.newContext({ locale: "fr-FR", viewport: { width: 1024, height: 768 } });
  try {
    const first = await context.newPage();
    await signInAndOpen(first, url);
    await untilReadyOffline(first);
    await first.close();
    const again = async (): Promise<Times> => {
      const page = await context.newPage();
      const start = performance.now();
      await page.goto(url, { timeout: 180_000 });
      const afterFillMs = await openQuestionnaire(page);
      const toFirstQuestionMs = performance.now() - start;
      await page.close();
      return { toFirstQuestionMs: Math.round(toFirstQuestionMs), afterFillMs: Math.round(afterFillMs) };
    };
    const repeat = await again();
    return { repeat, routine: await again() };
  } finally {
    await context.close();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function main() {
  log("building dist/");
  const { config, orm } = await runtimeBenchSetup();
  const builds = { baseline: join(baseline!, "dist"), this: fileURLToPath(new URL("../dist", import.meta.url)) };
  const logger = createLogger("warn", "bench:runtime-ab");
  const apis = { baseline: await startApi(config, orm, logger, builds.baseline), this: await startApi(config, orm, logger, builds.this) };
  const browser = await launchChromium();
  const rounds: { first: string; baseline: { repeat: Times; routine: Times }; this: { repeat: Times; routine: Times } }[] = [];
  try {
    for (let round = 0; round < args.rounds; round++) {
      const order = round % 2 === 0 ? (["baseline", "this"] as const) : (["this", "baseline"] as const);
      const result: Partial<Record<"baseline" | "this", { repeat: Times; routine: Times }>> = {};
      for (const name of order) result[name] = await visits(browser, `http://127.0.0.1:${apis[name].port}/runtime/`);
      rounds.push({ first: order[0], baseline: result.baseline!, this: result.this! });
      log(`round ${round + 1}: ${JSON.stringify(rounds.at(-1))}`);
    }
  } finally {
    await browser.close();
    await apis.baseline.close();
    await apis.this.close();
    await orm.close();
    await dropDatabase(config.databaseUrl);
  }
  const medians = Object.fromEntries(
    (["baseline", "this"] as const).map((name) => [
      name,
      Object.fromEntries(
        (["repeat", "routine"] as const).map((visit) => [
          visit,
          {
            toFirstQuestionMs: median(rounds.map((r) => r[name][visit].toFirstQuestionMs)),
            afterFillMs: median(rounds.map((r) => r[name][visit].afterFillMs)),
          },
        ]),
      ),
    ]),
  );
  console.table(
    Object.entries(medians).flatMap(([name, byVisit]) =>
      Object.entries(byVisit).map(([visit, times]) => ({
        build: name,
        visit,
        "to 1st question (s)": times.toFirstQuestionMs / 1000,
        "after Remplir (s)": times.afterFillMs / 1000,
      })),
    ),
  );
  writeResults("runtime-ab", { baseline, ...args }, { medians, rounds });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
