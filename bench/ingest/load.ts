import { randomUUID } from "node:crypto";
import { loadavg } from "node:os";
import autocannon from "autocannon";
import { DEMO_FORM } from "../../api/db/seeders/demo/catalogue";
import { validHousehold } from "../../test/helpers/demo-responses";

/** One load's figures: requests per second (2xx or not), latencies, and the machine's load while it ran. */
export interface Load {
  connections: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
  /** The 1-minute load average at the end of the load: on a shared machine it says what the figures are worth. */
  loadAverage: number;
}

const HOUSEHOLDS = Array.from({ length: 500 }, (_, i) => JSON.stringify(validHousehold(i + 1)));

/** The answers of a household, one of 500 valid demo households, in turn. */
export function householdJson(n: number): string {
  return HOUSEHOLDS[n % HOUSEHOLDS.length]!;
}

export interface LoadOptions {
  connections: number;
  /** Seconds of load (ignored when `amount` is given). */
  duration: number;
  /** The API's bearer token; null for the bare route. */
  token: string | null;
  /** Where the ids answered 2xx go. */
  accepted: string[];
  /** A fixed number of requests instead of a duration (warm-ups). */
  amount?: number;
  /** Requests per second offered in all (autocannon's overallRate), instead of as many as answered. */
  rate?: number;
  /** The answers each request sends (default: the 500 demo households in turn, each request a fresh id). */
  household?: () => string;
}

/** Households never sent before (fresh seeds, so new names and NINs): what the workers integrate as new. */
export function freshHouseholds(firstSeed: number): () => string {
  let seed = firstSeed;
  return () => JSON.stringify(validHousehold(seed++));
}

/**
 * Loads the ports at once, the connections (and the offered rate) shared between them; for the API, each
 * request a fresh id and one of 500 households, the 2xx ids kept. Requests per second are summed,
 * latencies the worst of the ports.
 */
export async function load(ports: number[], options: LoadOptions): Promise<Load> {
  const share = (n: number) => Math.ceil(n / ports.length);
  const runs = await Promise.all(
    ports.map((port) =>
      loadOne(`http://127.0.0.1:${port}/${options.token ? "api/submissions" : ""}`, {
        ...options,
        connections: share(options.connections),
        ...(options.rate ? { rate: share(options.rate) } : {}),
      }),
    ),
  );
  return {
    connections: options.connections,
    requestsPerSecond: round(runs.reduce((sum, r) => sum + r.requests.average, 0)),
    p50Ms: Math.max(...runs.map((r) => r.latency.p50)),
    p99Ms: Math.max(...runs.map((r) => r.latency.p99)),
    non2xx: runs.reduce((sum, r) => sum + r.non2xx, 0),
    errors: runs.reduce((sum, r) => sum + r.errors + r.timeouts, 0),
    loadAverage: round(loadavg()[0]!),
  };
}

function loadOne(url: string, { connections, duration, token, accepted, amount, rate, household }: LoadOptions) {
  let n = 0;
  const next = household ?? (() => householdJson(n++));
  return autocannon({
    url,
    connections,
    ...(amount ? { amount } : { duration }),
    ...(rate ? { overallRate: rate } : {}),
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    requests: [
      {
        setupRequest: (request) => {
          if (!token) return request;
          return { ...request, body: `{"id":"${randomUUID()}","formId":"${DEMO_FORM.id}","version":1,"data":${next()}}` };
        },
        onResponse: (status, body) => {
          if (token && status >= 200 && status < 300) accepted.push((JSON.parse(body) as { id: string }).id);
        },
      },
    ],
  });
}

export function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
