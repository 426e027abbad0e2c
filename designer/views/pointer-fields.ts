import { html, nothing } from "lit";
import { pick } from "../i18n";
import type { FieldError } from "../../schemas/contracts/api";

/** The messages of a 422 by JSON pointer without its leading slash (`label/fr`, `constraints/min`). */
export type PointerMessages = Map<string, string[]>;

/** Groups field errors by pointer; a pointer no field shows (`/label` when French is missing) goes to its nearest shown parent or to `other`. */
export function groupByPointer(errors: FieldError[], shown: (key: string) => boolean): { byField: PointerMessages; other: string[] } {
  const byField: PointerMessages = new Map();
  const other: string[] = [];
  for (const error of errors) {
    let key = error.pointer.replace(/^\//, "");
    while (key && !shown(key)) key = key.includes("/") ? key.slice(0, key.lastIndexOf("/")) : "";
    if (key) byField.set(key, [...(byField.get(key) ?? []), pick(error.message)]);
    else other.push(pick(error.message));
  }
  return { byField, other };
}

export const idOf = (key: string) => `f-${key.replace(/\//g, "-")}`;

interface FieldOptions {
  value?: string;
  type?: string;
  hint?: string;
  required?: boolean;
  multiline?: boolean;
  readonly?: boolean;
  /** For fields kept in the component's state rather than read from the form on submit. */
  onInput?: (value: string) => void;
}

/** A labelled input named by its pointer key, its error below it and tied to it for screen readers. */
export function renderField(key: string, label: string, messages: PointerMessages, options: FieldOptions = {}) {
  const errors = messages.get(key);
  const id = idOf(key);
  const describedBy = [options.hint ? `${id}-hint` : "", errors ? `${id}-error` : ""].filter(Boolean).join(" ") || nothing;
  const invalid = errors ? "true" : "false";
  const input = (event: Event) => options.onInput?.((event.target as HTMLInputElement).value);
  return html`<div class="field">
    <label for=${id}>${label}</label>
    ${options.hint ? html`<span class="hint" id="${id}-hint">${options.hint}</span>` : nothing}
    ${
      options.multiline
        ? html`<textarea name=${key} id=${id} rows="3" aria-invalid=${invalid} aria-describedby=${describedBy} .value=${options.value ?? ""} @input=${input}></textarea>`
        : html`<input name=${key} id=${id} type=${options.type ?? "text"} ?required=${options.required ?? false} aria-invalid=${invalid} aria-describedby=${describedBy} .value=${options.value ?? ""} ?readonly=${options.readonly ?? false} autocomplete="off" @input=${input} />`
    }
    ${errors ? html`<span class="field-error" id="${id}-error">${errors.join(" ")}</span>` : nothing}
  </div>`;
}

/** A labelled select of coded values, named by its pointer key, with its error. */
export function renderSelect(
  key: string,
  label: string,
  messages: PointerMessages,
  choices: readonly { value: string; text: string }[],
  value: string,
  onChange?: (value: string) => void,
) {
  const errors = messages.get(key);
  const id = idOf(key);
  return html`<label class="field">
    ${label}
    <select name=${key} id=${id} aria-invalid=${errors ? "true" : "false"} aria-describedby=${errors ? `${id}-error` : nothing}
      @change=${(event: Event) => onChange?.((event.target as HTMLSelectElement).value)}>
      ${choices.map((choice) => html`<option value=${choice.value} ?selected=${choice.value === value}>${choice.text}</option>`)}
    </select>
    ${errors ? html`<span class="field-error" id="${id}-error">${errors.join(" ")}</span>` : nothing}
  </label>`;
}

/** The errors of a group of fields (`/label` when French is missing, `/constraints` when min exceeds max). */
export function renderGroupError(key: string, messages: PointerMessages) {
  const errors = messages.get(key);
  return html`<p class="field-error" data-errors=${key} ?hidden=${!errors}>${errors?.join(" ") ?? ""}</p>`;
}
