import type { ReactiveController, ReactiveControllerHost } from "lit";
import type { HelpTopic } from "./help-link";

/**
 * The guide's section of the sub-screen open now (a household's history, an import's page, a user's form),
 * so that « Aide » opens there rather than at the tab's chapter (#21). A screen declares its topic with a
 * `SubScreenHelp`; the title bar reads `openSubScreenTopic()` and re-renders on `onSubScreenTopicChange`.
 */
const open = new Map<SubScreenHelp, HelpTopic>();
const listeners = new Set<() => void>();

/** The innermost sub-screen's topic: the one declared last (an import's profile inside its import). */
export function openSubScreenTopic(): HelpTopic | undefined {
  return [...open.values()].at(-1);
}

/** Calls `listener` whenever a sub-screen opens, closes or changes topic; returns how to stop. */
export function onSubScreenTopicChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Declares the host's guide section while it is in the page. `topic` is read before each update, so a
 * screen whose section depends on its state (creating or editing a user; none while only its list shows)
 * says so by returning a different topic, or undefined for its tab's.
 */
export class SubScreenHelp implements ReactiveController {
  private connected = false;
  private current: HelpTopic | undefined;
  private readonly topic: () => HelpTopic | undefined;

  constructor(host: ReactiveControllerHost, topic: () => HelpTopic | undefined) {
    this.topic = topic;
    host.addController(this);
  }

  hostConnected(): void {
    this.connected = true;
    this.sync();
  }

  hostUpdate(): void {
    this.sync();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.sync();
  }

  private sync() {
    const topic = this.connected ? this.topic() : undefined;
    if (topic === this.current) return;
    this.current = topic;
    open.delete(this);
    if (topic) open.set(this, topic);
    for (const listener of listeners) listener();
  }
}
