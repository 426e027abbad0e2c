import { css } from "lit";

/** Buttons, focus and status boxes shared by the runtime's shadow-DOM components (tablet-sized targets). */
export const sharedStyles = css`
  :host {
    display: block;
    font-family: var(--rsu-font);
    color: var(--rsu-color-text);
  }
  [hidden] {
    display: none !important;
  }
  button {
    min-height: 48px;
    min-width: 48px;
    padding: 0 1.25rem;
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
  button:hover {
    filter: brightness(1.1);
  }
  button:focus-visible {
    outline: 3px solid var(--rsu-color-focus);
    outline-offset: 2px;
  }
  .status {
    padding: 1rem 1.25rem;
    border-radius: 6px;
    border-left: 6px solid var(--rsu-color-muted);
    background: var(--rsu-color-surface);
  }
  .status.error {
    border-left-color: var(--rsu-color-danger);
  }
`;
