import pg from "pg";
const c = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:5432/rsu_bench_explain` });
await c.connect();
const rows = Array.from({ length: 284 }, (_, tag) => ({ tag, nin: tag % 3 ? null : "NIN12345678", block_key: "mhmd sd", name_key: "mohamed said", island: "1", exclude: null, born: "1980-05-03", lo: "1980-05-01", hi: "1980-05-31", days: Array.from({ length: 12 }, (_, d) => `19${70 + d}-01-01`) }));
const text = JSON.stringify(rows);
const text2 = JSON.stringify(rows.map((r) => ({ ...r, days: `{${r.days.join(",")}}` })));
const cols = "tag int, nin text, block_key text, name_key text, island text, exclude uuid, born date, lo date, hi date, days date[]";
const variants: Record<string, string> = {
  json: `select count(*) from json_to_recordset($1::json) as p(${cols})`,
  jsonb: `select count(*) from jsonb_to_recordset($1::jsonb) as p(${cols})`,
  json_nodays: `select count(*) from json_to_recordset($1::json) as p(${cols.replace(", days date[]", "")})`,
  json_days_text: `select count(*) from json_to_recordset($1::json) as p(${cols.replace("days date[]", "days text[]")})`,
  json_days_json: `select count(*) from json_to_recordset($1::json) as p(${cols.replace("days date[]", "days json")})`,
  json_days_literal: `select count(*) from json_to_recordset($2::json) as p(${cols})`,
  json_parse_only: `select json_array_length($1::json)`,
};
for (const [name, sql] of Object.entries(variants)) {
  const times = [];
  for (let k = 0; k < 20; k++) { const t = performance.now(); await (sql.includes('$2') ? c.query(sql.replace('$2', '$1'), [text2]) : c.query(sql, [text])); times.push(performance.now() - t); }
  times.sort((a, b) => a - b);
  console.log(name.padEnd(16), times[10]!.toFixed(2), "ms");
}
await c.end();
