import { css } from "lit";
import { pagedTableStyles } from "../../kit/paged-table";
import { baseStyles } from "../../kit/styles";

/** What every back-office screen shares, over the base both apps share: headings, buttons, focus, form fields, status boxes, tables, pager. */
export const sharedStyles = [
  baseStyles,
  pagedTableStyles,
  css`
  h2 {
    font-size: 1.25rem;
    margin: 1rem 0;
  }
  h3 {
    font-size: 1.125rem;
    margin: 1.5rem 0 0.75rem;
  }
  /* A screen's title with its main button beside it (below it on a narrow screen). */
  .heading {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.75rem;
  }
  button.danger {
    border-color: var(--rsu-color-danger);
    background: var(--rsu-color-danger);
    color: var(--rsu-color-on-primary);
  }
  button.secondary.danger {
    background: var(--rsu-color-surface);
    color: var(--rsu-color-danger);
  }
  /* A link that downloads or opens a file, shown as a button. */
  a.button {
    display: inline-flex;
    align-items: center;
    min-height: 36px;
    padding: 0 0.75rem;
    font-weight: 600;
    border-radius: 6px;
    border: 2px solid var(--rsu-color-primary);
    color: var(--rsu-color-primary);
    background: var(--rsu-color-surface);
    text-decoration: none;
  }
  button.small {
    min-height: 36px;
    padding: 0 0.75rem;
    font-size: 0.9375rem;
  }
  button:disabled {
    opacity: 0.5;
    cursor: default;
  }
  button:focus-visible,
  input:focus-visible,
  select:focus-visible,
  summary:focus-visible,
  a:focus-visible,
  .link:focus-visible,
  [tabindex="-1"]:focus-visible {
    outline: 3px solid var(--rsu-color-focus);
    outline-offset: 2px;
  }
  form.filters {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    gap: 0.75rem 1rem;
    padding: 1rem;
    background: var(--rsu-color-surface);
    border: 1px solid var(--rsu-color-border);
    border-radius: 8px;
  }
  /* A long choice (a commune's name) shrinks its list to the screen instead of widening the page at 360 px. */
  form.filters > label {
    grid-template-columns: minmax(0, 1fr);
    min-width: 0;
    max-width: 100%;
  }
  form.panel {
    display: grid;
    gap: 1rem;
    max-width: 48rem;
    padding: 1.25rem;
    background: var(--rsu-color-surface);
    border: 1px solid var(--rsu-color-border);
    border-radius: 8px;
  }
  form.panel h3 {
    margin: 0;
  }
  /* A grid item is as wide as its widest content unless told otherwise: a select with a long option or a file
     input pushed the imports and exports forms past a 360 px screen (#21). */
  form.panel > *,
  .field,
  .field > * {
    min-width: 0;
  }
  .field {
    display: grid;
    gap: 0.25rem;
    max-width: 26rem;
  }
  input[type="file"] {
    width: 100%;
    height: auto;
    min-height: 44px;
    padding: 0.5rem 0.75rem;
  }
  fieldset {
    margin: 0;
    padding: 0.75rem 1rem 1rem;
    border: 1px solid var(--rsu-color-border);
    border-radius: 6px;
    display: grid;
    gap: 0.5rem;
  }
  fieldset[aria-invalid="true"] {
    border: 2px solid var(--rsu-color-danger);
  }
  legend {
    font-weight: 600;
    padding: 0 0.25rem;
  }
  .choices {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1.5rem;
  }
  label.check {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    min-height: 40px;
    font-weight: normal;
    cursor: pointer;
  }
  label.check input {
    width: 1.25rem;
    height: 1.25rem;
    margin: 0;
    accent-color: var(--rsu-color-primary);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem;
  }
  label {
    display: grid;
    gap: 0.25rem;
    font-weight: 600;
  }
  input,
  select {
    box-sizing: border-box;
    max-width: 100%;
    height: 44px;
    padding: 0 0.75rem;
    font: inherit;
    background: var(--rsu-color-surface);
    border: 1px solid var(--rsu-color-muted);
    border-radius: 6px;
  }
  input[aria-invalid="true"],
  select[aria-invalid="true"] {
    border: 2px solid var(--rsu-color-danger);
  }
  .hint {
    margin: 0;
    font-weight: normal;
    font-size: 0.875rem;
    color: var(--rsu-color-muted);
  }
  .field-error {
    margin: 0;
    font-weight: 600;
    font-size: 0.9375rem;
    color: var(--rsu-color-danger);
  }
  .status.success {
    border-left-color: var(--rsu-color-primary);
  }
  .status p {
    margin: 0;
  }
  .status button {
    margin-top: 0.75rem;
  }
  th {
    background: var(--rsu-color-background);
    font-size: 0.9375rem;
  }
  /* A row's naming cell reads as part of the row, not as a column header. */
  tbody th {
    font-weight: normal;
    background: none;
  }
  td.number {
    text-align: right;
  }
  td.row-actions {
    white-space: nowrap;
  }
  td.row-actions button + button {
    margin-left: 0.5rem;
  }
  .muted {
    color: var(--rsu-color-muted);
  }
  code,
  .code {
    font-family: ui-monospace, "DejaVu Sans Mono", monospace;
    font-size: 0.875rem;
  }
  .link {
    text-align: left;
    padding: 0.5rem 0;
    font: inherit;
    font-weight: 600;
    color: var(--rsu-color-primary);
    background: none;
    border: none;
    min-height: 44px;
    text-decoration: underline;
    cursor: pointer;
  }
`,
];
