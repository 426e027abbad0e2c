import { css } from "lit";

export default css`
  :host {
    outline: none;
  }
  form.panel {
    max-width: 56rem;
  }
  .grid {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr));
    gap: 0.75rem 1rem;
    align-items: start;
  }
  .grid input,
  .grid select,
  .field input,
  .field select,
  .field textarea {
    width: 100%;
    min-width: 0;
    box-sizing: border-box;
  }
  textarea {
    font: inherit;
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--rsu-color-muted);
    border-radius: 6px;
  }
  textarea[aria-invalid="true"] {
    border: 2px solid var(--rsu-color-danger);
  }
  .field {
    max-width: none;
  }
  .code-list-choice {
    display: grid;
    grid-template-columns: minmax(14rem, 1fr) 2fr;
    gap: 0.75rem 1.5rem;
    align-items: start;
  }
  .code-list-preview ol {
    margin: 0;
    padding-left: 1.5rem;
    columns: 2;
  }
`;
