import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, freemem, loadavg, release, totalmem } from "node:os";
import { fileURLToPath } from "node:url";

const RESULTS = fileURLToPath(new URL("./results/", import.meta.url));

/**
 * Writes a bench's figures to bench/results/<bench>-<UTC date and time>.json, with the machine they were
 * measured on and the settings of the run, so that bench/README.md quotes a file rather than figures
 * copied by hand. Returns the file's path.
 */
export function writeResults(bench: string, settings: unknown, results: unknown): string {
  const date = new Date().toISOString();
  const machine = {
    cpus: cpus().length,
    cpu: cpus()[0]?.model ?? "unknown",
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    freeMemoryGiB: Math.round(freemem() / 2 ** 30),
    // The machine is often shared: the load during the run explains figures that move between runs.
    loadAverage: loadavg().map((n) => Number(n.toFixed(1))),
    os: `${process.platform} ${release()}`,
    node: process.version,
  };
  mkdirSync(RESULTS, { recursive: true });
  const path = `${RESULTS}${bench}-${date.slice(0, 16).replace(":", "")}.json`;
  writeFileSync(path, `${JSON.stringify({ bench, date, machine, settings, results }, null, 2)}\n`);
  console.log(`results written to ${path}`);
  return path;
}
