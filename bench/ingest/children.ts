import { type ChildProcess, fork } from "node:child_process";
import { cpuSecondsOf } from "./process-cpu";

export type Role = "api" | "bare" | "workers";

/** The API's event loop delay since the last ask (ms), as monitorEventLoopDelay measures it. */
export interface EventLoopDelay {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export interface Child {
  port: number;
  process: ChildProcess;
  /** CPU seconds used so far (user + system, from /proc): what a phase cost each process. */
  cpuSeconds(): number;
  /** The event loop delay since the last call; null from a child that does not measure it (a baseline checkout's). */
  eventLoopDelay(): Promise<EventLoopDelay | null>;
  /** Asks it to stop (SIGTERM: a profiled API writes its profile) and waits until it has. */
  stop(): Promise<void>;
}

/**
 * One server of the bench in a child process of its own, running `entry` with RSU_BENCH_ROLE=role (this
 * process only generates load). Resolves once it listens (the port it sends back).
 */
export function child(entry: string, role: Role, env: NodeJS.ProcessEnv, execArgv: string[] = []): Promise<Child> {
  const proc = fork(entry, [], { env: { ...env, RSU_BENCH_ROLE: role }, execArgv: ["--import", "tsx", ...execArgv] });
  const exited = new Promise<void>((resolve) => proc.once("exit", () => resolve()));
  return new Promise((resolve, reject) => {
    proc.once("message", (m) =>
      resolve({
        port: (m as { port: number }).port,
        process: proc,
        cpuSeconds: () => cpuSecondsOf(proc.pid!),
        eventLoopDelay: () => ask(proc),
        async stop() {
          proc.kill("SIGTERM");
          await exited;
        },
      }),
    );
    proc.once("exit", (code) => reject(new Error(`${role} exited with ${code}`)));
  });
}

function ask(proc: ChildProcess): Promise<EventLoopDelay | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      proc.off("message", answer);
      resolve(null);
    }, 1_000);
    function answer(m: unknown) {
      const delay = (m as { eventLoopDelay?: EventLoopDelay }).eventLoopDelay;
      if (!delay) return;
      clearTimeout(timer);
      proc.off("message", answer);
      resolve(delay);
    }
    proc.on("message", answer);
    proc.send("eventLoopDelay");
  });
}
