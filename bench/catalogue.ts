/**
 * Catalogue at scale (issue 4): 2,000 variables and 200 code lists created through the API, then the
 * latency of listing and searching them, and the time to produce the specification document and the
 * XLSX. Runs against the real PostgreSQL, in-process HTTP (`app.request`), on its own database.
 *   npx tsx bench/catalogue.ts [--variables 2000] [--lists 200] [--requests 200]
 */
import { parseArgs } from "node:util";
import { createTestContext } from "../test/helpers/test-context";
import { writeResults } from "./results-file";

const { values } = parseArgs({
  options: {
    variables: { type: "string", default: "2000" },
    lists: { type: "string", default: "200" },
    requests: { type: "string", default: "200" },
  },
});
const VARIABLES = Number(values.variables);
const LISTS = Number(values.lists);
const REQUESTS = Number(values.requests);

const WORDS = [
  "revenu",
  "logement",
  "santé",
  "école",
  "eau",
  "énergie",
  "bétail",
  "pêche",
  "récolte",
  "transfert",
  "dépense",
  "dette",
  "épargne",
  "handicap",
  "vaccin",
  "migration",
  "terre",
  "outil",
  "marché",
  "crédit",
];
const THEMES = ["identification", "dwelling", "assets", "members", "livelihood", "health", "education", "food", "shocks", "transfers"];
const TYPES = ["text", "integer", "decimal", "boolean", "date", "single_choice", "multiple_choice"] as const;
const pick = <T>(items: readonly T[], i: number) => items[i % items.length]!;

const ctx = await createTestContext("bench_catalogue");
const json = (method: string, body: unknown) => ({ method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

async function timed(call: () => Promise<Response>): Promise<number> {
  const start = performance.now();
  const res = await call();
  await res.arrayBuffer();
  if (res.status >= 300) throw new Error(`HTTP ${res.status}`);
  return performance.now() - start;
}

function summary(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { median: at(0.5).toFixed(1), p95: at(0.95).toFixed(1), n: times.length };
}

try {
  let start = performance.now();
  for (let l = 0; l < LISTS; l++) {
    const items = Array.from({ length: 5 + (l % 26) }, (_, i) => ({
      code: String(i + 1),
      label: { fr: `${pick(WORDS, l + i)} ${i + 1}`, en: `item ${i + 1}` },
    }));
    await timed(() =>
      ctx.request(
        "/api/code-lists",
        json("POST", { code: `liste_${l}`, label: { fr: `Liste ${pick(WORDS, l)} ${l}`, en: `List ${l}` }, items }),
        "concepteur",
      ),
    );
  }
  const listsMs = performance.now() - start;
  start = performance.now();
  for (let v = 0; v < VARIABLES; v++) {
    const type = pick(TYPES, v);
    const choice = type === "single_choice" || type === "multiple_choice";
    await timed(() =>
      ctx.request(
        "/api/variables",
        json("POST", {
          code: `v${String(v).padStart(4, "0")}_${pick(WORDS, v * 7)
            .normalize("NFD")
            .replace(/\p{Diacritic}/gu, "")}`,
          level: v % 3 === 0 ? "individual" : "household",
          type,
          label: { fr: `${pick(WORDS, v)} du ménage ${v} (${pick(WORDS, v * 3)})`, en: `Household ${v}` },
          description: { fr: `Question sur ${pick(WORDS, v * 5)} et ${pick(WORDS, v * 11)}.` },
          theme: pick(THEMES, v),
          sensitivity: pick(["public", "internal", "personal", "sensitive"] as const, v),
          ...(choice ? { codeList: `liste_${v % LISTS}` } : {}),
          ...(type === "integer" ? { constraints: { min: 0, max: 100 } } : {}),
        }),
        "concepteur",
      ),
    );
  }
  const variablesMs = performance.now() - start;

  const scenarios: Record<string, (i: number) => string> = {
    "list, first page of 50": () => "/api/variables?limit=50",
    "list, deep page (offset 1,900)": () => "/api/variables?limit=50&offset=1900",
    "search a word in labels": (i) => `/api/variables?q=${encodeURIComponent(pick(WORDS, i))}`,
    "search a code prefix": (i) => `/api/variables?q=v${String(i % 20).padStart(2, "0")}`,
    "filter theme + type + sensitivity": (i) => `/api/variables?theme=${pick(THEMES, i)}&type=${pick(TYPES, i)}&sensitivity=personal`,
  };
  const results: Record<string, ReturnType<typeof summary>> = {};
  for (const [name, path] of Object.entries(scenarios)) {
    const times: number[] = [];
    for (let i = 0; i < REQUESTS; i++) times.push(await timed(() => ctx.request(path(i), {}, "analyste")));
    results[name] = summary(times);
  }
  for (const format of ["html", "xlsx", "ddi"]) {
    const times: number[] = [];
    for (let i = 0; i < 5; i++) times.push(await timed(() => ctx.request(`/api/catalogue/export?format=${format}`, {}, "analyste")));
    results[`export ${format} (whole catalogue)`] = summary(times);
  }
  console.log(
    `created ${LISTS} code lists in ${(listsMs / 1000).toFixed(1)} s (${(listsMs / LISTS).toFixed(1)} ms each), ${VARIABLES} variables in ${(variablesMs / 1000).toFixed(1)} s (${(variablesMs / VARIABLES).toFixed(1)} ms each)`,
  );
  console.table(results);
  writeResults(
    "catalogue",
    { variables: VARIABLES, lists: LISTS, requests: REQUESTS },
    {
      codeListWriteMs: listsMs / LISTS,
      variableWriteMs: variablesMs / VARIABLES,
      requests: results,
    },
  );
} finally {
  await ctx.close();
}
