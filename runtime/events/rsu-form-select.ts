import type { PublishedFormSummary } from "../../schemas/contracts/api";

/** The clerk chose a published questionnaire to fill. */
export type RsuFormSelectEvent = CustomEvent<{ form: PublishedFormSummary }>;

export function formSelectEvent(form: PublishedFormSummary): RsuFormSelectEvent {
  return new CustomEvent("rsu-form-select", { detail: { form }, bubbles: true, composed: true });
}

declare global {
  interface GlobalEventHandlersEventMap {
    "rsu-form-select": RsuFormSelectEvent;
  }
}
