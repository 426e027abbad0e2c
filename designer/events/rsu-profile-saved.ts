import type { ImportProfile } from "../../schemas/imports/import-profile";

/** A bulk import's mapping profile was saved (issue #19). */
export type RsuProfileSavedEvent = CustomEvent<{ profile: ImportProfile }>;

export function profileSavedEvent(profile: ImportProfile): RsuProfileSavedEvent {
  return new CustomEvent("rsu-profile-saved", { detail: { profile }, bubbles: true, composed: true });
}

declare global {
  interface GlobalEventHandlersEventMap {
    "rsu-profile-saved": RsuProfileSavedEvent;
  }
}
