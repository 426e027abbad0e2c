import type { SignedInUser } from "../session";

/** Someone signed in; the session cookie is set. */
export type RsuSignedInEvent = CustomEvent<{ user: SignedInUser }>;

export function signedInEvent(user: SignedInUser): RsuSignedInEvent {
  return new CustomEvent("rsu-signed-in", { detail: { user }, bubbles: true, composed: true });
}

declare global {
  interface GlobalEventHandlersEventMap {
    "rsu-signed-in": RsuSignedInEvent;
  }
}
