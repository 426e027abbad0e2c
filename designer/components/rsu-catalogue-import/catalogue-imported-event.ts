import type { ImportResult } from "../../api/catalogue-import";

/** An import was applied: the catalogue shown is out of date. */
export type RsuCatalogueImportedEvent = CustomEvent<{ result: ImportResult }>;

export function catalogueImportedEvent(result: ImportResult): RsuCatalogueImportedEvent {
  return new CustomEvent("rsu-catalogue-imported", { detail: { result }, bubbles: true, composed: true });
}

declare global {
  interface GlobalEventHandlersEventMap {
    "rsu-catalogue-imported": RsuCatalogueImportedEvent;
  }
}
