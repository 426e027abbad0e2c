/**
 * The field runtime on a slow link (issue #18): bytes on the wire and time to the first question of the
 * demo questionnaire, for a first visit (a fresh browser profile: sign-in, list, « Remplir ») and a repeat
 * visit (same profile, the service worker installed), on an unthrottled link and on "Slow 3G".
 *
 *   npx tsx bench/runtime.ts             # both links, 3 runs each (medians)
 *   npx tsx bench/runtime.ts --runs 1
 *   npx tsx bench/runtime.ts --members 60 --cpu 4   # the roster's size and the CPU slowdown (the defaults)
 *   npx tsx bench/runtime.ts --runs 0 --profile 1   # the roster alone, its typing's CPU profile in bench/results/
 *
 * The link is simulated by a proxy of this bench between Chromium and the API rather than by Chromium's
 * own throttling: DevTools throttling applies to the page, not to the service worker's requests, whose
 * precaching shares the clerk's link on a first visit. Slow 3G is DevTools' profile: 400 kbit/s each way,
 * 400 ms round trip (200 ms each way on every chunk). Bytes are counted at the proxy, both directions,
 * headers included, so they are what a metered SIM card pays for.
 *
 * Then a household of 60 members is reopened and a name typed in it under a 4× CPU slowdown, each
 * keystroke timed (bench/runtime-roster.ts), on the unthrottled link.
 *
 * Its own database (rsu_bench_runtime on DATABASE_URL's server), dropped at the end; builds dist/ first.
 */
import { createServer, connect, type Server, type Socket } from "node:net";
import { fileURLToPath } from "node:url";
import type { BrowserContext } from "playwright-core";
import { dropDatabase } from "../api/db/create-database";
import { createLogger } from "../api/log";
import { startApi } from "../api/runtime";
import { systemActor } from "../api/auth/actor";
import { createApiToken } from "../api/services/api-tokens";
import { parseArgs } from "./parse-args";
import { measureRoster, type RosterFigures } from "./runtime-roster";
import { openQuestionnaire, runtimeBenchSetup, signInAndOpen, untilReadyOffline } from "./runtime-visit";
import { writeResults } from "./results-file";
import { launchChromium } from "../test/helpers/browser";

const args = parseArgs(process.argv.slice(2), { runs: 3, members: 60, cpu: 4, profile: 0 });
const DIST = fileURLToPath(new URL("../dist", import.meta.url));
const log = (message: string) => console.log(`[runtime bench] ${message}`);

interface Link {
  name: string;
  /** Bytes per second each way; Infinity: no limit. */
  bytesPerSecond: number;
  /** Added to every chunk each way: half the round trip. */
  oneWayMs: number;
}

const LINKS: Link[] = [
  { name: "unthrottled", bytesPerSecond: Number.POSITIVE_INFINITY, oneWayMs: 0 },
  { name: "slow-3g", bytesPerSecond: 400_000 / 8, oneWayMs: 200 },
];

/** Chunks are cut this small so a large answer trickles in, as on a real slow link, rather than in bursts. */
const SLICE = 4_096;

/** One direction of the shared link: a queue that delivers each slice after the previous ones and the latency. */
class Direction {
  bytes = 0;
  private freeAt = 0;
  constructor(private readonly link: Link) {}

  /** Delivers `chunk` to `to` as the link would, in order. */
  carry(chunk: Buffer, to: Socket) {
    for (let at = 0; at < chunk.length; at += SLICE) {
      const slice = chunk.subarray(at, at + SLICE);
      this.bytes += slice.length;
      const now = performance.now();
      this.freeAt = Math.max(this.freeAt, now) + (slice.length / this.link.bytesPerSecond) * 1000;
      const delay = this.freeAt + this.link.oneWayMs - now;
      if (delay <= 0) to.write(slice);
      else setTimeout(() => to.destroyed || to.write(slice), delay);
    }
  }
}

/** A TCP proxy that is the clerk's link: shared by every connection the browser opens. */
function startLink(link: Link, upstreamPort: number): Promise<{ server: Server; port: number; down: Direction; up: Direction }> {
  const down = new Direction(link);
  const up = new Direction(link);
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(upstreamPort, "127.0.0.1");
    sockets.add(client).add(upstream);
    client.on("data", (chunk) => up.carry(chunk, upstream));
    upstream.on("data", (chunk) => down.carry(chunk, client));
    const close = () => {
      // Whatever is still in flight on the link arrives before the end.
      setTimeout(() => {
        client.destroy();
        upstream.destroy();
      }, link.oneWayMs + 50);
    };
    client.on("close", close).on("error", close);
    upstream.on("close", close).on("error", close);
  });
  server.on("close", () => {
    for (const socket of sockets) socket.destroy();
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      resolve({ server, port: typeof address === "object" && address ? address.port : 0, down, up });
    }),
  );
}

interface Visit {
  /** Server to browser, then browser to server, in bytes, from the address typed to the first question. */
  bytesDown: number;
  bytesUp: number;
  /** From the address typed to the first question shown (the sign-in typed at once on a first visit). */
  toFirstQuestionMs: number;
  /** From « Remplir » to the first question shown. */
  afterFillMs: number;
}

