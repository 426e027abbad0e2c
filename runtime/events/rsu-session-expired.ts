/** The API answered 401: the clerk must sign in again. Work on the page is kept. */
export type RsuSessionExpiredEvent = CustomEvent<Record<string, never>>;

export function sessionExpiredEvent(): RsuSessionExpiredEvent {
  return new CustomEvent("rsu-session-expired", { detail: {}, bubbles: true, composed: true });
}

declare global {
  interface GlobalEventHandlersEventMap {
    "rsu-session-expired": RsuSessionExpiredEvent;
  }
}
