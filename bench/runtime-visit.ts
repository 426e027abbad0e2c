import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { build } from "vite";
import { loadConfig } from "../api/config";
import { dropDatabase } from "../api/db/create-database";
import { openDatabase } from "../api/db/database";
import { seedDemo } from "../api/db/seeders/seed-demo";

/** The demo's clerk, as bench/runtime.ts and bench/runtime-ab.ts sign in. */
const CLERK = { username: "agent", password: "agent-demo-2026" };

/** Taps « Remplir » as soon as it shows; the time from the tap to the first question shown. */
export async function openQuestionnaire(page: Page): Promise<number> {
  const fill = page.getByRole("button", { name: /^Remplir le questionnaire/ }).first();
  await fill.waitFor({ timeout: 180_000 });
  const clicked = performance.now();
  await fill.click();
  await page.locator('[data-name="island"]').waitFor({ timeout: 180_000 });
  return performance.now() - clicked;
}

/** A first visit: the runtime opened at `url`, the sign-in typed at once, « Remplir » tapped. */
export async function signInAndOpen(page: Page, url: string): Promise<number> {
  await page.goto(url, { timeout: 180_000 });
  await page.getByLabel("Identifiant").fill(CLERK.username);
  await page.getByLabel("Mot de passe").fill(CLERK.password);
  await page.getByRole("button", { name: "Se connecter" }).click();
  return openQuestionnaire(page);
}

/** Until the app and the questionnaire are kept for offline use (the service worker's precache done). */
export async function untilReadyOffline(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 300_000 });
  await page.waitForFunction(async () => (await (await caches.open("rsu-form-versions")).keys()).length > 0, undefined, {
    timeout: 300_000,
    polling: 250,
  });
}

/**
 * What the runtime benches serve: dist/ built from this checkout, and their own database
 * (rsu_bench_runtime on DATABASE_URL's server) made afresh and seeded with the demo.
 */
export async function runtimeBenchSetup() {
  const base = loadConfig(process.env);
  const database = new URL(base.databaseUrl);
  database.pathname = "/rsu_bench_runtime";
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: database.toString(),
    MIGRATION_DATABASE_URL: database.toString(),
    PORT: "0",
    HOST: "127.0.0.1",
    QUEUE_PREFIX: "rsu_bench_runtime",
    LOG_LEVEL: "warn",
  });
  // After the configuration is read: Vite's build sets NODE_ENV=production in this process.
  await build({ configFile: fileURLToPath(new URL("../vite.config.ts", import.meta.url)), logLevel: "error" });
  await dropDatabase(config.databaseUrl);
  const orm = await openDatabase(config.databaseUrl, { migrate: true });
  await seedDemo(orm.em.fork());
  return { config, orm };
}
