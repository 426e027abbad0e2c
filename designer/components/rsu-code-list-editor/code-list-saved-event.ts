import type { CodeList } from "../../../schemas/catalogue/types";

/** A code list was created or changed; `created` tells which. */
export type RsuCodeListSavedEvent = CustomEvent<{ list: CodeList; created: boolean }>;

export function codeListSavedEvent(list: CodeList, created: boolean): RsuCodeListSavedEvent {
  return new CustomEvent("rsu-code-list-saved", { detail: { list, created }, bubbles: true, composed: true });
}

declare global {
  interface GlobalEventHandlersEventMap {
    "rsu-code-list-saved": RsuCodeListSavedEvent;
  }
}
