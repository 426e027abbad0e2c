/**
 * `npm start`: the API and the workers in one process, the simplest installation. In production they may
 * run apart (api/server.ts, workers/main.ts), as many of each as needed.
 *   tsx scripts/start.ts [--demo]
 *
 * Started with V8's old space capped at 256 MiB (package.json, docs/deploy/*.service): a bulk import
 * (issue #19) keeps no rows (85 to 89 MiB of heap are left after a full collection at 20,000 households),
 * but with V8's default limit (a quarter of the machine's memory) the heap grows lazily
 * with the work done before it collects: 565 MiB of RSS at 20,000 households, more for larger files. With
 * the cap it stays near 300 MiB, under the issue's 400 MB (bench/README.md, import.ts).
 */
import { closeOnSignal, configOrExit } from "../api/process";
import { startApiProcess } from "../api/start-api";
import { startWorkers } from "../workers/start-workers";

const config = configOrExit("rsu");
const api = await startApiProcess(config, { demo: process.argv.includes("--demo") });
const workers = startWorkers(config, api.orm, api.logger);
api.announce("in this process / dans ce processus");
closeOnSignal(api.logStop, async () => {
  await workers.close();
  await api.close();
});
