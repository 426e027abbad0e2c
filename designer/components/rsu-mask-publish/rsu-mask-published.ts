import type { VersionSummary } from "../../../schemas/contracts/forms";

/** The draft of a form was published as a new version. */
export type RsuMaskPublishedEvent = CustomEvent<{ formId: string; version: VersionSummary }>;

export function maskPublishedEvent(formId: string, version: VersionSummary): RsuMaskPublishedEvent {
  return new CustomEvent("rsu-mask-published", { detail: { formId, version }, bubbles: true, composed: true });
}

declare global {
  interface GlobalEventHandlersEventMap {
    "rsu-mask-published": RsuMaskPublishedEvent;
  }
}
