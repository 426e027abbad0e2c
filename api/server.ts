/**
 * Entry point of an API process alone (the workers run elsewhere: `npm run workers`). `--demo` seeds the
 * demo data (idempotent). Migrations are applied at every start. `npm start` runs API and workers in one
 * process: scripts/start.ts.
 *   tsx api/server.ts [--demo]
 */
import { closeOnSignal, configOrExit } from "./process";
import { startApiProcess } from "./start-api";

const config = configOrExit("rsu");
const api = await startApiProcess(config, { demo: process.argv.includes("--demo") });
api.announce("not started here (npm run workers) / non démarrés ici");
closeOnSignal(api.logStop, api.close);
