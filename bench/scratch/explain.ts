// EXPLAIN (ANALYZE, BUFFERS) of the batch lookup of 50 new households against a copy of the bench registry.
// npx tsx bench/scratch/explain.ts [db]   (db defaults to rsu_bench_explain, copied from the template once)
import pg from "pg";
import { openDatabase } from "../../api/db/database";
import { householdFromSubmission } from "../../workers/integrate/household-from-submission";
import { areaOf } from "../../workers/integrate/apply-household";
import { findCandidates } from "../../workers/integrate/match-person";
import { generatedHousehold } from "../integrate/comorian-households";

const db = process.argv[2] ?? "rsu_bench_explain";
const admin = new pg.Client({ connectionString: "postgres://postgres@127.0.0.1:5432/postgres" });
await admin.connect();
const { rowCount } = await admin.query("select 1 from pg_database where datname = $1", [db]);
if (!rowCount) await admin.query(`create database ${db} template rsu_bench_registry_200000_20261128_m9 strategy file_copy`);
await admin.end();
let captured: { text: string; values: unknown[] } | null = null;
const original = pg.Client.prototype.query;
(pg.Client.prototype as any).query = function (config: any, ...rest: any[]) {
  if (config && config.name === "rsu_match_candidates") captured = { text: config.text, values: config.values };
  return (original as any).call(this, config, ...rest);
};
const orm = await openDatabase(`postgres://postgres@127.0.0.1:5432/${db}`, { migrate: true });
const searches = Array.from({ length: 50 }, (_, i) => householdFromSubmission(generatedHousehold(20261128 + 200000 + 7 + i))).flatMap((r) =>
  r.members.map((person) => ({ person, area: areaOf(r.household), excludeHouseholdId: null })),
);
for (let round = 0; round < 5; round++) {
  const t = performance.now();
  const found = await orm.em.fork().transactional((tx) => findCandidates(tx, searches));
  console.log(`round ${round}: ${searches.length} people, ${found.reduce((n, r) => n + r.length, 0)} candidate rows, ${(performance.now() - t).toFixed(1)} ms`);
}
await orm.close();
const client = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:5432/${db}` });
await client.connect();
const c = captured!;
await client.query({ name: "x", text: c.text, values: c.values });
await client.query("set plan_cache_mode = force_generic_plan");
const plan = await client.query({ text: `explain (analyze, buffers) ${c.text}`, values: c.values });
console.log(plan.rows.map((r) => r["QUERY PLAN"]).join("\n"));
await client.end();
const c2 = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:5432/${db}` });
await c2.connect();
for (let k = 0; k < 3; k++) {
  const e = await c2.query({ text: `explain (analyze) select * from json_to_recordset($1::json) as p(tag int, nin text, block_key text, name_key text, island text, exclude uuid, born date, lo date, hi date, days date[])`, values: captured!.values });
  console.log(e.rows.map((r) => r["QUERY PLAN"]).join("\n"), String(captured!.values[0]).length);
}
await c2.end();
