/** COPY … FROM STDIN through pg's client, without pg-copy-streams (not a dependency), for bench/integrate.ts. */
import type pg from "pg";

/** A query pg's client runs like any other: it sends the COPY, then our rows when the server asks. */
class CopyIn {
  private resolve!: () => void;
  private reject!: (e: unknown) => void;
  readonly done = new Promise<void>((res, rej) => {
    this.resolve = res;
    this.reject = rej;
  });
  constructor(
    private readonly text: string,
    private readonly rows: Iterable<string>,
  ) {}
  submit(connection: any) {
    connection.query(this.text);
  }
  handleCopyInResponse(connection: any) {
    void (async () => {
      let chunk = "";
      for (const row of this.rows) {
        chunk += row;
        if (chunk.length > 1 << 20) {
          connection.sendCopyFromChunk(Buffer.from(chunk));
          chunk = "";
          if (connection.stream.writableNeedDrain) await new Promise((r) => connection.stream.once("drain", r));
        }
      }
      if (chunk) connection.sendCopyFromChunk(Buffer.from(chunk));
      connection.endCopyFrom();
    })().catch((e) => connection.sendCopyFail(String(e)));
  }
  handleCommandComplete() {}
  handleReadyForQuery() {
    this.resolve();
  }
  handleError(error: unknown) {
    this.reject(error);
  }
  handleRowDescription() {}
  handleDataRow() {}
  handleEmptyQuery() {}
  handleCopyData() {}
}

export async function copyIn(client: pg.Client, table: string, columns: string[], rows: Iterable<string>): Promise<void> {
  const copy = new CopyIn(`copy ${table} (${columns.map((c) => `"${c}"`).join(", ")}) from stdin`, rows);
  client.query(copy as any);
  await copy.done;
}

/** COPY text format: tabs, newlines and backslashes escaped, NULL as \N (docs/STACK.md). */
export function line(values: unknown[]): string {
  return `${values
    .map((v) =>
      v === null || v === undefined
        ? "\\N"
        : String(typeof v === "object" ? JSON.stringify(v) : v)
            .replace(/\\/g, "\\\\")
            .replace(/\t/g, "\\t")
            .replace(/\n/g, "\\n")
            .replace(/\r/g, "\\r"),
    )
    .join("\t")}\n`;
}
