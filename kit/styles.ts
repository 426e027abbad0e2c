import { css } from "lit";

/**
 * What every shadow-DOM component of both apps starts from: the host, buttons, focus and status boxes.
 * Sizes come from the theme (`--rsu-target-size`), so the field app keeps tablet-sized targets.
 */
export const baseStyles = css`
  :host {
    display: block;
    font-family: var(--rsu-font);
    color: var(--rsu-color-text);
  }
  [hidden] {
    display: none !important;
  }
  button {
    min-height: var(--rsu-target-size);
    min-width: var(--rsu-target-size);
    padding: 0 var(--rsu-button-padding);
    font: inherit;
    font-weight: 600;
    border-radius: 6px;
    border: 2px solid var(--rsu-color-primary);
    background: var(--rsu-color-primary);
    color: var(--rsu-color-on-primary);
    cursor: pointer;
  }
  button.secondary {
    background: var(--rsu-color-surface);
    color: var(--rsu-color-primary);
  }
  button:focus-visible {
    outline: 3px solid var(--rsu-color-focus);
    outline-offset: 2px;
  }
  .status {
    padding: 1rem 1.25rem;
    border-radius: 6px;
    border-inline-start: 6px solid var(--rsu-color-muted);
    background: var(--rsu-color-surface);
  }
  .status.error {
    border-inline-start-color: var(--rsu-color-danger);
  }
`;

/** A list of records: a scrolling frame, full-width rows; each app shades the headers its own way. */
export const tableStyles = css`
  .table-wrap {
    overflow-x: auto;
    background: var(--rsu-color-surface);
    border: 1px solid var(--rsu-color-border);
    border-radius: 8px;
  }
  table {
    width: 100%;
    border-collapse: collapse;
  }
  th,
  td {
    text-align: start;
    vertical-align: top;
    padding: 0.625rem 0.75rem;
    border-bottom: 1px solid var(--rsu-color-border);
  }
  tbody tr:last-child > * {
    border-bottom: none;
  }
`;
