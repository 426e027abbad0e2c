import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse";
import { rowsAfterHeader, UnreadableSource, type SourceReading } from "./source-file";

/**
 * A Stata (.dta) or SPSS (.sav) file, read by Debian's ReadStat (STACK.md), never by a hand-written
 * format reader: `readstat file -` streams the data as CSV, `extract_metadata` gives the variable labels
 * that the mapping suggestions read. Numbers come as "30.000000" and are written back as "30".
 */
export async function readstatSource(path: string): Promise<SourceReading> {
  const { labels, numeric } = await metadata(path);
  const child = spawn("readstat", [path, "-"], { stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk) => {
    stderr = (stderr + chunk).slice(-2000);
  });
  const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
  child.on("error", () => {}); // reported by the exit code below
  const parser = child.stdout.pipe(parse({ relax_column_count: true, info: true }));
  async function* records() {
    let columns: string[] | null = null;
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (!columns) columns = record;
      // ReadStat counts rows from 1 under the header, as the file's own viewer would.
      yield {
        cells: columns === record ? record : record.map((cell, i) => (numeric.has(columns![i]!) ? plainNumber(cell) : cell)),
        line: info.lines,
      };
    }
    if ((await exited) !== 0) throw new UnreadableSource(`readstat failed: ${stderr.split("\n")[0]}`);
  }
  return rowsAfterHeader(records(), { labels, encoding: null, delimiter: null });
}

/** "30.000000" → "30", "2.500000" → "2.5"; a missing value (empty) stays empty. */
function plainNumber(cell: string): string {
  if (!/^-?\d+(\.\d+)?$/.test(cell)) return cell;
  return cell.includes(".") ? cell.replace(/\.?0+$/, "") : cell;
}

async function metadata(path: string): Promise<{ labels: Record<string, string>; numeric: Set<string> }> {
  const dir = await mkdtemp(join(tmpdir(), "rsu-readstat-"));
  try {
    const out = join(dir, "metadata.json");
    const code = await new Promise<number | null>((resolve) => {
      const child = spawn("extract_metadata", [path, out], { stdio: "ignore" });
      child.on("error", () => resolve(-1));
      child.on("close", resolve);
    });
    // extract_metadata may exit 0 without writing anything for a file it cannot read.
    const written = code === 0 ? await readFile(out, "utf8").catch(() => null) : null;
    if (written === null) throw new UnreadableSource("not a Stata or SPSS file ReadStat can read");
    const parsed = JSON.parse(written) as { variables?: { name: string; type: string; label?: string }[] };
    const variables = parsed.variables ?? [];
    return {
      labels: Object.fromEntries(variables.filter((v) => v.label).map((v) => [v.name, v.label!])),
      numeric: new Set(variables.filter((v) => v.type === "NUMERIC").map((v) => v.name)),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
