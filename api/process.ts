import { ConfigError, loadConfig, type AppConfig } from "./config";

/**
 * What every entry point (API, workers, both) does first and last: read the configuration once, stopping
 * with one line when it is wrong, and close what it opened on SIGTERM or SIGINT, once.
 */
export function configOrExit(name: string): AppConfig {
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`${name}: configuration error: ${error.message}`);
    process.exit(1);
  }
}

export function closeOnSignal(log: (signal: string) => void, close: () => Promise<void>): void {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(signal);
    await close();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}
