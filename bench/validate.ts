/**
 * Validation benchmark: our compiled validator against survey-core's own validation, on generated
 * responses to the demo household mask and to the external SurveyJS forms rsu compiles. See
 * bench/README.md for how to read it.
 *
 *   npx tsx bench/validate.ts [--form all|demo|<external name>] [--count 10000] [--invalid 0.1] [--seed 20261128] [--sample 1000|all]
 *
 * survey-core manages about ten responses a second, so its throughput is timed on a sample (evenly
 * spread, single thread like ours), while the verdict comparison covers every response: the rest of
 * survey-core's verdicts are computed on all cores in worker threads. Exits 1 on any disagreement.
 */
import { availableParallelism, cpus, totalmem } from "node:os";
import { parseArgs } from "node:util";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { compile, createValidator } from "../schemas/compile";
import { surveyCoreAccepts } from "../test/helpers/survey-core-verdict";
import { writeResults } from "./results-file";
import { benchForms, questionCount, type BenchForm, type BenchResponse } from "./validate-forms";

interface Settings {
  form: string;
  count: number;
  invalid: number;
  seed: number;
  sample: number;
}

interface WorkerJob extends Settings {
  indices: number[];
}

/** One form's figures, for the summary table. */
interface FormResult {
  form: string;
  questions: number;
  compileMs: number;
  ours: number;
  surveyCore: number;
  disagreements: number;
}

