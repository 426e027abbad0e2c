import type { Variable } from "../../schemas/catalogue/types";

/** A variable was created or changed; `created` tells which. */
export type RsuVariableSavedEvent = CustomEvent<{ variable: Variable; created: boolean }>;

export function variableSavedEvent(variable: Variable, created: boolean): RsuVariableSavedEvent {
  return new CustomEvent("rsu-variable-saved", { detail: { variable, created }, bubbles: true, composed: true });
}

declare global {
  interface GlobalEventHandlersEventMap {
    "rsu-variable-saved": RsuVariableSavedEvent;
  }
}
