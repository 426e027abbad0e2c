import { html, nothing } from "lit";
import type { FieldError } from "../../schemas/contracts/api";
import { pick } from "../i18n";

/** The messages of a 422, by the form field they concern (`/areas/1` → `areas`), and those of no field. */
export interface FieldMessages {
  byField: Map<string, string[]>;
  other: string[];
}

export function groupFieldErrors(errors: FieldError[], fields: readonly string[]): FieldMessages {
  const byField = new Map<string, string[]>();
  const other: string[] = [];
  for (const error of errors) {
    const field = error.pointer.split("/")[1] ?? "";
    if (fields.includes(field)) byField.set(field, [...(byField.get(field) ?? []), pick(error.message)]);
    else other.push(pick(error.message));
  }
  return { byField, other };
}

/** The error text under a field, with the id its input names in `aria-describedby`. */
export function renderFieldError(field: string, messages: FieldMessages | null) {
  const texts = messages?.byField.get(field);
  return texts?.length ? html`<p class="field-error" id="${field}-error">${texts.join(" ")}</p>` : nothing;
}

/** `aria-invalid` and `aria-describedby` of a field's input: its hint, then its error when it has one. */
export function fieldState(field: string, messages: FieldMessages | null, hint = false) {
  const invalid = Boolean(messages?.byField.get(field)?.length);
  const describedBy = [hint ? `${field}-hint` : "", invalid ? `${field}-error` : ""].filter(Boolean).join(" ");
  return { invalid: invalid ? "true" : "false", describedBy };
}
