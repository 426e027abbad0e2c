import type { SubmissionBody, SubmissionStatus } from "../../schemas/contracts/api";
import type { SubmissionStage } from "../../schemas/contracts/submissions";
import { getSubmission, listMySubmissions, postSubmission } from "../api-client";
import { message } from "../i18n";
import { pause } from "../../kit/pause";
import { ApiError } from "../../kit/request";
import { retryWhileUnavailable } from "../../kit/retry-unavailable";
import type { OutboxItem } from "./db";
import { listOutbox, updateOutboxItem } from "./outbox";

/** The rule the registry names when an update was built on a household version changed meanwhile. */
const STALE_UPDATE = "stale_update";
const MAX_BACKOFF_SECONDS = 60;
/** How often accepted items are asked about until the registry decides. */
const FOLLOW_MS = 2_000;
/** A household on Slow 3G takes a few seconds; a link that hangs longer is treated as down. */
const SEND_TIMEOUT_MS = 45_000;

/**
 * Sends the signed-in clerk's outbox whenever the link allows (#18): each item with its own id, so a
 * retry after a lost answer is a no-op on the server (DESIGN.md rule 2), then follows it to the registry's
 * decision. One tab sends at a time (Web Locks); closing the tab mid-send loses nothing, since an item
 * leaves "pending" only once the server has answered for it.
 */
export class OutboxSender {
  private stopped = false;
  private wakeUp?: () => void;
  /** A wake that came during a pass: the next sleep is skipped. */
  private woken = false;
  private failures = 0;

  constructor(
    private readonly userId: string,
    private readonly onSessionEnded: () => void,
  ) {}

  start(): void {
    window.addEventListener("online", this.wake);
    void this.run();
  }

  stop(): void {
    this.stopped = true;
    window.removeEventListener("online", this.wake);
    this.wake();
  }

  /** Something new to send, or the link is back: try now rather than at the end of the back-off. */
  readonly wake = (): void => {
    this.failures = 0;
    this.woken = true;
    this.wakeUp?.();
  };

  private async run() {
    while (!this.stopped) {
      let nextInMs: number | null;
      try {
        nextInMs = await this.exclusively(() => this.pass());
      } catch (error) {
        if (error instanceof ApiError && error.unauthenticated) {
          // The session ended, maybe while offline: the outbox waits for the clerk to sign in again.
          this.onSessionEnded();
          return;
        }
        nextInMs = this.backoffMs(error);
      }
      await this.sleep(nextInMs);
    }
  }

  /** Another tab of the same clerk may be sending: then this one waits for it rather than sending twice. */
  private exclusively<T>(work: () => Promise<T>): Promise<T> {
    // Web Locks exist only in secure contexts; without them the submission id still prevents doubles.
    const locks = (navigator as Navigator & { locks?: LockManager }).locks;
    return locks ? locks.request(`rsu-outbox:${this.userId}`, work) : work();
  }

  /** One round: send what waits, then ask about what was accepted. Resolves when to come back (null: when woken). */
  private async pass(): Promise<number | null> {
    const items = await listOutbox(this.userId);
    // Oldest first: households reach the registry in the order they were filled.
    for (const item of items.filter((i) => i.state === "pending").reverse()) {
      if (this.stopped) return null;
      await this.send(item);
    }
    this.failures = 0;
    const sent = (await listOutbox(this.userId)).filter((i) => i.state === "sent");
    if (!sent.length) return null;
    await this.follow(sent);
    return FOLLOW_MS;
  }

  private async send(item: OutboxItem) {
    const { id, form, data, householdId, baseVersion } = item;
    const target = householdId && baseVersion != null ? { householdId, baseVersion } : {};
    try {
      const accepted = await retryWhileUnavailable(
        () => postSubmission({ id, formId: form.id, version: form.version, data, ...target }, AbortSignal.timeout(SEND_TIMEOUT_MS)),
        { attempts: 2 },
      );
      await updateOutboxItem(id, () => ({ state: stateOf(accepted.status), attempts: 0 }));
    } catch (error) {
      if (!(error instanceof ApiError) || error.unanswered || error.unauthenticated || retryable(error.status)) {
        await updateOutboxItem(id, (i) => ({ attempts: i.attempts + 1 }));
        throw error;
      }
      // A 4xx will not change by sending again: the clerk reads why and corrects.
      const problem = error.problem?.message ?? message("serverError", { status: error.status });
      const invalid = error.problem?.code === "submission_invalid";
      await updateOutboxItem(id, () => ({ state: invalid ? "to-correct" : "rejected", problem, fieldErrors: error.fieldErrors }));
    }
  }

  /** One list request for the clerk's latest submissions; a single request each for older ones. */
  private async follow(sent: OutboxItem[]) {
    const page = await listMySubmissions({ limit: 200, offset: 0 });
    const known = new Map<string, SubmissionBody & { stage?: SubmissionStage }>(page.items.map((s) => [s.id, s]));
    for (const item of sent) {
      const body = known.get(item.id) ?? (await getSubmission(item.id));
      if (body.status === "received" || body.status === "valid") continue;
      await updateOutboxItem(item.id, () => ({
        state: stateOf(body.status),
        householdResult: body.householdId,
        fieldErrors: body.errors ?? undefined,
        stale: (body.reasons ?? []).some((r) => r.rule === STALE_UPDATE),
      }));
    }
  }

  /** 2, 4, 8… s up to a minute, or what the server asked for. */
  private backoffMs(error: unknown): number {
    this.failures++;
    const asked = error instanceof ApiError ? error.retryAfterSeconds : null;
    return Math.min(MAX_BACKOFF_SECONDS, asked ?? 2 ** this.failures) * 1000;
  }

  private async sleep(ms: number | null) {
    if (this.stopped || this.woken) {
      this.woken = false;
      return;
    }
    const woken = new Promise<void>((resolve) => (this.wakeUp = resolve));
    const abort = new AbortController();
    await Promise.race([woken, ms === null ? new Promise(() => {}) : pause(ms, abort.signal).catch(() => {})]);
    abort.abort();
    this.wakeUp = undefined;
    this.woken = false;
  }
}

function retryable(status: number) {
  return status >= 500 || status === 429 || status === 408;
}

function stateOf(status: SubmissionStatus): OutboxItem["state"] {
  switch (status) {
    case "integrated":
      return "integrated";
    case "needs_review":
      return "in-review";
    case "invalid":
      return "to-correct";
    case "rejected":
      return "rejected";
    default:
      return "sent";
  }
}

let current: OutboxSender | undefined;

/** Starts sending the signed-in clerk's outbox; stops the previous clerk's sender. */
export function startSending(userId: string, onSessionEnded: () => void): void {
  current?.stop();
  current = new OutboxSender(userId, onSessionEnded);
  current.start();
}

export function stopSending(): void {
  current?.stop();
  current = undefined;
}

/** A new item waits: send it now if the link allows. */
export function sendNow(): void {
  current?.wake();
}
