import { spawn, type ChildProcess } from "node:child_process";
import type { AppConfig } from "../../api/config";

export interface ApiProcess {
  url: string;
  child: ChildProcess;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
}

/**
 * A real API process (api/server.ts) on a test's database and queue: another instance behind the same load
 * balancer, or one to kill -9. Node with tsx's loader, not the tsx CLI, so that a kill reaches the server
 * itself. Resolves once it listens, with its address read from what it prints.
 */
export function spawnApi(config: AppConfig, env: Record<string, string> = {}): Promise<ApiProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "api/server.ts"], {
    env: {
      ...process.env,
      DATABASE_URL: config.databaseUrl,
      REDIS_URL: config.redisUrl,
      QUEUE_PREFIX: config.queuePrefix,
      AUDIT_ANCHOR_FILE: config.audit.anchorFile,
      HOST: "127.0.0.1",
      PORT: "0",
      LOG_LEVEL: "error",
      ...env,
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let printed = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      printed += chunk.toString();
      const port = /API\s+http:\/\/127\.0\.0\.1:(\d+)\//.exec(printed)?.[1];
      if (port) resolve({ url: `http://127.0.0.1:${port}`, child, exited });
    });
    void exited.then((code) => reject(new Error(`the API process exited with ${code} before listening`)));
  });
}
