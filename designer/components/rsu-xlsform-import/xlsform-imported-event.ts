/** An XLSForm became a new form's draft: the list is out of date and the draft opens in the designer. */
export type RsuXlsFormImportedEvent = CustomEvent<{ formId: string }>;

export function xlsFormImportedEvent(formId: string): RsuXlsFormImportedEvent {
  return new CustomEvent("rsu-xlsform-imported", { detail: { formId }, bubbles: true, composed: true });
}

declare global {
  interface GlobalEventHandlersEventMap {
    "rsu-xlsform-imported": RsuXlsFormImportedEvent;
  }
}
