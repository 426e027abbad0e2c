import { css } from "lit";

export default css`
  .count {
    margin: 1.25rem 0 0.5rem;
  }
  tbody th {
    font-weight: 600;
  }
  tr.ended td,
  tr.ended th {
    color: var(--rsu-color-muted);
    background: var(--rsu-color-background);
  }
  .secret {
    display: grid;
    gap: 0.75rem;
    max-width: 48rem;
    padding: 1.25rem;
    background: var(--rsu-color-surface);
    border: 2px solid var(--rsu-color-primary);
    border-radius: 8px;
  }
  .secret h3 {
    margin: 0;
  }
  .secret > button {
    justify-self: start;
  }
  .warning {
    margin: 0;
    padding: 0.75rem 1rem;
    border-left: 6px solid var(--rsu-color-danger);
    background: var(--rsu-color-background);
  }
  .copy-row {
    display: flex;
    gap: 0.5rem;
  }
  .copy-row input {
    flex: 1;
    min-width: 0;
  }
  .secret .hint,
  .secret .field-error {
    min-height: 1.5em;
  }
`;
