import type { Incident } from "../../schemas/contracts/incidents";

/** An incident was changed (an action, its analysis, its closing): the register shows it anew. */
export type RsuIncidentChangedEvent = CustomEvent<{ incident: Incident }>;

export function incidentChangedEvent(incident: Incident): RsuIncidentChangedEvent {
  return new CustomEvent("rsu-incident-changed", { detail: { incident }, bubbles: true, composed: true });
}

declare global {
  interface GlobalEventHandlersEventMap {
    "rsu-incident-changed": RsuIncidentChangedEvent;
  }
}
