import { css } from "lit";

export default css`
  :host {
    display: block;
    font-family: var(--rsu-font);
    color: var(--rsu-color-text);
  }
  form {
    max-width: 26rem;
    margin: 1rem auto;
    display: grid;
    gap: 1rem;
    padding: 1.5rem;
    background: var(--rsu-color-surface);
    border: 1px solid var(--rsu-color-border);
    border-radius: 8px;
  }
  h2 {
    font-size: 1.25rem;
    margin: 0;
  }
  p {
    margin: 0;
  }
  label {
    display: grid;
    gap: 0.25rem;
    font-weight: 600;
  }
  input {
    box-sizing: border-box;
    height: 44px;
    padding: 0 0.75rem;
    font: inherit;
    border: 1px solid var(--rsu-color-muted);
    border-radius: 6px;
  }
  button {
    min-height: 44px;
    font: inherit;
    font-weight: 600;
    border-radius: 6px;
    border: 2px solid var(--rsu-color-primary);
    background: var(--rsu-color-primary);
    color: var(--rsu-color-on-primary);
    cursor: pointer;
  }
  input:focus-visible,
  button:focus-visible {
    outline: 3px solid var(--rsu-color-focus);
    outline-offset: 2px;
  }
  .status {
    padding: 0.75rem 1rem;
    border-left: 6px solid var(--rsu-color-muted);
    background: var(--rsu-color-background);
  }
  .status.error {
    border-left-color: var(--rsu-color-danger);
  }
`;
