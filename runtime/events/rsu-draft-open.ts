import type { Draft } from "../offline/db";

/** The clerk reopens a questionnaire saved on this device (« Mes brouillons »), or an outbox item to correct. */
export type RsuDraftOpenEvent = CustomEvent<{ draft: Draft }>;

export function draftOpenEvent(draft: Draft): RsuDraftOpenEvent {
  return new CustomEvent("rsu-draft-open", { detail: { draft }, bubbles: true, composed: true });
}

declare global {
  interface GlobalEventHandlersEventMap {
    "rsu-draft-open": RsuDraftOpenEvent;
  }
}
