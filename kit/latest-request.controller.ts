import type { ReactiveController, ReactiveControllerHost } from "lit";
import { sessionExpiredEvent } from "./events/rsu-session-expired";
import { ApiError } from "./request";

/**
 * Loads a screen's data one request at a time: a newer request (a search, the next page) cancels the older
 * one, so results never arrive out of order. Tells the app when the session ended (401) and keeps the last
 * failure for the host to put in words; `loading` and `error` re-render the host.
 */
export class LatestRequestController implements ReactiveController {
  loading = false;
  /** Why the last request failed; undefined when it did not. */
  error: unknown = undefined;

  private readonly host: ReactiveControllerHost & EventTarget;
  private abort?: AbortController;

  constructor(host: ReactiveControllerHost & EventTarget) {
    this.host = host;
    host.addController(this);
  }

  hostDisconnected(): void {
    this.abort?.abort();
  }

  /** The last request failed for another reason than an ended session (which the app handles). */
  get failed(): boolean {
    return this.error !== undefined && !(this.error instanceof ApiError && this.error.unauthenticated);
  }

  clearError(): void {
    this.error = undefined;
    this.host.requestUpdate();
  }

  async run(load: (signal: AbortSignal) => Promise<void>): Promise<void> {
    this.abort?.abort();
    const abort = new AbortController();
    this.abort = abort;
    this.loading = true;
    this.error = undefined;
    this.host.requestUpdate();
    try {
      await load(abort.signal);
    } catch (error) {
      if (abort.signal.aborted) return;
      this.error = error;
      if (error instanceof ApiError && error.unauthenticated) this.host.dispatchEvent(sessionExpiredEvent());
    } finally {
      if (this.abort === abort) {
        this.loading = false;
        this.host.requestUpdate();
      }
    }
  }
}
