/**
 * Dashboard aggregates benchmark (issue #17): a generated registry (bench/integrate/registry-at-scale.ts, as
 * bench/export.ts), one integrated submission per household spread over 30 days and a review item per
 * 200 households, then each dashboard query timed for the whole country (an administrator) and for one
 * island (a supervisor of Ngazidja), and two indicators.
 *
 *   npx tsx bench/dashboards.ts                       # 200,000 households, about 1,000,000 individuals
 *   npx tsx bench/dashboards.ts --households 20000    # a quick look
 *
 * Its own database (rsu_bench_dashboards on DATABASE_URL's server), dropped at the end unless --keep.
 */
import pg from "pg";
import type { RoleScope } from "../api/auth/actor";
import { loadConfig } from "../api/config";
import { dropDatabase } from "../api/db/create-database";
import { openDatabase } from "../api/db/database";
import { seedDemo } from "../api/db/seeders/seed-demo";
import { dashboardFigures, type DashboardPlace } from "../api/registry/dashboards/dashboard-figures";
import { indicatorFigures } from "../api/registry/dashboards/indicator";
import { loadCatalogue } from "../api/services/catalogue-store";
import type { IndicatorBreakdown } from "../schemas/contracts/dashboards";
import { registryAtScale } from "./integrate/registry-at-scale";
import { parseArgs } from "./parse-args";
import { writeResults } from "./results-file";

const config = loadConfig(process.env);
const args = parseArgs(process.argv.slice(2), { households: 200_000, seed: 20261128, keep: 0, runs: 3 });
const base = new URL(config.databaseUrl);
base.pathname = "/rsu_bench_dashboards";
const DATABASE_URL = base.toString();
const log = (message: string) => console.log(`[dashboards bench] ${message}`);

const EVERYTHING = new Set(["public", "internal", "personal", "sensitive"] as const);
const ADMIN: RoleScope = { role: "admin", areas: null, ownSubmissionsOnly: false, sensitivities: EVERYTHING };
const SUPERVISOR: RoleScope = { role: "supervisor", areas: ["1"], ownSubmissionsOnly: false, sensitivities: EVERYTHING };

/** The median of `runs` timings of `work`, in milliseconds. */
async function median(work: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < args.runs; i++) {
    const t = performance.now();
    await work();
    times.push(performance.now() - t);
  }
  return Math.round(times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!);
}

async function main() {
  log(`database rsu_bench_dashboards: ${args.households} households`);
  await dropDatabase(DATABASE_URL);
  const orm = await openDatabase(DATABASE_URL, { migrate: true });
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    const t = performance.now();
    await seedDemo(orm.em.fork(), "bench");
    const registry = await registryAtScale(client, args.households, args.seed);
    // The submission behind each household, received over the last 30 days and integrated 1 to 600 s later.
    await client.query(`insert into submissions (id, form_version_id, data, content_hash, status, household_id, received_at, integrated_at, commune)
      select h.source_submission_id, (select min(id) from form_versions), jsonb_build_object('island', h.island, 'prefecture', h.prefecture, 'commune', h.commune),
        md5(h.id::text), 'integrated', h.id, r.at, r.at + (1 + random() * 599) * interval '1 second', h.commune
      from households h cross join lateral (select now() - random() * interval '30 days' as at) r`);
    await client.query(`insert into review_items (id, kind, status, household_id, reasons, created_at)
      select gen_random_uuid(), 'duplicate_person', 'open', h.id, '[]'::jsonb, now() from households h where random() < 0.005`);
    await client.query("vacuum analyze");
    log(
      `registry: ${registry.households} households, ${registry.individuals} individuals in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );

    const em = () => orm.em.fork();
    const catalogue = await loadCatalogue(em());
    const variable = (code: string) => catalogue.variables.find((v) => v.code === code)!;
    const dashboards: Record<string, number> = {};
    const places: [string, DashboardPlace, RoleScope][] = [
      ["country (admin)", { level: "country" }, ADMIN],
      ["island 1 (admin)", { level: "island", area: "1" }, ADMIN],
      ["country (supervisor of island 1)", { level: "country" }, SUPERVISOR],
    ];
    for (const [name, place, scope] of places) {
      dashboards[name] = await median(() => dashboardFigures(em(), place, [scope], 30));
      log(`dashboard ${name}: ${dashboards[name]} ms`);
    }
    const indicators: Record<string, number> = {};
    const picks: [string, IndicatorBreakdown][] = [
      ["water_source", "area"],
      ["disability", "sex"],
      ["number_of_rooms", "area"],
    ];
    for (const [code, breakdown] of picks) {
      const name = `${code} by ${breakdown} (country)`;
      indicators[name] = await median(() => indicatorFigures(em(), variable(code), { level: "country" }, breakdown, [ADMIN]));
      log(`indicator ${name}: ${indicators[name]} ms`);
    }
    writeResults(
      "dashboards",
      { households: args.households, seed: args.seed, runs: args.runs },
      { registry, dashboardsMs: dashboards, indicatorsMs: indicators },
    );
  } finally {
    await client.end();
    await orm.close();
    if (!args.keep) await dropDatabase(DATABASE_URL);
  }
}

await main();
