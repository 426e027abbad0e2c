import type { ApiTokenView } from "../api/tokens";

/** A token was issued; `detail.secret` is its secret, which the API will never give again. */
export type RsuTokenCreatedEvent = CustomEvent<{ token: ApiTokenView; secret: string }>;

export function tokenCreatedEvent(token: ApiTokenView, secret: string): RsuTokenCreatedEvent {
  return new CustomEvent("rsu-token-created", { detail: { token, secret }, bubbles: true, composed: true });
}

declare global {
  interface GlobalEventHandlersEventMap {
    "rsu-token-created": RsuTokenCreatedEvent;
  }
}
