import type { Draft } from "../../offline/db";
import { saveDraft } from "../../offline/drafts";

/**
 * While the clerk types, the draft is written at most this often: reading a 60-member household's answers
 * and storing them at every key took seconds per key on a tablet (#18). A battery that dies mid-sentence
 * loses at most this much typing; leaving the field, the page or the tab writes at once.
 */
export const DRAFT_WRITE_INTERVAL_MS = 1_000;

/**
 * Keeps one questionnaire's draft on the device: `changed()` after each answer, `flush()` when the clerk
 * leaves something (a field, the page, the tab). Writes go one at a time, the latest answers last.
 */
export class DraftKeeper {
  private dirty = false;
  private timer?: ReturnType<typeof setTimeout>;
  private writing?: Promise<void>;
  private readonly leave = () => {
    if (document.visibilityState === "hidden") void this.flush();
  };
  private readonly pagehide = () => void this.flush();

  /** `capture` reads the draft as it stands (undefined: nothing to keep); `beforeCapture` hands in any text still being typed. */
  constructor(
    private readonly capture: () => Draft | undefined,
    private readonly beforeCapture: () => void = () => {},
  ) {
    // A reload, a closed tab or a switch to another app: the last words typed are written before the page goes.
    document.addEventListener("visibilitychange", this.leave);
    window.addEventListener("pagehide", this.pagehide);
  }

  /** An answer changed: written within DRAFT_WRITE_INTERVAL_MS. */
  changed(): void {
    this.dirty = true;
    this.timer ??= setTimeout(() => void this.flush(), DRAFT_WRITE_INTERVAL_MS);
  }

  /** Writes now what is not written yet; resolves once the device holds it. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.beforeCapture();
    if (!this.dirty) return this.writing ?? Promise.resolve();
    this.dirty = false;
    const draft = this.capture();
    const previous = this.writing ?? Promise.resolve();
    const write = previous.then(() => (draft ? saveDraft(draft).catch(() => {}) : undefined));
    this.writing = write;
    void write.then(() => {
      if (this.writing === write) this.writing = undefined;
    });
    return write;
  }

  /** The questionnaire is closed or sent: nothing more to write from it. */
  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.dirty = false;
    document.removeEventListener("visibilitychange", this.leave);
    window.removeEventListener("pagehide", this.pagehide);
  }
}
