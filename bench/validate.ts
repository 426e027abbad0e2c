/**
 * Validation benchmark: our compiled validator against survey-core's own validation, on generated
 * responses to the demo household mask. See bench/README.md for how to read it.
 *
 *   npx tsx bench/validate.ts [--count 10000] [--invalid 0.1] [--seed 20261128] [--sample 1000|all]
 *
 * survey-core manages about ten responses a second, so its throughput is timed on a sample (evenly
 * spread, single thread like ours), while the verdict comparison covers every response: the rest of
 * survey-core's verdicts are computed on all cores in worker threads. Exits 1 on any disagreement.
 */
import { availableParallelism, cpus, totalmem } from "node:os";
import { parseArgs } from "node:util";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { demoCatalogue } from "../api/db/seeders/demo/catalogue";
import { householdMask } from "../api/db/seeders/demo/household-mask";
import { compile, createValidator } from "../schemas/compile";
import { generateResponses, type GeneratedResponse } from "../test/helpers/demo-responses";
import { surveyCoreAccepts } from "../test/helpers/survey-core-verdict";

interface Settings {
  count: number;
  invalid: number;
  seed: number;
  sample: number;
}

interface WorkerJob extends Settings {
  indices: number[];
}

function yieldToTimers(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** survey-core's verdicts for some responses; a Model per response and a yield between them (STACK.md, trap 14). */
async function surveyCoreVerdicts(responses: GeneratedResponse[], indices: number[], onProgress?: (done: number) => void): Promise<Map<number, boolean>> {
  const verdicts = new Map<number, boolean>();
  for (const i of indices) {
    verdicts.set(i, surveyCoreAccepts(householdMask, structuredClone(responses[i]!.data)));
    await yieldToTimers();
    if (onProgress && verdicts.size % 250 === 0) onProgress(verdicts.size);
  }
  return verdicts;
}

if (!isMainThread) {
  // A worker regenerates the same responses from the seed rather than receiving them: cheaper than copying.
  const job = workerData as WorkerJob;
  const responses = generateResponses(job.count, job.invalid, job.seed);
  const verdicts = await surveyCoreVerdicts(responses, job.indices);
  parentPort!.postMessage([...verdicts]);
} else {
  await main();
}

async function main(): Promise<void> {
  const settings = readSettings();
  const { count, invalid, seed } = settings;
  printMachine();

  let t = performance.now();
  const responses = generateResponses(count, invalid, seed);
  const intended = responses.filter((r) => r.intendedInvalid !== null).length;
  console.log(`responses        ${count} (${intended} broken on purpose: ${Math.round(count * invalid)} invalid + ${intended - Math.round(count * invalid)} hidden answers), generated in ${ms(t)}`);

  t = performance.now();
  const schema = compile(householdMask, demoCatalogue);
  const validate = createValidator(schema);
  console.log(`compile          mask + catalogue → JSON Schema (${JSON.stringify(schema).length} bytes) → ajv, once: ${ms(t)}`);

  // Ours: one warm-up pass (V8 optimises the generated code), then three timed passes over everything.
  const ours: boolean[] = responses.map((r) => validate(r.data).length === 0);
  const passes: number[] = [];
  for (let pass = 0; pass < 3; pass++) {
    t = performance.now();
    for (const r of responses) validate(r.data);
    passes.push(count / ((performance.now() - t) / 1000));
  }
  passes.sort((a, b) => a - b);
  const oursRate = passes[1]!;
  console.log(`ours             ${fmt(oursRate)} responses/s (median of 3 passes over ${count}: ${passes.map(fmt).join(", ")})`);

  // survey-core's throughput, single thread, on an evenly spread sample.
  const sampleSize = Math.min(settings.sample, count);
  const sample = Array.from({ length: sampleSize }, (_, k) => Math.floor((k * count) / sampleSize));
  t = performance.now();
  const verdicts = await surveyCoreVerdicts(responses, sample, (done) => process.stdout.write(`\r  survey-core sample: ${done}/${sampleSize}`));
  const surveyRate = sampleSize / ((performance.now() - t) / 1000);
  process.stdout.write("\r");
  console.log(`survey-core      ${fmt(surveyRate)} responses/s (single thread, ${sampleSize === count ? "all" : `sample of ${sampleSize}`} responses, new Model + validate(false) + hidden-answer check each)`);
  console.log(`ratio            ours / survey-core = ${fmt(oursRate / surveyRate)}×`);

  // The other verdicts, on every core, so that the comparison covers every response.
  const rest = responses.map((_, i) => i).filter((i) => !verdicts.has(i));
  if (rest.length) {
    t = performance.now();
    const workers = Math.max(1, availableParallelism());
    const shares = Array.from({ length: workers }, (_, w) => rest.filter((_, k) => k % workers === w));
    const results = await Promise.all(shares.map((indices) => runWorker({ ...settings, indices })));
    for (const result of results) for (const [i, ok] of result) verdicts.set(i, ok);
    console.log(`survey-core      verdicts for the other ${rest.length} responses on ${workers} worker threads: ${ms(t)}`);
  }

  const disagreements = responses.flatMap((r, i) =>
    verdicts.get(i) === ours[i] ? [] : [{ i, intendedInvalid: r.intendedInvalid, where: r.where, ours: validate(r.data).map((e) => `${e.pointer} ${e.code}`), surveyCore: verdicts.get(i) }],
  );
  const refused = ours.filter((ok) => !ok).length;
  console.log(`verdicts         compared on ${verdicts.size}/${count} responses: ours refuses ${refused}, survey-core refuses ${[...verdicts.values()].filter((ok) => !ok).length}`);
  console.log(`disagreements    ${disagreements.length}`);
  for (const d of disagreements.slice(0, 20)) console.log("  ", JSON.stringify(d));
  if (disagreements.length > 0 || verdicts.size !== count) process.exit(1);
}

function runWorker(job: WorkerJob): Promise<[number, boolean][]> {
  // tsx's loader does not reach worker threads by itself: register it before importing this file.
  const boot = `import("tsx/esm/api").then(({ register }) => { register(); return import(${JSON.stringify(import.meta.url)}); })`;
  return new Promise((resolve, reject) => {
    const worker = new Worker(boot, { eval: true, workerData: job });
    worker.once("message", (result: [number, boolean][]) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once("error", reject);
  });
}

function readSettings(): Settings {
  const { values } = parseArgs({
    options: {
      count: { type: "string", default: "10000" },
      invalid: { type: "string", default: "0.1" },
      seed: { type: "string", default: "20261128" },
      sample: { type: "string", default: "1000" },
    },
  });
  const count = Number(values.count);
  return { count, invalid: Number(values.invalid), seed: Number(values.seed), sample: values.sample === "all" ? count : Number(values.sample) };
}

function printMachine(): void {
  const cpu = cpus()[0];
  console.log(`machine          ${availableParallelism()} cores (${cpu?.model ?? "unknown cpu"}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${new Date().toISOString()}`);
}

function ms(since: number): string {
  return `${Math.round(performance.now() - since)} ms`;
}

function fmt(n: number): string {
  return n >= 100 ? Math.round(n).toLocaleString("en-US") : n.toFixed(1);
}
