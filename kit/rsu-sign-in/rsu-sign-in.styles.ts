import { css } from "lit";

export default css`
  form {
    max-width: 26rem;
    margin: 0 auto;
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
    height: var(--rsu-target-size);
    padding: 0 0.75rem;
    font: inherit;
    border: 1px solid var(--rsu-color-muted);
    border-radius: 6px;
  }
  input:focus-visible {
    outline: 3px solid var(--rsu-color-focus);
    outline-offset: 2px;
  }
  button:hover {
    filter: brightness(1.1);
  }
  .status {
    padding: 0.75rem 1rem;
  }
`;
