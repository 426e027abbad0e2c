/** The clerk leaves the questionnaire for the list of forms. */
export type RsuFormCloseEvent = CustomEvent<Record<string, never>>;

export function formCloseEvent(): RsuFormCloseEvent {
  return new CustomEvent("rsu-form-close", { detail: {}, bubbles: true, composed: true });
}

declare global {
  interface GlobalEventHandlersEventMap {
    "rsu-form-close": RsuFormCloseEvent;
  }
}
