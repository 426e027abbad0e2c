import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { MikroORM } from "@mikro-orm/postgresql";
import type { AppConfig } from "./config";
import { openDatabase } from "./db/database";
import { DEMO_ACCOUNTS } from "./db/seeders/demo-accounts";
import { seedDemo } from "./db/seeders/seed-demo";
import { DEMO_REGISTRY, seedDemoRegistry } from "./db/seeders/seed-demo-registry";
import { createLogger, type Logger } from "./log";
import { startApi } from "./runtime";

export interface ApiProcess {
  orm: MikroORM;
  logger: Logger;
  /** Prints the addresses (and the demo accounts) for the person who started it. */
  announce(workers: string): void;
  logStop(signal: string): void;
  close(): Promise<void>;
}

/** Migrates, seeds the demo when asked, and serves the API with the built front ends (dist/) if present. */
export async function startApiProcess(config: AppConfig, { demo }: { demo: boolean }): Promise<ApiProcess> {
  const logger = createLogger(config.logLevel, "api");
  const orm = await openDatabase(config.databaseUrl, { migrate: true, migrationUrl: config.migrationDatabaseUrl });
  if (demo) {
    await seedDemo(orm.em.fork());
    // Through the outbox: the workers started beside the API integrate them, as field data.
    await seedDemoRegistry(orm.em.fork(), DEMO_REGISTRY, (line) => console.log(line));
  }
  const distRoot = fileURLToPath(new URL("../dist", import.meta.url));
  const api = await startApi(config, orm, logger, existsSync(distRoot) ? distRoot : null);
  const base = `http://${config.host.includes(":") ? `[${config.host}]` : config.host}:${api.port}`;
  return {
    orm,
    logger,
    announce(workers) {
      console.log(`
rsu is running / rsu est démarré
  Saisie (runtime)      ${base}/runtime/
  Registre (designer)   ${base}/designer/
  Guide                 ${base}/guide/
  API                   ${base}/api/forms   ·   ${base}/readyz
  Workers               ${workers}`);
      if (demo) {
        console.log("  Demo accounts / comptes de démonstration:");
        for (const a of DEMO_ACCOUNTS) console.log(`    ${a.roles[0]!.padEnd(10)} ${a.username.padEnd(12)} ${a.password}`);
      }
      if (!config.surveyJsLicenseKey)
        console.log("  SURVEYJS_LICENSE_KEY is not set: the mask designer will show SurveyJS's licence banner.");
    },
    logStop: (signal) => logger.info("stopping", { signal }),
    async close() {
      await api.close();
      await orm.close();
    },
  };
}
