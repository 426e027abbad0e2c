/** The person closed a form without saving it. */
export type RsuFormCancelEvent = CustomEvent<Record<string, never>>;

export function formCancelEvent(): RsuFormCancelEvent {
  return new CustomEvent("rsu-form-cancel", { detail: {}, bubbles: true, composed: true });
}

declare global {
  interface GlobalEventHandlersEventMap {
    "rsu-form-cancel": RsuFormCancelEvent;
  }
}