interface FirstVisit extends Visit {
  /** Until the app and the questionnaire are kept for offline use (the service worker's precache done). */
  readyOfflineMs: number;
  readyOfflineBytesDown: number;
}

/** The same profile opens the runtime again and taps « Remplir »: bytes and times of that visit alone. */
async function visitAgain(context: BrowserContext, url: string, proxy: { down: Direction; up: Direction }): Promise<Visit> {
  proxy.down.bytes = 0;
  proxy.up.bytes = 0;
  const page = await context.newPage();
  const start = performance.now();
  await page.goto(url, { timeout: 180_000 });
  const afterFillMs = await openQuestionnaire(page);
  const visit = { bytesDown: proxy.down.bytes, bytesUp: proxy.up.bytes, toFirstQuestionMs: performance.now() - start, afterFillMs };
  await page.close();
  return visit;
}

type Visits = { first: FirstVisit; repeat: Visit; routine: Visit };

async function visits(link: Link, apiPort: number): Promise<Visits> {
  const proxy = await startLink(link, apiPort);
  const url = `http://127.0.0.1:${proxy.port}/runtime/`;
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ locale: "fr-FR", viewport: { width: 1024, height: 768 } });
    const page = await context.newPage();

    const start = performance.now();
    const afterFillMs = await signInAndOpen(page, url);
    const first = {
      bytesDown: proxy.down.bytes,
      bytesUp: proxy.up.bytes,
      toFirstQuestionMs: performance.now() - start,
      afterFillMs,
    };
    await untilReadyOffline(page);
    const readyOfflineMs = performance.now() - start;
    const readyOfflineBytesDown = proxy.down.bytes;
    await page.close();

    // The clerk comes back the next day (same profile, still signed in), then on the days after. The second
    // visit is where Chromium compiles the app's modules for its code cache; from the third on it reads
    // them from that cache, as a tablet does every working day.
    const repeat = await visitAgain(context, url, proxy);
    const routine = await visitAgain(context, url, proxy);
    return { first: { ...first, readyOfflineMs, readyOfflineBytesDown }, repeat, routine };
  } finally {
    await browser.close();
    await new Promise((resolve) => proxy.server.close(resolve));
  }
}

function median<T>(runs: T[], pick: (run: T) => number): number {
  const values = runs.map(pick).sort((a, b) => a - b);
  return Math.round(values[Math.floor(values.length / 2)]!);
}

async function main() {
  log("building dist/");
  const { config, orm } = await runtimeBenchSetup();
  const api = await startApi(config, orm, createLogger("warn", "bench:runtime"), DIST);
  const results: Record<string, Record<keyof Visits, Record<string, number>>> = {};
  let roster: RosterFigures;
  try {
    // --runs 0: the roster alone.
    for (const link of args.runs > 0 ? LINKS : []) {
      const runs: Visits[] = [];
      for (let i = 0; i < args.runs; i++) {
        const run = await visits(link, api.port);
        log(`${link.name} run ${i + 1}: ${JSON.stringify(run)}`);
        runs.push(run);
      }
      const keys = <T extends object>(pick: (run: Visits) => T) =>
        Object.fromEntries(Object.keys(pick(runs[0]!)).map((key) => [key, median(runs, (r) => (pick(r) as Record<string, number>)[key]!)]));
      results[link.name] = { first: keys((r) => r.first), repeat: keys((r) => r.repeat), routine: keys((r) => r.routine) };
    }
    const token = (await createApiToken(orm.em.fork(), systemActor("bench"), { username: "admin", name: "bench" })).secret;
    const profile = args.profile ? fileURLToPath(new URL(`results/roster-${Date.now()}.cpuprofile`, import.meta.url)) : undefined;
    roster = await measureRoster(`http://127.0.0.1:${api.port}`, token, args.members, args.cpu, profile);
    if (profile) log(`CPU profile of the typing: ${profile}`);
  } finally {
    await api.close();
    await orm.close();
    await dropDatabase(config.databaseUrl);
  }
  console.table(
    Object.entries(results).flatMap(([link, { first, repeat, routine }]) => [
      {
        link,
        visit: "first",
        "kB down": Math.round(first.bytesDown! / 1000),
        "kB up": Math.round(first.bytesUp! / 1000),
        "to 1st question (s)": first.toFirstQuestionMs! / 1000,
        "after Remplir (s)": first.afterFillMs! / 1000,
        "ready offline (s)": first.readyOfflineMs! / 1000,
        "kB until ready offline": Math.round(first.readyOfflineBytesDown! / 1000),
      },
      ...Object.entries({ repeat, routine }).map(([visit, figures]) => ({
        link,
        visit,
        "kB down": Math.round(figures.bytesDown! / 1000),
        "kB up": Math.round(figures.bytesUp! / 1000),
        "to 1st question (s)": figures.toFirstQuestionMs! / 1000,
        "after Remplir (s)": figures.afterFillMs! / 1000,
      })),
    ]),
  );
  log(`roster: ${JSON.stringify(roster)}`);
  writeResults(
    "runtime",
    { links: LINKS.map((l) => ({ ...l, bytesPerSecond: String(l.bytesPerSecond) })), ...args },
    { ...results, roster },
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
