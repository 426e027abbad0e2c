import { spawn } from "node:child_process";
import type { Readable, Writable } from "node:stream";
import { databaseName } from "../db/create-database";
import { BackupError } from "./backup-error";

/*
 * pg_dump and pg_restore do the dumping and restoring (issue #16: never re-implement a dump format). They
 * get the connection through libpq's environment variables, not their command line: a password on a
 * command line is visible to every user of the machine (`ps`).
 */

/** libpq's environment for a postgres:// URL. */
export function libpqEnvironment(databaseUrl: string): Record<string, string> {
  const url = new URL(databaseUrl);
  const env: Record<string, string> = { PGDATABASE: databaseName(databaseUrl) };
  if (url.hostname) env.PGHOST = decodeURIComponent(url.hostname.replace(/^\[|\]$/g, ""));
  if (url.port) env.PGPORT = url.port;
  if (url.username) env.PGUSER = decodeURIComponent(url.username);
  if (url.password) env.PGPASSWORD = decodeURIComponent(url.password);
  const sslmode = url.searchParams.get("sslmode");
  if (sslmode) env.PGSSLMODE = sslmode;
  // A host given as ?host=/run/postgresql (a Unix socket) wins, as in libpq.
  const host = url.searchParams.get("host");
  if (host) env.PGHOST = host;
  return env;
}

export interface PgTool {
  /** Resolves when the tool exited 0; rejects with its last error lines otherwise. */
  done: Promise<void>;
}

function run(tool: string, args: string[], databaseUrl: string, io: { input?: Readable; output?: Writable }): PgTool {
  const child = spawn(tool, args, {
    env: { ...process.env, ...libpqEnvironment(databaseUrl) },
    stdio: [io.input ? "pipe" : "ignore", io.output ? "pipe" : "ignore", "pipe"],
  });
  let errors = "";
  child.stderr!.on("data", (chunk: Buffer) => {
    errors = (errors + chunk.toString()).slice(-4_000);
  });
  if (io.input) {
    io.input.pipe(child.stdin!);
    // pg_restore stops reading after an error: the input's broken pipe is the tool's failure, told below.
    child.stdin!.on("error", () => {});
  }
  if (io.output) child.stdout!.pipe(io.output, { end: false });
  const done = new Promise<void>((resolve, reject) => {
    let inputError: Error | null = null;
    io.input?.on("error", (error) => {
      inputError = error;
      child.kill();
    });
    child.on("error", (error) =>
      reject(
        (error as NodeJS.ErrnoException).code === "ENOENT"
          ? new BackupError(
              "tool_missing",
              `${tool} est introuvable : installez postgresql-client`,
              `${tool} not found: install postgresql-client`,
            )
          : error,
      ),
    );
    child.on("close", (code) => {
      if (inputError) reject(inputError);
      else if (code === 0) resolve();
      else
        reject(
          new BackupError(`${tool.replace(/\W/g, "_")}_failed`, `${tool} a échoué : ${errors.trim()}`, `${tool} failed (exit ${code})`),
        );
    });
  });
  return { done };
}

/** pg_dump's custom format of the whole database, in the snapshot `snapshot`, written to `output`. */
export function pgDump(databaseUrl: string, snapshot: string, output: Writable): PgTool {
  return run("pg_dump", ["--format=custom", `--snapshot=${snapshot}`, "--no-password"], databaseUrl, { output });
}

/**
 * Restores a custom-format dump read from `input` into the (empty) database of `databaseUrl`. Objects
 * belong to the restoring role (the schema's owner); grants to the application role are kept.
 */
export function pgRestore(databaseUrl: string, input: Readable): PgTool {
  return run("pg_restore", ["--no-owner", "--exit-on-error", "--no-password", `--dbname=${databaseName(databaseUrl)}`], databaseUrl, {
    input,
  });
}

export async function pgDumpVersion(): Promise<string> {
  return new Promise((resolve) => {
    const child = spawn("pg_dump", ["--version"], { stdio: ["ignore", "pipe", "ignore"] });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk));
    child.on("error", () => resolve("pg_dump"));
    child.on("close", () => resolve(out.trim() || "pg_dump"));
  });
}
