import type { UserAccount } from "../api/users";

/** An account was created or changed; `created` tells which. */
export type RsuUserSavedEvent = CustomEvent<{ user: UserAccount; created: boolean }>;

export function userSavedEvent(user: UserAccount, created: boolean): RsuUserSavedEvent {
  return new CustomEvent("rsu-user-saved", { detail: { user, created }, bubbles: true, composed: true });
}

declare global {
  interface GlobalEventHandlersEventMap {
    "rsu-user-saved": RsuUserSavedEvent;
  }
}
