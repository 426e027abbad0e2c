import { readdirSync, readFileSync } from "node:fs";
import pg from "pg";

/**
 * --profile: every statement sent to PostgreSQL during the integration (BEGIN and COMMIT included),
 * timed from the worker's side (round trip, server time and lock waits) and grouped by its first words,
 * plus the worker's own CPU time. pg's Client.query is wrapped, below MikroORM and knex, so that the
 * statements the pipeline sends with plain SQL are counted too.
 */
export function profileQueries() {
  const statements = new Map<string, { count: number; ms: number; bytes: number }>();
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  const record = (text: string, started: number, bytes: number) => {
    const kind =
      text
        .replace(/\s+/g, " ")
        .trim()
        .replace(/^\(/, "")
        .match(/^(with .*?(?= select)|select .*? from "?\w+"?|insert into "?\w+"?|update "?\w+"?|delete from "?\w+"?|\w+)/i)?.[0] ??
      text.slice(0, 40);
    const stat = statements.get(kind.slice(0, 60)) ?? { count: 0, ms: 0, bytes: 0 };
    stat.count++;
    stat.bytes += bytes;
    stat.ms += performance.now() - started;
    statements.set(kind.slice(0, 60), stat);
  };
  proto.query = function (this: unknown, ...args: unknown[]) {
    const text = typeof args[0] === "string" ? args[0] : String((args[0] as { text?: string }).text ?? "");
    // What the statement sends: its text and its parameters (a batch's JSON).
    const values = (Array.isArray(args[1]) ? args[1] : (args[0] as { values?: unknown[] }).values) ?? [];
    const bytes = text.length + values.reduce<number>((n, v) => n + (typeof v === "string" ? v.length : 0), 0);
    const started = performance.now();
    const callback = args[args.length - 1];
    if (typeof callback === "function") {
      args[args.length - 1] = (...results: unknown[]) => {
        record(text, started, bytes);
        return callback(...results);
      };
      return original.apply(this, args);
    }
    const result = original.apply(this, args);
    if (result instanceof Promise) return result.finally(() => record(text, started, bytes));
    return result;
  };
  const cpu = process.cpuUsage();
  const serverCpu = postgresCpuMs();
  return {
    report(households: number, seconds: number) {
      proto.query = original;
      const used = process.cpuUsage(cpu);
      const server = [...postgresCpuMs()]
        .map(([kind, ms]) => [kind, (ms - (serverCpu.get(kind) ?? 0)) / households] as const)
        .filter(([, ms]) => ms >= 0.005);
      const total = server.reduce((t, [, ms]) => t + ms, 0);
      console.log(
        `PostgreSQL's CPU per household: ${total.toFixed(2)} ms (${server
          .sort((a, b) => b[1] - a[1])
          .map(([kind, ms]) => `${kind} ${ms.toFixed(2)}`)
          .join(", ")})`,
      );
      const rows = [...statements].sort((a, b) => b[1].ms - a[1].ms);
      const perHousehold = (ms: number) => (ms / households).toFixed(2);
      const count = rows.reduce((t, [, s]) => t + s.count, 0);
      console.log(
        `per household: wall ${perHousehold(seconds * 1000)} ms, worker CPU ${perHousehold((used.user + used.system) / 1000)} ms, ${(count / households).toFixed(2)} statements taking ${perHousehold(rows.reduce((t, [, s]) => t + s.ms, 0))} ms (summed over concurrent jobs)`,
      );
      for (const [kind, s] of rows.slice(0, 20)) {
        console.log(
          `  ${perHousehold(s.ms).padStart(7)} ms  ${(s.count / households).toFixed(2).padStart(6)} ×  ${(s.bytes / households / 1024).toFixed(1).padStart(6)} KiB  ${kind}`,
        );
      }
    },
  };
}

/**
 * CPU time (ms) used so far by this machine's PostgreSQL processes, by kind (the process title without
 * its details: "postgres rsu_bench_integrate" for our backends, "checkpointer", "autovacuum worker"…).
 * Linux /proc; nothing elsewhere.
 */
function postgresCpuMs(): Map<string, number> {
  const tick = 1000 / 100; // USER_HZ
  const used = new Map<string, number>();
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      if (!stat.includes("(postgres)")) continue;
      // utime, stime, cutime, cstime: fields 14 to 17, counted after the command's closing parenthesis.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const title = readFileSync(`/proc/${pid}/cmdline`, "utf8")
        .replace(/\0/g, " ")
        .replace(/^postgres: (15\/main: )?/, "")
        .split(" ")
        .slice(0, 2)
        .join(" ")
        .trim();
      used.set(title, (used.get(title) ?? 0) + (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) * tick);
    } catch {
      // the process ended meanwhile
    }
  }
  return used;
}
