import { html, nothing } from "lit";
import { fieldState, renderFieldError, type FieldMessages } from "./field-errors";

export interface TextFieldOptions {
  hint?: string;
  type?: string;
  value?: string;
  autocomplete?: string;
  min?: string;
}

/** A labelled input with its hint and the server's error for it, wired for screen readers. */
export function renderTextField(name: string, label: string, messages: FieldMessages | null, options: TextFieldOptions = {}) {
  const state = fieldState(name, messages, Boolean(options.hint));
  return html`<div class="field">
    <label for=${name}>${label}</label>
    ${options.hint ? html`<p class="hint" id="${name}-hint">${options.hint}</p>` : nothing}
    <input
      id=${name}
      name=${name}
      type=${options.type ?? "text"}
      .value=${options.value ?? ""}
      min=${options.min ?? nothing}
      autocomplete=${options.autocomplete ?? "off"}
      autocapitalize="off"
      spellcheck="false"
      aria-invalid=${state.invalid}
      aria-describedby=${state.describedBy || nothing}
    />
    ${renderFieldError(name, messages)}
  </div>`;
}

/** A labelled multi-line input with the server's error for it. */
export function renderTextArea(name: string, label: string, messages: FieldMessages | null, value = "", rows = 3) {
  const state = fieldState(name, messages);
  return html`<div class="field">
    <label for=${name}>${label}</label>
    <textarea id=${name} name=${name} rows=${rows} .value=${value} aria-invalid=${state.invalid} aria-describedby=${state.describedBy || nothing}></textarea>
    ${renderFieldError(name, messages)}
  </div>`;
}
