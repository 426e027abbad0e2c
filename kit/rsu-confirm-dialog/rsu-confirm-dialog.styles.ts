import { css } from "lit";

export default css`
  dialog {
    box-sizing: border-box;
    width: min(32rem, calc(100vw - 2rem));
    padding: 1.25rem 1.5rem;
    border: 1px solid var(--rsu-color-border);
    border-radius: var(--rsu-radius-frame);
    background: var(--rsu-color-surface);
    color: var(--rsu-color-text);
  }
  dialog::backdrop {
    background: rgba(27, 31, 35, 0.55);
  }
  h2 {
    margin: 0 0 0.75rem;
    font-size: 1.25rem;
  }
  p {
    margin: 0 0 1.25rem;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    justify-content: flex-end;
    gap: 0.75rem;
  }
  button.danger {
    border-color: var(--rsu-color-danger);
    background: var(--rsu-color-danger);
  }
`;