function yieldToTimers(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** survey-core's verdicts for some responses; a Model per response and a yield between them (STACK.md, trap 14). */
async function surveyCoreVerdicts(
  form: BenchForm,
  responses: BenchResponse[],
  indices: number[],
  onProgress?: (done: number) => void,
): Promise<Map<number, boolean>> {
  const verdicts = new Map<number, boolean>();
  for (const i of indices) {
    verdicts.set(i, surveyCoreAccepts(form.mask, structuredClone(responses[i]!.data)));
    await yieldToTimers();
    if (onProgress && verdicts.size % 250 === 0) onProgress(verdicts.size);
  }
  return verdicts;
}

if (!isMainThread) {
  // A worker regenerates the same responses from the seed rather than receiving them: cheaper than copying.
  const job = workerData as WorkerJob;
  const form = benchForms().forms.find((f) => f.name === job.form)!;
  const responses = form.generate(job.count, job.invalid, job.seed);
  const verdicts = await surveyCoreVerdicts(form, responses, job.indices);
  parentPort!.postMessage([...verdicts]);
} else {
  await main();
}

async function main(): Promise<void> {
  const settings = readSettings();
  printMachine();
  const { forms, refused } = benchForms();
  const chosen = settings.form === "all" ? forms : forms.filter((f) => f.name === settings.form);
  if (!chosen.length) {
    console.error(`unknown form ${settings.form}: one of all, ${forms.map((f) => f.name).join(", ")}`);
    process.exit(2);
  }
  if (settings.form === "all" && refused.length) console.log(`left out        external forms the compiler refuses: ${refused.join("; ")}`);
  const results: FormResult[] = [];
  for (const form of chosen) results.push(await benchForm(form, { ...settings, form: form.name }));

  console.log("\n| form | questions | compile (ms) | ours (responses/s) | survey-core (responses/s) | ratio | disagreements |");
  console.log("|---|---|---|---|---|---|---|");
  for (const r of results)
    console.log(
      `| ${r.form} | ${r.questions} | ${r.compileMs.toFixed(1)} | ${fmt(r.ours)} | ${fmt(r.surveyCore)} | ${fmt(r.ours / r.surveyCore)}× | ${r.disagreements} |`,
    );
  writeResults("validate", settings, results);
  if (results.some((r) => r.disagreements > 0)) process.exit(1);
}

async function benchForm(form: BenchForm, settings: Settings): Promise<FormResult> {
  const { count, invalid, seed } = settings;
  console.log(`\n== ${form.name} (${questionCount(form)} questions)`);
  let t = performance.now();
  const responses = form.generate(count, invalid, seed);
  const broken = responses.filter((r) => r.broken).length;
  console.log(`responses        ${count} (${broken} broken on purpose), generated in ${ms(t)}`);

  // Compile time: the first compile pays for loading code; the median of the next 20 is what a publish costs.
  const compiles: number[] = [];
  let schema = compile(form.mask, form.catalogue);
  for (let k = 0; k < 21; k++) {
    t = performance.now();
    schema = compile(form.mask, form.catalogue);
    createValidator(schema);
    compiles.push(performance.now() - t);
  }
  const compileMs = median(compiles.slice(1));
  const validate = createValidator(schema);
  console.log(
    `compile          mask + catalogue → JSON Schema (${JSON.stringify(schema).length} bytes) → ajv: median ${compileMs.toFixed(1)} ms of 20`,
  );

  // The validator drops what is no answer (nulls, computed values) from what it is given, in place:
  // each pass validates its own copies, made before the clock starts, so survey-core sees the originals.
  const copies = () => responses.map((r) => structuredClone(r.data));
  const ours: boolean[] = copies().map((data) => validate(data).length === 0);
  const passes: number[] = [];
  for (let pass = 0; pass < 3; pass++) {
    const data = copies();
    t = performance.now();
    for (const d of data) validate(d);
    passes.push(count / ((performance.now() - t) / 1000));
  }
  const oursRate = median(passes);
  console.log(`ours             ${fmt(oursRate)} responses/s (median of 3 passes over ${count}: ${passes.map(fmt).join(", ")})`);

  // survey-core's throughput, single thread, on an evenly spread sample.
  const sampleSize = Math.min(settings.sample, count);
  const sample = Array.from({ length: sampleSize }, (_, k) => Math.floor((k * count) / sampleSize));
  t = performance.now();
  const verdicts = await surveyCoreVerdicts(form, responses, sample, (done) =>
    process.stdout.write(`\r  survey-core sample: ${done}/${sampleSize}`),
  );
  const surveyRate = sampleSize / ((performance.now() - t) / 1000);
  process.stdout.write("\r");
  console.log(
    `survey-core      ${fmt(surveyRate)} responses/s (single thread, ${sampleSize === count ? "all" : `sample of ${sampleSize}`} responses, new Model + validate(false) + hidden-answer check each)`,
  );
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
    verdicts.get(i) === ours[i]
      ? []
      : [
          {
            i,
            broken: r.broken,
            ours: validate(structuredClone(r.data)).map((e) => `${e.pointer} ${e.code}`),
            surveyCore: verdicts.get(i),
            data: r.data,
          },
        ],
  );
  const refusedByUs = ours.filter((ok) => !ok).length;
  console.log(
    `verdicts         compared on ${verdicts.size}/${count} responses: ours refuses ${refusedByUs}, survey-core refuses ${[...verdicts.values()].filter((ok) => !ok).length}`,
  );
  console.log(`disagreements    ${disagreements.length}`);
  for (const d of disagreements.slice(0, 20)) console.log("  ", JSON.stringify(d));
  return {
    form: form.name,
    questions: questionCount(form),
    compileMs,
    ours: oursRate,
    surveyCore: surveyRate,
    disagreements: disagreements.length + (count - verdicts.size),
  };
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
      form: { type: "string", default: "all" },
      count: { type: "string", default: "10000" },
      invalid: { type: "string", default: "0.1" },
      seed: { type: "string", default: "20261128" },
      sample: { type: "string", default: "1000" },
    },
  });
  const count = Number(values.count);
  return {
    form: values.form,
    count,
    invalid: Number(values.invalid),
    seed: Number(values.seed),
    sample: values.sample === "all" ? count : Number(values.sample),
  };
}

function printMachine(): void {
  const cpu = cpus()[0];
  console.log(
    `machine          ${availableParallelism()} cores (${cpu?.model ?? "unknown cpu"}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${new Date().toISOString()}`,
  );
}

function ms(since: number): string {
  return `${Math.round(performance.now() - since)} ms`;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function fmt(n: number): string {
  return n >= 100 ? Math.round(n).toLocaleString("en-US") : n.toFixed(1);
}
