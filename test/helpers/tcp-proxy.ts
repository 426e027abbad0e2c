import { createServer, connect, type Server, type Socket } from "node:net";

/**
 * A TCP proxy in front of the shared PostgreSQL or Redis, which a test can cut: one API process sees its
 * server go down while every other test on the machine keeps using the real one, untouched.
 * - `cut()`: the server is gone (crash, restart): open connections are reset, new ones refused (reset at once);
 * - `stall()`: the network drops everything (a partition): connections stay open but nothing passes either
 *   way, and new ones are accepted but never reach the server;
 * - `sever()`: the network forgets the connections open now (a NAT or firewall dropping idle flows): nothing
 *   passes on them ever again and neither end is told, even when the other closes; new connections pass;
 * - `restore()`: back to forwarding; stalled connections resume where they stopped.
 */
export interface TcpProxy {
  /** `url` (a postgres:// or redis:// URL of the real server) with its host and port replaced by the proxy's. */
  through(url: string): string;
  cut(): void;
  stall(): void;
  sever(): void;
  restore(): void;
  close(): Promise<void>;
}

type Mode = "open" | "cut" | "stalled";

export async function tcpProxy(target: string): Promise<TcpProxy> {
  const { hostname, port } = new URL(target);
  let mode: Mode = "open";
  type Pair = { client: Socket; server: Socket | null; severed?: boolean };
  const pairs = new Set<Pair>();
  const severed = new Set<Pair>();

  const flow = (pair: Pair) => {
    if (!pair.server) pair.server = upstream(pair);
    pair.client.pipe(pair.server);
    pair.server.pipe(pair.client);
  };
  const halt = (pair: Pair) => {
    pair.client.unpipe();
    pair.client.pause();
    pair.server?.unpipe();
    pair.server?.pause();
  };
  const upstream = (pair: Pair) => {
    const server = connect(Number(port), hostname);
    server.on("error", () => (pair.severed ? undefined : pair.client.destroy()));
    server.on("close", () => (pair.severed ? undefined : pair.client.destroy()));
    return server;
  };

  const proxy: Server = createServer((client) => {
    if (mode === "cut") return void client.resetAndDestroy();
    const pair: Pair = { client, server: null };
    pairs.add(pair);
    client.on("error", () => {});
    client.on("close", () => {
      if (pair.severed) return;
      pair.server?.destroy();
      pairs.delete(pair);
    });
    if (mode === "open") flow(pair);
    else client.pause();
  });
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  const proxyPort = (proxy.address() as { port: number }).port;

  return {
    through(url) {
      const proxied = new URL(url);
      proxied.hostname = "127.0.0.1";
      proxied.port = String(proxyPort);
      return proxied.toString();
    },
    cut() {
      mode = "cut";
      for (const pair of pairs) {
        pair.server?.destroy();
        pair.client.resetAndDestroy();
      }
      pairs.clear();
    },
    stall() {
      mode = "stalled";
      for (const pair of pairs) halt(pair);
    },
    sever() {
      for (const pair of pairs) {
        pair.severed = true;
        halt(pair);
        severed.add(pair);
      }
      pairs.clear();
    },
    restore() {
      const was = mode;
      mode = "open";
      if (was === "stalled") for (const pair of pairs) flow(pair);
    },
    async close() {
      for (const pair of [...pairs, ...severed]) {
        pair.server?.destroy();
        pair.client.destroy();
      }
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
    },
  };
}
