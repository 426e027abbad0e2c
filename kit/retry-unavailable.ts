import { pause } from "./pause";
import { ApiError } from "./request";

/** No answer, or an answer saying the server cannot serve for now: a restart, a failover, a proxy without backend. */
const UNAVAILABLE = new Set([0, 502, 503, 504]);
const MAX_WAIT_SECONDS = 60;

export interface RetryOptions {
  signal?: AbortSignal;
  /** Tries in all, the first one included. */
  attempts?: number;
  /** Told the seconds before each new try, to show them. */
  onWait?: (seconds: number) => void;
  /** How to wait; tests pass their own clock. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/**
 * Sends again while the server is unavailable, after the Retry-After it names (else 2, 4, 8… s), up to
 * `attempts` tries, then lets the last error through for the person to decide. Only for requests that are
 * safe to repeat: a submission is, its id makes a second arrival a no-op (DESIGN.md rule 2).
 */
export async function retryWhileUnavailable<T>(send: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const { signal, attempts = 6, onWait, sleep = pause } = options;
  for (let attempt = 1; ; attempt++) {
    try {
      return await send();
    } catch (error) {
      if (!(error instanceof ApiError) || !UNAVAILABLE.has(error.status) || attempt >= attempts || signal?.aborted) throw error;
      const seconds = Math.min(MAX_WAIT_SECONDS, error.retryAfterSeconds ?? 2 ** attempt);
      onWait?.(seconds);
      await sleep(seconds * 1000, signal);
    }
  }
}
