/** The API answered 401 (session ended, account deactivated): the shell asks to sign in again; work on the page is kept. */
export type RsuSessionExpiredEvent = CustomEvent<Record<string, never>>;

export function sessionExpiredEvent(): RsuSessionExpiredEvent {
  return new CustomEvent("rsu-session-expired", { detail: {}, bubbles: true, composed: true });
}

declare global {
  interface GlobalEventHandlersEventMap {
    "rsu-session-expired": RsuSessionExpiredEvent;
  }
}
