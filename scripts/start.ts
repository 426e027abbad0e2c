/**
 * `npm start`: the API and the workers in one process, the simplest installation. In production they may
 * run apart (api/server.ts, workers/main.ts), as many of each as needed.
 *   tsx scripts/start.ts [--demo]
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
